import Foundation

/// Renders a ``QuarterlyReview`` as one self-contained HTML page (inline CSS and
/// SVG, no JavaScript, no network; prints on A4 or Letter), as GitHub Markdown, or
/// as one JSON document. The page and the Markdown are one ``document``
/// (`ReportWriter+Document.swift`), drawn by ``HTMLRenderer`` and ``MarkdownRenderer``.
/// Pure: review in, text out; it words what the engines decided and computes nothing.
public struct ReportWriter: Sendable {
    public var review: QuarterlyReview

    public init(_ review: QuarterlyReview) {
        self.review = review
    }

    var forecast: ForecastResult { review.forecast }

    /// `2027-02 (month 3)`.
    func when(_ month: Int) -> String { "\(forecast.months[month - 1].date) (month \(month))" }

    // MARK: - Summary

    /// The five lines a director reads, each with its uncertainty where it has one; first,
    /// when the model's inputs are older than the review's first month, how old they are.
    public var summaryLines: [String] {
        let s = review.summary, horizon = forecast.months.count
        var lines: [String] = InputsAgeNote.line(review.model.inputsAge).map { [$0] } ?? []
        if let first = s.firstFailure, let month = first.crossings.firstFailure {
            let p = first.months[month - 1].pFail
            let uncertainty = p.upperBound95 == nil && p.lowerBound95 == nil
                ? " ± \(NumberFormat.short(p.standardError * 100, digits: 2)) points" : ""
            lines.append("Verdict: \(s.worstStatus.rawValue) — the \(first.resource.label) is the first to fail, from "
                + "\(when(month)) (P(fail) \(NumberFormat.probability(p))\(uncertainty) that month).")
        } else {
            lines.append("Verdict: \(s.worstStatus.rawValue) — no resource fails in ≥ \(NumberFormat.short(forecast.risk * 100)) % "
                + "of paths within \(horizon) months.")
        }
        switch (s.planBy, s.actBy) {
        case (nil, nil): lines.append("Plan and act: no resource's P90 reaches its warn level within \(horizon) months.")
        case let (plan, act):
            var text = "Plan by " + (plan.map { "\($0.planBy!) (\($0.resource.label) P90 at warn)" } ?? "—")
            text += "; act by " + (act.map { dates in
                "\(dates.actBy!) (\(dates.resource.label), \(NumberFormat.exact(dates.leadTimeDays))-day lead time"
                    + (dates.actNow ? "; already past: act now" : "") + ")"
            } ?? "— (no resource reaches its critical level)")
            lines.append(text + ".")
        }
        let timeline = TimelineWriter(review.timeline)
        if let step = s.firstAction {
            lines.append("First action: \(timeline.stepSentence(step))"
                + (s.shortfall.map { "; no option in the model helps the \($0.resource.label) (deadline \(review.timeline.date($0.deadline)))" } ?? "")
                + ".")
        } else if let shortfall = s.shortfall {
            lines.append("First action: none of the model's scaling options helps the \(shortfall.resource.label) "
                + "before \(review.timeline.date(shortfall.deadline)); see the plan.")
        } else {
            lines.append("First action: none needed within \(horizon) months.")
        }
        if let success = s.deploymentSuccess {
            var text = "Deployments: \(NumberFormat.percent(success)) succeed"
            if let fix = s.fixFirst, fix.gain > 0 {
                text += "; fix `\(fix.stageName)` first (halving its failure rate gains \(NumberFormat.short(fix.gain * 100)) points)"
            }
            lines.append(text + ".")
        }
        if let availability = s.availability, let target = s.target {
            var text = "Availability: \(NumberFormat.significant(availability * 100, digits: 5)) % expected against a "
                + "\(NumberFormat.short(target * 100, digits: 5)) % target"
            if let used = s.errorBudgetUsed { text += ", \(NumberFormat.percent(used)) of the error budget used" }
            if let years = s.yearMeetsTarget {
                text += "; \(NumberFormat.percent(years.value)) ± \(NumberFormat.short(years.standardError * 100, digits: 2)) "
                    + "points of simulated years meet it"
            }
            lines.append(text + ".")
        }
        return lines
    }

    // MARK: - The decision (page one)

    func money(_ value: Double) -> String { "$" + NumberFormat.decimal(value, 2) }

    /// What the review is asked to decide, line by line: the plan's cost, what stays unsolved and
    /// what would hold, the risk of carrying it out (all decided in ``ReviewDecision``).
    public var decisionLines: [String] {
        let d = review.decision, months = forecast.months.count
        var lines = ["Cost under the plan: \(money(d.costToday))/month today, \(money(d.costAtEnd))/month by \(d.through); "
            + "\(money(d.totalCost)) over the \(months) months \(d.from) to \(d.through)."]
        if d.asks.isEmpty {
            lines.append("Nothing to approve: no change is due before the next review (\(review.nextReview)).")
        }
        if d.laterChanges > 0 {
            lines.append("\(d.laterChanges) more re-sizing\(d.laterChanges == 1 ? "" : "s") of limits and pools after the next review (see the plan).")
        }
        for shortfall in d.pastBeforeFirstChange {
            lines.append("Already past its rule before any change can be in force: the \(shortfall.resource.label) in "
                + "\(review.timeline.date(shortfall.deadline)); the plan holds it from its first change.")
        }
        for shortfall in d.unsolved {
            lines.append("Unsolved within the model's options from \(review.timeline.date(shortfall.deadline)): the \(shortfall.resource.label) — "
                + "\(shortfall.binding). Would hold: \(shortfall.wouldHold).")
        }
        if d.unsolved.isEmpty {
            lines.append("With these changes every resource stays below its critical level and "
                + "\(NumberFormat.short(forecast.risk * 100)) % P(fail) to \(d.through).")
        }
        if let risk = d.executionRisk, risk.changes > 0 {
            lines.append("Carrying it out: \(risk.changes) change\(risk.changes == 1 ? "" : "s"), each a deployment through the pipeline: "
                + "P(at least one rollback or unrecoverable failure) \(NumberFormat.percent(risk.anyFailure)), "
                + "P(at least one unrecoverable) \(NumberFormat.percent(risk.anyUnrecoverable)).")
        }
        return lines
    }

    /// The asks: what, by when, in force from, what it costs, which resource it is for.
    func asksTable() -> TextTable {
        TextTable(columns: [.init("ask", .left), .init("act by", .left), .init("in force", .left), .init("+cost/mo"),
                            .init("for", .left)],
                  rows: review.decision.asks.map { step in
                      [step.label + (step.option == nil ? " (proposed)" : ""),
                       step.actNow ? "now (\(step.actBy) passed)" : step.actBy.description,
                       review.timeline.date(step.month).description, money(step.addedCostPerMonth), step.resource.label]
                  })
    }

    var header: [(String, String)] {
        [("System", review.model.name), ("Date", review.options.today.description),
         ("Horizon", "\(forecast.months.count) months, \(forecast.months[0].date) to \(forecast.months[forecast.months.count - 1].date)"),
         ("Seed", String(review.options.seed)), ("Paths", NumberFormat.grouped(forecast.paths)),
         ("Tool", "capacity \(CapacityVersion.current)"), ("Next review", review.nextReview.description)]
            + (OverrideNote.line(review.overrides).map { [("Overrides", $0)] } ?? [])
            + (smallRunNote.map { [("Small run", $0)] } ?? [])
    }

    /// What the `~` marks mean when the run's paths cannot carry some figures (``PathSupport``): the
    /// command's note, as a sentence on the page.
    var smallRunNote: String? {
        forecast.pathSupportNote.map { note in
            let text = note.hasPrefix("note: ") ? String(note.dropFirst(6)) : note
            return text.prefix(1).uppercased() + text.dropFirst() + "."
        }
    }

    /// The forecast month (1-based) of a calendar month, nil outside the horizon.
    func monthIndex(_ date: YearMonth?) -> Int? {
        guard let date else { return nil }
        let index = date.months(since: forecast.months[0].date) + 1
        return (1...forecast.months.count).contains(index) ? index : nil
    }

    // MARK: - HTML

    /// The page's style. On screen a wide table scrolls inside its own box and a chart keeps a legible
    /// size inside a scroller (phones); printed, every table fits the page width (smaller type, wrapped
    /// cells), headings stay with what follows, and figures do not split.
    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:980px;margin:0 auto;padding:16px;color:#111;line-height:1.4}
        h1{font-size:1.6em;margin:0.2em 0}h2{border-bottom:2px solid #0072B2;padding-bottom:2px;margin-top:1.6em}
        h2,h3,h4{break-after:avoid;page-break-after:avoid}
        table{border-collapse:collapse;margin:0.5em 0 1em;font-size:0.85em;font-variant-numeric:tabular-nums;display:block;overflow-x:auto;max-width:100%}
        th,td{border:1px solid #ccc;padding:2px 6px;text-align:right;white-space:nowrap}th{background:#f0f4f8}
        td.l,th.l{text-align:left}dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:0 12px}dl.meta dt{font-weight:600}
        figure{margin:0.5em 0;break-inside:avoid;min-width:0}.chart{overflow-x:auto}
        .multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:8px 16px}
        .multiples table{font-size:0.72em}h4{margin:0.4em 0 0.1em;font-size:0.95em}
        .summary li{margin:0.3em 0}svg{max-width:100%;height:auto}table.wrap td{white-space:normal;min-width:6em}
        @media (max-width:600px){body{padding:8px}table{font-size:0.75em}.chart svg{min-width:560px;max-width:none}}
        @page{margin:12mm}
        @media print{body{max-width:none;padding:0;font-size:9pt}table{display:table;font-size:7pt;overflow:visible;width:auto;max-width:100%}
        th,td{white-space:normal;padding:1px 3px}td{min-width:4.2em}th{white-space:nowrap}.multiples{grid-template-columns:1fr 1fr}.multiples table{font-size:6pt}
        section#plan,section#memory{break-before:page}figure,tr{break-inside:avoid}.chart{overflow:visible}}
        """

    /// Host memory with the review's dates and the plan's changes.
    var hostChart: SVGChart {
        ReportCharts.hostFan(forecast, today: review.options.today, planBy: monthIndex(review.summary.planBy?.planBy),
                             actBy: monthIndex(review.summary.actBy?.actBy?.yearMonth), actions: review.timeline.plan.steps.map(\.month),
                             plan: planHost,
                             observed: review.observed)
    }

    /// The plan's host figures the fan chart and its table show (nil when the plan keeps the host's nodes).
    var planHost: ReportCharts.PlanHost? { ReportCharts.planHost(forecast, plan: review.timeline.plan, host: review.model.host) }

    /// A container's chart, with the plan's limit month by month.
    func containerChart(_ outlook: ResourceOutlook) -> SVGChart {
        ReportCharts.container(forecast, outlook, planLimitMB: planLimitsMB(outlook))
    }

    /// The container's limit in force each month under the plan; nil when the plan keeps the model's limit
    /// throughout (or its months do not line up with the forecast's).
    func planLimitsMB(_ outlook: ResourceOutlook) -> [Double]? {
        let plan = review.timeline.plan.months
        guard plan.count == outlook.months.count,
              let index = review.timeline.services.firstIndex(of: outlook.resource.name) else { return nil }
        let limits = plan.compactMap { $0.capacity.limitsMB.indices.contains(index) ? $0.capacity.limitsMB[index] : nil }
        return limits.count == plan.count && limits.contains(where: { $0 != outlook.resource.capacity }) ? limits : nil
    }

    /// The resources the S-curves follow.
    var leading: [ResourceOutlook] { ReportCharts.leadingResources(forecast) }

    /// P(failed by each month) of the leading resources: the S-curves' table.
    func failedByTable() -> TextTable {
        TextTable(columns: [.init("date", .left)] + leading.map { .init($0.resource.label) },
                  rows: forecast.months.indices.map { m in
                      [forecast.months[m].date.description] + leading.map { NumberFormat.probability($0.months[m].pFailBy) }
                  })
    }

    /// Every chart the page draws, in page order (for checks of their geometry).
    public var charts: [SVGChart] {
        var charts = [hostChart] + containers.map(containerChart)
            + (leading.isEmpty ? [] : [ReportCharts.failedBy(forecast, leading)])
            + (review.pools == nil ? [] : pools.map { ReportCharts.pool(forecast, $0) })
            + forecast.workerNames.indices.map { ReportCharts.workerLatency(forecast, worker: $0) }
        if !review.sensitivity.ranked.isEmpty { charts.append(ReportCharts.tornado(review.sensitivity, writer: sensitivity)) }
        if let deployment = review.deployment { charts.append(ReportCharts.fixFirst(deployment)) }
        if let outages = review.outages, review.availability != nil {
            charts.append(ReportCharts.downtime(outages, bins: ReportCharts.downtimeBins(outages)))
        }
        return charts
    }

    var containers: [ResourceOutlook] { forecast.resources.filter { $0.resource.kind == .container } }
    var pools: [ResourceOutlook] { forecast.resources.filter { $0.resource.kind == .pool } }

    /// The page (``HTMLRenderer``): the ``document`` with its charts drawn.
    public var html: String {
        HTMLRenderer(title: "Capacity review: \(review.model.name), \(review.options.today)", style: Self.style).render(document)
    }

    // MARK: - What matters most

    var sensitivity: SensitivityWriter { SensitivityWriter(review.sensitivity) }

    /// What the tornado shows, in two sentences.
    var whatMattersIntro: String {
        let result = review.sensitivity
        guard let top = result.ranked.first else {
            return "No input of the model is uncertain, so no input moves \(sensitivity.shortTitle) "
                + "(\(sensitivity.figure(result.base))); `capacity sensitivity --swing 20%` moves the fixed estimates."
        }
        return "Each input from its P10 to its P90, every other as in the model, on the forecast's paths: "
            + "\(top.input.label) moves \(sensitivity.shortTitle) the most, from \(sensitivity.figure(top.low)) to "
            + "\(sensitivity.figure(top.high)) (base case \(sensitivity.figure(result.base))). The variance share is the part of "
            + "the paths' spread each input explains on its own; correlated inputs share it. "
            + "`capacity sensitivity --swing 20%` adds the fixed estimates."
    }

    func scenarioIntro(_ comparison: ScenarioComparison) -> [String] {
        comparison.scenarios.dropFirst().map { "\($0.name): " + $0.overrides.map(\.withPrevious).joined(separator: ", ") }
    }

    static let scenarioTitles = ["forecast": "Forecast", "timeline": "The plan", "deploy": "Deployments",
                                         "sla": "Availability"]

    // MARK: - Markdown

    /// The ``document`` in Markdown (``MarkdownRenderer``): every chart's table, no chart.
    public var markdown: String { MarkdownRenderer().render(document) }

    // MARK: - JSON

    public var json: String {
        JSONText.encode(ReportDocument(self))
    }
}
