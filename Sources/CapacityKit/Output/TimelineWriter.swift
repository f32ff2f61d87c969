import Foundation

/// Renders a ``TimelineResult`` as a table, CSV, JSON or Markdown. Pure: result
/// in, text out; every date, choice and "act now" comes decided from the engine.
public struct TimelineWriter: ResultWriter {
    public var result: TimelineResult
    /// The overrides the model ran with (`--set`): listed under the header, in a CSV column and in JSON.
    public var overrides: [ModelOverride]

    /// Terminal width the tables must fit (``TextTable/plainText(width:)``); nil: no limit.
    public var width: Int?

    public init(_ result: TimelineResult, overrides: [ModelOverride] = []) {
        self.result = result
        self.overrides = overrides
    }

    /// The CSV columns: each month's row says what is in force (nodes, node memory, every limit and
    /// pool size, the per_node of each worker pool a workers option can raise) and its figures; each change has a row of its own (`row` = `action`) in the month
    /// it is in force, each shortfall one (`row` = `runs out`) in its first month. One value per cell.
    public var csvHeader: [String] {
        ["row", "month", "date", "nodes", "memory_mb"]
            + zip(result.services, result.plan.months.first?.capacity.limitsMB ?? []).compactMap { $1 == nil ? nil : "\($0)_limit_mb" }
            + result.pools.map { "\($0)_size" } + result.scaledWorkers.map { "\(result.workers[$0])_workers_per_node" }
            + ["memory_p90_pct", "p_oom", "p_fail_max", "p_fail_max_resource", "cost_per_month", "cumulative_cost",
               "step", "kind", "change", "option", "resource", "plan_by", "act_by", "deadline", "added_cost_per_month", "why"]
    }

    // MARK: - CSV

    /// `date`, `plan_by` and `deadline` are months written as their first day (`2027-01-01`), `act_by`
    /// a day; `memory_p90_pct` is the host's P90 as a percentage of usable memory (the one percentage
    /// in any CSV, named by the timeline's contract); probabilities are fractions.
    public var csv: String {
        let plan = result.plan, number = NumberFormat.spreadsheet
        let firstLimits = result.plan.months.first?.capacity.limitsMB ?? []
        let limited = firstLimits.indices.filter { firstLimits[$0] != nil }
        let blankProvision = Array(repeating: "", count: 2 + limited.count + result.pools.count + result.scaledWorkers.count)
        let blankFigures = Array(repeating: "", count: 6)
        let blankAction = Array(repeating: "", count: 10)
        var rows: [[String]] = []
        for month in plan.months {
            let c = month.capacity
            let provision: [String] = [String(c.nodes), number(c.nodeMemoryMB)]
                + limited.map { number(c.limitsMB[$0] ?? 0) } + c.poolSizes.map { String($0) }
                + result.scaledWorkers.map { String(c.workersPerNode[$0]) }
            let figures: [String] = [number(month.hostP90 * 100), number(month.pOOM.estimate), number(month.worstPFail.estimate),
                                     month.worstResource.label, number(month.costPerMonth), number(month.cumulativeCost)]
            rows.append(["month", String(month.month), CSVDocument.date(month.date)] + provision + figures + blankAction)
            for i in month.actions {
                let step = plan.steps[i]
                rows.append(["action", String(month.month), CSVDocument.date(month.date)] + blankProvision + blankFigures
                            + [String(i + 1), step.kind, step.label, step.option ?? "", step.resource.label,
                               step.planBy.map(CSVDocument.date) ?? "", step.actBy.description,
                               step.deadline.map { CSVDocument.date(result.date($0)) } ?? "",
                               number(step.addedCostPerMonth), step.reason])
            }
            for i in month.runsOut {
                let shortfall = plan.shortfalls[i]
                rows.append(["runs out", String(month.month), CSVDocument.date(month.date)] + blankProvision + blankFigures
                            + ["", "", shortfall.wouldHold, "", shortfall.resource.label, "", "",
                               CSVDocument.date(result.date(shortfall.deadline)), "", shortfall.binding])
            }
        }
        return OverrideNote.csv(InputsAgeNote.csv(CSVDocument(header: csvHeader, rows: rows), result.inputsAge), overrides).text
    }

    // MARK: - JSON

    public var json: String {
        var document = TimelineDocument(result)
        document.overrides = OverrideNote.json(overrides)
        return JSONText.encode(document)
    }

    // MARK: - Table and Markdown

    /// The header and the summary; resources, the plan and why, what cannot hold; the months; the notes.
    public var document: Document {
        var document = Document([
            .heading(level: 2, text: header), .list(items: summaryLines, terminal: .dot),
            .heading(level: 3, text: "Resources as the model is (crossings at P\(q))"), .table(resourceTable()),
        ])
        if !result.plan.steps.isEmpty {
            document.append(contentsOf: [
                .heading(level: 3, text: "Plan (\(result.options.strategy.rawValue), review every \(result.options.reviewMonths) months)"),
                .table(planTable()), .paragraph("Why each change:"),
                .list(items: result.plan.steps.enumerated().map { "\($0 + 1). \($1.reason)" }, terminal: .dot),
            ])
        }
        if !result.plan.shortfalls.isEmpty {
            document.append(contentsOf: [
                .heading(level: 3, text: "What the options cannot hold"), .table(shortfallTable()),
                .paragraph("What binds, and what would hold:"),
                .list(items: result.plan.shortfalls.map { "\($0.resource.label): \($0.binding). Would hold: \($0.wouldHold)." },
                      terminal: .dot),
            ])
        }
        document.append(contentsOf: [.heading(level: 3, text: "Months under the plan"), .table(monthTable()),
                                     .list(items: notes, terminal: .dot)])
        return document
    }


    private var q: String { NumberFormat.short(result.options.confidence * 100) }

    private var header: String {
        let r = result
        return "\(r.modelName): scaling timeline over \(r.plan.months.count) months from \(r.start), "
            + "\(NumberFormat.grouped(r.options.forecast.paths)) paths, seed \(r.options.forecast.seed), "
            + "crossings at P\(q), risk level \(percent(r.risk)), today \(r.today)"
            + (InputsAgeNote.line(r.inputsAge).map { "\n" + $0 } ?? "")
            + (OverrideNote.line(overrides).map { "\n" + $0 } ?? "")
    }

    /// The headline, line by line: the plan's changes and cost, the first action, whether it holds
    /// (or what runs out, from when), and the risk of carrying it out.
    public var summaryLines: [String] {
        let plan = result.plan
        var lines: [String] = []
        if plan.steps.isEmpty, plan.shortfalls.isEmpty {
            return ["No action needed: no resource reaches its critical level or \(percent(result.risk)) P(fail) within the horizon."]
        }
        lines.append("Plan: \(plan.steps.count) change\(plan.steps.count == 1 ? "" : "s"); "
                     + "\(money(plan.months.last?.costPerMonth ?? 0))/month at the end (today \(money(result.baseCostPerMonth))), "
                     + "\(money(plan.totalCost)) over \(plan.months.count) months.")
        if let first = plan.steps.first { lines.append("First action: \(stepSentence(first)).") }
        let early = plan.shortfalls.filter(\.onlyBeforeFirstChange), late = plan.shortfalls.filter { !$0.onlyBeforeFirstChange }
        if !early.isEmpty {
            lines.append("Already past its rule before any change can be in force (lead time): "
                         + early.map { "\($0.resource.label) in \(result.date($0.deadline))" }.joined(separator: ", ")
                         + "; the plan holds it from its first change.")
        }
        if late.isEmpty {
            lines.append("It holds: every resource stays below its critical level and \(percent(result.risk)) P(fail) in every month "
                         + (early.isEmpty ? "" : "from the first change ") + "to \(result.date(plan.months.count)).")
        } else {
            let names = late.map { "\($0.resource.label) from \(result.date($0.deadline))" }
            lines.append("Within the model's options it does not hold: \(names.joined(separator: ", ")) (see what would hold).")
        }
        if let risk = plan.executionRisk, risk.changes > 0 {
            lines.append("Carrying it out: \(risk.changes) change\(risk.changes == 1 ? "" : "s"), each a deployment; "
                         + "P(at least one rollback or unrecoverable failure) \(NumberFormat.percent(risk.anyFailure)), "
                         + "P(at least one unrecoverable) \(NumberFormat.percent(risk.anyUnrecoverable)).")
        }
        return lines
    }

    /// The headline as one text.
    public var summary: String { summaryLines.joined(separator: "\n") }

    /// The line `capacity forecast` ends its table with: the plan's first action and its dates.
    public var firstActionLine: String {
        guard let first = result.plan.steps.first else {
            if let shortfall = result.plan.shortfalls.first {
                return "Next action: none of scaling.options helps the \(shortfall.resource.label) before "
                    + "\(result.date(shortfall.deadline)); see `capacity timeline`."
            }
            return "Next action: none needed within \(result.plan.months.count) months."
        }
        return "Next action: \(stepSentence(first))\(first.planBy.map { "; plan by \($0)" } ?? ""). "
            + "The whole plan: `capacity timeline`."
    }

    /// "act by 2027-01-18: upgrade to 8GB (4000 → 8000 MB per node) for the host, in force from 2027-02, +$25/month".
    func stepSentence(_ step: PlanStep) -> String {
        let when = step.actNow ? "act now (act-by \(step.actBy) has passed)" : "act by \(step.actBy)"
        return "\(when): \(step.label)\(step.option == nil ? " (proposed)" : "") for the \(step.resource.label), "
            + "in force from \(result.date(step.month)), +\(money(step.addedCostPerMonth))/month"
    }

    func resourceTable() -> TextTable {
        let rows = result.resources.map { r -> [String] in
            let c = r.crossings
            return [r.resource.label, month(c.warn), month(c.critical), month(c.limit), month(c.risk),
                    r.actBy.map { "\($0) (\(NumberFormat.exact(r.leadTimeDays)) d)" } ?? "—", actNote(r)]
        }
        return TextTable(columns: [.init("resource", .left), .init("plan by (warn)", .left), .init("critical", .left),
                                   .init("at capacity", .left), .init("P(fail) ≥ \(percent(result.risk))", .left),
                                   .init("act by", .left), .init("", .left)], rows: rows)
    }

    /// "act now: api has been over 85 % of its limit since 2027-01".
    func actNote(_ r: ResourceDates) -> String {
        guard r.actNow else { return "" }
        let level = "\(NumberFormat.short(r.resource.levels.critical * 100)) % of \(r.resource.kind.capacityPhrase(possessive: true))"
        if let since = r.criticalSince { return "act now: \(r.resource.name) has been over \(level) since \(since)" }
        return "act now: \(r.resource.name) reaches \(level) in \(result.date(r.deadline!)), "
            + "less than the \(NumberFormat.exact(r.leadTimeDays))-day lead time after today"
    }

    func planTable() -> TextTable {
        let rows = result.plan.steps.enumerated().map { i, step -> [String] in
            [String(i + 1), result.date(step.month).description, step.label + (step.option == nil ? " (proposed)" : ""),
             step.resource.label, step.planBy?.description ?? "—", step.deadline.map { result.date($0).description } ?? "—",
             step.actNow ? "now (\(step.actBy) passed)" : step.actBy.description, money(step.addedCostPerMonth)]
        }
        return TextTable(columns: [.init("#"), .init("in force", .left), .init("change", .left), .init("for", .left),
                                   .init("plan by", .left), .init("deadline", .left), .init("act by", .left), .init("+cost/mo")],
                         rows: rows)
    }

    func shortfallTable() -> TextTable {
        let rows = result.plan.shortfalls.map { s -> [String] in
            [s.resource.label, result.date(s.deadline).description, s.failsIn.map { result.date($0).description } ?? "—"]
        }
        return TextTable(columns: [.init("resource", .left), .init("fails its rule from", .left),
                                   .init("P(fail) ≥ \(percent(result.risk))", .left)], rows: rows)
    }

    func monthTable() -> TextTable {
        let plan = result.plan
        let rows = plan.months.map { m -> [String] in
            let event = ((m.actions.isEmpty ? [] : ["changes " + m.actions.map { String($0 + 1) }.joined(separator: ", ")])
                + m.runsOut.map { "\(plan.shortfalls[$0].resource.label) fails" }).joined(separator: "; ")
            return [String(m.month), m.date.description, String(m.nodes), NumberFormat.decimal(m.nodeMemoryMB, 0),
                    m.hostP90 < 1 ? NumberFormat.decimal(m.hostP90 * 100, 1) + "%" : ForecastWriter.utilization(m.hostP90),
                    NumberFormat.probability(m.pOOM, below: result.risk),
                    "\(NumberFormat.probability(m.worstPFail, below: result.risk)) \(m.worstResource.label)", money(m.costPerMonth),
                    money(m.cumulativeCost), event]
        }
        return TextTable(columns: [.init("month"), .init("date", .left), .init("nodes"), .init("node MB"),
                                   .init("host p90 % usable"), .init("P(OOM)"), .init("max P(fail)", .left),
                                   .init("cost/mo"), .init("cumulative"), .init("event", .left)], rows: rows)
    }

    private var notes: [String] {
        ["Month m is dated by its first day. A resource's deadline is the first month whose P\(q) reaches its critical level "
            + "or whose P(fail) reaches \(percent(result.risk)); plan by is its first month at warn; act by = the first day "
            + "of the month a change is in force − its lead time (calendar days, counted from today).",
         "The plan is the \(result.options.strategy == .cheapest ? "cheapest schedule (total cost; ties: fewer changes)" : "schedule with the fewest changes (ties: the cheaper)") "
            + "that keeps every resource under that rule in every month the options allow, found by exact search over "
            + "node size × node count × connection options; limits and pool sizes are right-sized for each epoch and at least "
            + "\(result.options.reviewMonths) months, change at most once a review cycle unless their node changes, and fit "
            + "together (Σ limits ≤ usable memory per node; the pools on a server ≤ max_connections − reserved). "
            + "Every figure comes from one forecast under the plan, on the same random paths as the model as it is."]
            + result.unusableOptions.map { "Option \($0.option) is not used: \($0.reason)." }
    }

    private func month(_ m: Int?) -> String { m.map { result.date($0).description } ?? "—" }
    private func percent(_ fraction: Double) -> String { NumberFormat.short(fraction * 100) + " %" }
    private func money(_ value: Double) -> String { "$" + NumberFormat.decimal(value, 2) }
}
