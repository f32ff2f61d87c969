import Foundation

/// Renders a ``TimelineResult`` as a table, CSV, JSON or Markdown. Pure: result
/// in, text out; every date, choice and "act now" comes decided from the engine.
public struct TimelineWriter: ResultWriter {
    public var result: TimelineResult
    /// The overrides the model ran with (`--set`): listed under the header, in a CSV column and in JSON.
    public var overrides: [ModelOverride]

    public init(_ result: TimelineResult, overrides: [ModelOverride] = []) {
        self.result = result
        self.overrides = overrides
    }

    /// The CSV columns: the contract's first, then the resource an action answers and its dates,
    /// then the worst resource of the month.
    public static let csvHeader = ["month", "date", "event", "option", "nodes", "memory_mb", "memory_p90_pct", "p_oom",
                                   "cost_per_month", "cumulative_cost", "resource", "plan_by", "act_by",
                                   "p_fail_max", "p_fail_max_resource"]

    // MARK: - CSV

    /// One row per month; `event` is `apply` in the month an action is in force, `runs out` in the
    /// month a resource no option helps reaches the risk level, else empty. `date` and `plan_by`
    /// are months written as their first day (`2027-01-01`), `act_by` a day; `memory_p90_pct` is
    /// the host's P90 as a percentage of usable memory (the one percentage in any CSV, named by
    /// the timeline's contract); probabilities are fractions.
    public var csv: String {
        let plan = result.plan
        let rows = plan.months.map { month -> [String] in
            let steps = month.actions.map { plan.steps[$0] }
            let event = ((steps.isEmpty ? [] : ["apply"]) + (month.runsOut.isEmpty ? [] : ["runs out"])).joined(separator: "; ")
            let resource = steps.map { $0.resource.label } + month.runsOut.map { plan.shortfalls[$0].resource.label }
            let number = NumberFormat.spreadsheet
            return [String(month.month), CSVDocument.date(month.date), event, steps.map(\.chosen.option.name).joined(separator: "; "),
                    String(month.nodes), number(month.nodeMemoryMB), number(month.hostP90 * 100),
                    number(month.pOOM.estimate), number(month.costPerMonth),
                    number(month.cumulativeCost), resource.joined(separator: "; "),
                    steps.compactMap { $0.planBy.map(CSVDocument.date) }.joined(separator: "; "),
                    steps.map(\.chosen.actBy.description).joined(separator: "; "),
                    number(month.worstPFail.estimate), month.worstResource.label]
        }
        return OverrideNote.csv(CSVDocument(header: Self.csvHeader, rows: rows), overrides).text
    }

    // MARK: - JSON

    public var json: String {
        var document = TimelineDocument(result)
        document.overrides = OverrideNote.json(overrides)
        return JSONText.encode(document)
    }

    // MARK: - Table and Markdown

    public var table: String { render(markdown: false) }
    public var markdown: String { render(markdown: true) }

    private func render(markdown: Bool) -> String {
        func block(_ title: String, _ table: TextTable) -> String {
            markdown ? "### \(title)\n\n" + table.markdown : "\(title)\n" + table.plainText
        }
        var parts = [markdown ? "## \(header)\n\n\(summary)\n" : "\(header)\n\(summary)\n"]
        parts.append(block("Resources as the model is (crossings at P\(q))", resourceTable()))
        parts.append(block("Plan (\(result.options.strategy.rawValue))", planTable()))
        for (i, step) in result.plan.steps.enumerated() {
            parts.append(block("Options for step \(i + 1): \(step.resource.label), deadline \(result.date(step.deadline))",
                               optionTable(step.candidates)))
        }
        for shortfall in result.plan.shortfalls {
            parts.append(block("No option helps the \(shortfall.resource.label) (deadline \(result.date(shortfall.deadline))): options tried",
                               optionTable(shortfall.tried)))
        }
        parts.append(block("Months under the plan", monthTable()))
        parts.append(notes.map { markdown ? "- \($0)" : "· \($0)" }.joined(separator: "\n") + "\n")
        return parts.joined(separator: "\n")
    }

    private var q: String { NumberFormat.short(result.options.confidence * 100) }

    private var header: String {
        let r = result
        return "\(r.modelName): scaling timeline over \(r.plan.months.count) months from \(r.start), "
            + "\(NumberFormat.grouped(r.options.forecast.paths)) paths, seed \(r.options.forecast.seed), "
            + "crossings at P\(q), risk level \(percent(r.risk)), today \(r.today)"
            + (OverrideNote.line(overrides).map { "\n" + $0 } ?? "")
    }

    /// The headline: how many actions, what they cost, and whether the risk stays below the level.
    public var summary: String {
        let plan = result.plan
        var lines: [String] = []
        if plan.steps.isEmpty, plan.shortfalls.isEmpty {
            lines.append("No action needed: no resource reaches its critical level or \(percent(result.risk)) P(fail) within the horizon.")
        } else if let first = plan.steps.first {
            lines.append("First action: \(stepSentence(first)).")
            lines.append("Plan: \(plan.steps.count) action\(plan.steps.count == 1 ? "" : "s"); "
                         + "\(money(plan.months.last?.costPerMonth ?? 0))/month at the end (today \(money(result.baseCostPerMonth))), "
                         + "\(money(plan.totalCost)) over \(plan.months.count) months.")
        }
        if !plan.steps.isEmpty, plan.shortfalls.isEmpty {
            lines.append("After the last action no resource reaches its critical level or \(percent(result.risk)) P(fail) "
                         + "to \(result.date(plan.months.count)).")
        }
        for shortfall in plan.shortfalls {
            let when = shortfall.failsIn.map { "it runs out in \(result.date($0)) (month \($0)): P(fail) ≥ \(percent(result.risk))" }
                ?? "it reaches its critical level in \(result.date(shortfall.deadline)); P(fail) stays below \(percent(result.risk)) within the horizon"
            lines.append("No option keeps the risk below \(percent(result.risk)) for the \(shortfall.resource.label) "
                         + "from \(result.date(shortfall.deadline)): \(when).")
        }
        return lines.joined(separator: "\n")
    }

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

    /// "2027-01-18: right-size api limit (api container, deadline 2027-02; in force 2027-02; +$0/month)".
    func stepSentence(_ step: PlanStep) -> String {
        let c = step.chosen
        let when = c.actNow ? "act now (act-by \(c.actBy) has passed)" : "act by \(c.actBy)"
        let what = c.limitMB.map { " to \(NumberFormat.decimal($0, 0)) MB" } ?? c.poolSize.map { " to size \($0)" } ?? ""
        return "\(when): \(c.option.name)\(what)\(c.proposed ? " (proposed)" : "") for the \(step.resource.label), "
            + "in force from \(result.date(c.appliesMonth!)), +\(money(c.addedCostPerMonth))/month, "
            + "\(c.runwayMonths) month\(c.runwayMonths == 1 ? "" : "s") of runway"
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
        let level = "\(NumberFormat.short(r.resource.levels.critical * 100)) % of \(capacityWord(r.resource))"
        if let since = r.criticalSince { return "act now: \(r.resource.name) has been over \(level) since \(since)" }
        return "act now: \(r.resource.name) reaches \(level) in \(result.date(r.deadline!)), "
            + "less than the \(NumberFormat.exact(r.leadTimeDays))-day lead time after today"
    }

    func planTable() -> TextTable {
        let rows = result.plan.steps.enumerated().map { i, step -> [String] in
            let c = step.chosen
            return [String(i + 1), step.resource.label, step.planBy?.description ?? "—", result.date(step.deadline).description,
                    c.option.name + (c.proposed ? " (proposed)" : "") + Self.setting(c),
                    c.actNow ? "now (\(c.actBy) passed)" : c.actBy.description, result.date(c.appliesMonth!).description,
                    "\(c.runwayMonths)", money(c.addedCostPerMonth), money(step.costPerMonth),
                    "\(NumberFormat.probability(step.riskLeft)) \(step.riskLeftResource.label)"]
        }
        return TextTable(columns: [.init("#"), .init("resource", .left), .init("plan by", .left), .init("deadline", .left),
                                   .init("option", .left), .init("act by", .left), .init("in force", .left),
                                   .init("runway mo"), .init("+cost/mo"), .init("cost/mo"), .init("max P(fail) left", .left)],
                         rows: rows)
    }

    /// What an option sets, after its name: " → 294 MB" for a limit, " → size 24" for a pool.
    static func setting(_ c: OptionEvaluation) -> String {
        c.limitMB.map { " → \(NumberFormat.decimal($0, 0)) MB" } ?? c.poolSize.map { " → size \($0)" } ?? ""
    }

    private func optionTable(_ candidates: [OptionEvaluation]) -> TextTable {
        let rows = candidates.map { c -> [String] in
            let name = c.option.name + (c.proposed ? " (proposed)" : "") + Self.setting(c)
            guard c.refusal == nil, let applies = c.appliesMonth else {
                return [name, c.option.kind.rawValue, c.actNow ? "now" : c.actBy.description, "—", "—", "—", "—", "—", "—",
                        "refused: " + (c.refusal?.reason ?? "")]
            }
            let next = c.nextDeadline.map { "\(result.date($0)) \(c.nextResource!.label)" } ?? "none within horizon"
            return [name, c.option.kind.rawValue, c.actNow ? "now" : c.actBy.description, result.date(applies).description,
                    "\(c.runwayMonths)", "\(c.gainedMonths)", money(c.addedCostPerMonth), money(c.costOverHorizon),
                    c.costPerRunwayMonth.map(money) ?? "—", "next deadline " + next
                        + (c.rightSizing.map { " · sized through \(result.date($0.through)); node needs \(NumberFormat.decimal($0.nodeMemoryMB, 0)) MB of limits + reserve" } ?? "")
                        + (c.poolResizing.map { sizing in
                            " · needs \(sizing.neededConnections) connections through \(result.date(sizing.through))"
                                + (sizing.cappedByBudget ? "; capped at size \(sizing.budgetSize) by the connection budget (PgBouncer would lift it)" : "")
                        } ?? "")]
        }
        return TextTable(columns: [.init("option", .left), .init("kind", .left), .init("act by", .left),
                                   .init("in force", .left), .init("runway mo"), .init("gained mo"), .init("+cost/mo"),
                                   .init("cost to horizon"), .init("cost/runway mo"), .init("", .left)], rows: rows)
    }

    func monthTable() -> TextTable {
        let plan = result.plan
        let rows = plan.months.map { m -> [String] in
            let names = m.actions.map { plan.steps[$0].chosen.option.name }
            let event = ((names.isEmpty ? [] : ["apply " + names.joined(separator: "; ")])
                + m.runsOut.map { "\(plan.shortfalls[$0].resource.label) runs out" }).joined(separator: "; ")
            return [String(m.month), m.date.description, String(m.nodes), NumberFormat.decimal(m.nodeMemoryMB, 0),
                    m.hostP90 < 1 ? NumberFormat.decimal(m.hostP90 * 100, 1) + "%" : ForecastWriter.utilization(m.hostP90),
                    NumberFormat.probability(m.pOOM),
                    "\(NumberFormat.probability(m.worstPFail)) \(m.worstResource.label)", money(m.costPerMonth),
                    money(m.cumulativeCost), event]
        }
        return TextTable(columns: [.init("month"), .init("date", .left), .init("nodes"), .init("node MB"),
                                   .init("host p90 % usable"), .init("P(OOM)"), .init("max P(fail)", .left),
                                   .init("cost/mo"), .init("cumulative"), .init("event", .left)], rows: rows)
    }

    private var notes: [String] {
        ["Month m is dated by its first day; act by = that day of the deadline month − the option's lead time "
            + "(calendar days). The deadline is the first month whose P\(q) reaches the resource's critical level "
            + "or whose P(fail) reaches \(percent(result.risk)), whichever comes first.",
         "Runway: months from the month an option is in force to the next deadline (the horizon's end + 1 when none). "
            + "Cost per runway month = added cost to the horizon ÷ months gained. Every option runs on the same random paths.",
         "A limit raise is free but refused when the host's P\(q) is at its critical level; right-sized limits keep "
            + "P(over limit) < \(percent(result.risk)) and the P\(q) below critical through the stated month."]
    }

    private func month(_ m: Int?) -> String { m.map { result.date($0).description } ?? "—" }
    private func percent(_ fraction: Double) -> String { NumberFormat.short(fraction * 100) + " %" }
    private func money(_ value: Double) -> String { "$" + NumberFormat.decimal(value, 2) }
    private func capacityWord(_ resource: Resource) -> String {
        switch resource.kind {
        case .host: "usable memory"
        case .container: "its limit"
        case .pool: "its connections"
        }
    }
}
