import Foundation

/// Renders an SLA analysis — the exact figures of ``AvailabilityAnalysis`` and
/// the simulated years of ``OutageSimulation`` — as a table, CSV, JSON or
/// Markdown. Pure: results in, text out.
///
/// Every figure names its period: a year is 365 days, a quarter 90 days, and
/// error budgets are also given per 30 days (the SRE convention).
///
/// **CSV** has one row per component, weakest first, then a `system` row, with
/// the columns of ``csvHeader``; numbers as the shortest decimal within 10⁻¹² relative (``NumberFormat/spreadsheet(_:)``), no units in cells
/// (they are in the column names), empty cells where a column does not apply
/// or a figure does not exist (the nines of something that has no downtime):
///
/// - `component`, `critical_path` (true/false), `replicas`, `required`,
///   `failover_success_rate`, `replica_availability`, `mtbf_hours` and
///   `mttr_minutes` (as the model gives them), `availability`, `unavailability`,
///   `nines` (−log₁₀ unavailability; empty without downtime), `downtime_minutes_per_year`,
///   `downtime_minutes_per_quarter`, `downtime_minutes_per_30_days`,
///   `downtime_share` (of the system's expected downtime; critical components);
/// - with one more replica: `availability_with_one_more_replica`,
///   `system_availability_with_one_more_replica`,
///   `downtime_saved_minutes_per_year_with_one_more_replica`;
/// - `system` row only: `target`, `error_budget_minutes_per_30_days`,
///   `error_budget_used`, `meets_target`, and the simulated years:
///   `downtime_p50_minutes_per_year`, `downtime_p90_minutes_per_year`,
///   `downtime_p99_minutes_per_year`, `p_meet_target`, `incidents_per_year`,
///   `longest_outage_p90_minutes` (standard errors are in the JSON), and
///   `simulated_availability_lower_bound`: when no simulated year had any
///   downtime, 1 − 3/N for N simulated years (95 %, the rule of three), else empty.
public struct SLAWriter: ResultWriter {
    /// The model's name, or "quick form" for components given on the command line.
    public var modelName: String
    public var analysis: AvailabilityAnalysis
    public var simulation: OutageSimulation

    /// Terminal width the table must fit (columns dropped or cut, rows never
    /// wrapped); nil: no limit. Affects only the table format.
    public var width: Int?

    /// The overrides the model ran with (`--set`): listed under the headline, in a CSV column and in JSON.
    public var overrides: [ModelOverride]

    public init(modelName: String, analysis: AvailabilityAnalysis, simulation: OutageSimulation, width: Int? = nil,
                overrides: [ModelOverride] = []) {
        self.width = width
        self.modelName = modelName
        self.analysis = analysis
        self.simulation = simulation
        self.overrides = overrides
    }


    // MARK: - CSV

    public static let csvHeader = [
        "component", "critical_path", "replicas", "required", "failover_success_rate", "replica_availability",
        "mtbf_hours", "mttr_minutes", "availability", "unavailability", "nines", "downtime_minutes_per_year",
        "downtime_minutes_per_quarter", "downtime_minutes_per_30_days", "downtime_share",
        "availability_with_one_more_replica", "system_availability_with_one_more_replica",
        "downtime_saved_minutes_per_year_with_one_more_replica", "target", "error_budget_minutes_per_30_days",
        "error_budget_used", "meets_target", "downtime_p50_minutes_per_year", "downtime_p90_minutes_per_year",
        "downtime_p99_minutes_per_year", "p_meet_target", "incidents_per_year", "longest_outage_p90_minutes",
        "simulated_availability_lower_bound",
    ]

    public var csv: String {
        let systemOnlyColumns = 11
        var rows = analysis.components.map { component -> [String] in
            var mtbf = "", mttr = ""
            if case .failureAndRepair(let hours, let minutes) = component.reliability {
                (mtbf, mttr) = (Self.cell(hours), Self.cell(minutes))
            }
            return [component.name, String(component.criticalPath), String(component.replicas),
                    String(component.required), component.failoverSuccessRate.map(Self.cell) ?? "",
                    Self.cell(component.replicaAvailability), mtbf, mttr, Self.cell(component.availability),
                    Self.cell(component.unavailability), component.nines.map(Self.cell) ?? "",
                    Self.cell(component.downtime.minutesPerYear), Self.cell(component.downtime.minutesPerQuarter),
                    Self.cell(component.downtime.minutesPer30Days), component.downtimeShare.map(Self.cell) ?? "",
                    Self.cell(component.availabilityWithOneMoreReplica),
                    Self.cell(component.systemAvailabilityWithOneMoreReplica),
                    Self.cell(component.downtimeSavedMinutesPerYear)]
                + Array(repeating: "", count: systemOnlyColumns)
        }
        let s = simulation
        rows.append(["system", "", "", "", "", "", "", "", Self.cell(analysis.availability),
                     Self.cell(analysis.unavailability), analysis.nines.map(Self.cell) ?? "",
                     Self.cell(analysis.downtime.minutesPerYear), Self.cell(analysis.downtime.minutesPerQuarter),
                     Self.cell(analysis.downtime.minutesPer30Days), "", "", "", "",
                     Self.cell(analysis.target), Self.cell(analysis.errorBudget.minutesPer30Days),
                     analysis.errorBudgetUsed.map(Self.cell) ?? "", String(analysis.meetsTarget),
                     Self.cell(s.downtimeMinutesPerYear.p50), Self.cell(s.downtimeMinutesPerYear.p90),
                     Self.cell(s.downtimeMinutesPerYear.p99), Self.cell(s.probabilityMeetingTarget.value),
                     Self.cell(s.incidentsPerYear.value), Self.cell(s.longestOutageMinutes.p90),
                     s.availabilityLowerBound.map(Self.cell) ?? ""])
        return OverrideNote.csv(CSVDocument(header: Self.csvHeader, rows: rows), overrides).text
    }

    /// A CSV number at full precision; an empty cell for a figure that is not
    /// finite, so no `inf` or `nan` reaches a spreadsheet.
    static func cell(_ value: Double) -> String {
        value.isFinite ? NumberFormat.spreadsheet(value) : ""
    }

    // MARK: - JSON

    public var json: String {
        var document = SLADocument(modelName: modelName, analysis: analysis, simulation: simulation)
        document.overrides = OverrideNote.json(overrides)
        return JSONText.encode(document)
    }

    // MARK: - Table and Markdown

    private var targetText: String { Self.availability(analysis.target, unavailability: 1 - analysis.target) }

    private var headline: String {
        "\(modelName): availability against a \(targetText) target"
            + " · \(NumberFormat.grouped(simulation.pathYears)) simulated years, seed \(simulation.options.seed)"
            + (OverrideNote.line(overrides).map { "\n" + $0 } ?? "")
    }

    private var critical: [ComponentAvailability] { analysis.components.filter(\.criticalPath) }
    private var offPath: [ComponentAvailability] { analysis.components.filter { !$0.criticalPath } }

    /// What the system figure multiplies, and what it leaves out.
    private var systemSummary: String {
        let nines = analysis.nines.map { "\(Self.nines($0)) nines" } ?? "no downtime"
        var text = "Combined availability: \(systemAvailability)"
            + " (A = \(String(format: "%.9f", analysis.availability)), \(nines))"
        if critical.isEmpty {
            text += " — no component is on the critical path, so nothing takes the system down"
        } else {
            text += " — " + (critical.count == 1 ? "\(critical[0].name) alone"
                             : critical.map(\.name).joined(separator: " × ") + " in series")
        }
        if !offPath.isEmpty {
            text += "; \(offPath.map(\.name).joined(separator: ", ")) reported, not multiplied in (off the critical path)"
        }
        return text + "."
    }

    private func periodTable() -> TextTable {
        let rows = Downtime.Period.allCases.map { period -> [String] in
            [period.label, Self.duration(analysis.downtime.minutes(per: period)),
             Self.duration(analysis.errorBudget.minutes(per: period))]
        }
        return TextTable(columns: [.init("period", .left), .init("expected downtime", .left),
                                   .init("error budget at \(targetText)", .left)], rows: rows)
    }

    /// The 30-day error budget, what the expected downtime uses of it, and whether the target is met.
    private var budgetLine: String {
        let budget = analysis.errorBudget.minutesPer30Days
        let downtime = Self.duration(analysis.downtime.minutesPer30Days)
        let met = analysis.meetsTarget ? "target met" : "target NOT MET"
        guard let used = analysis.errorBudgetUsed else {
            return "Error budget per 30 days: none (a \(targetText) target allows no downtime); expected downtime \(downtime) — \(met)."
        }
        return "Error budget per 30 days: \(Self.duration(budget)) at \(targetText); expected downtime \(downtime)"
            + " uses \(NumberFormat.percent(used)) of it — \(met)."
    }

    private func componentTable() -> TextTable {
        let rows = analysis.components.map { component -> [String] in
            [component.name, Self.replicaFigure(component), Self.replicaText(component),
             Self.availability(component.availability, unavailability: component.unavailability),
             Self.nines(component.nines), Self.duration(component.downtime.minutesPerYear),
             component.downtimeShare.map(NumberFormat.percent) ?? "—",
             component.criticalPath ? "yes" : "no: reported, not multiplied in"]
        }
        return TextTable(columns: [.init("component", .left), .init("per replica", .left, droppable: true),
                                   .init("replicas", .left), .init("availability"), .init("nines", droppable: true),
                                   .init("downtime per year", .left), .init("share of system downtime", droppable: true),
                                   .init("critical path", .left, droppable: true)], rows: rows)
    }

    /// What one more replica of each critical component buys, best first (the engine's ranking).
    func whatIfTable() -> TextTable {
        let rows = analysis.oneMoreReplicaRanking.enumerated().map { rank, component -> [String] in
            let more = Self.replicaText(replicas: component.replicas + 1, required: component.required)
            let saved = component.systemAvailabilityGain > 0 ? Self.duration(component.downtimeSavedMinutesPerYear) : "nothing"
            return [String(rank + 1), component.name, "\(Self.replicaText(component)) → \(more)",
                    Self.availability(component.availability, unavailability: component.unavailability) + " → "
                        + Self.availability(component.availabilityWithOneMoreReplica,
                                            unavailability: 1 - component.availabilityWithOneMoreReplica),
                    Self.availability(analysis.availability, unavailability: analysis.unavailability) + " → "
                        + Self.availability(component.systemAvailabilityWithOneMoreReplica,
                                            unavailability: 1 - component.systemAvailabilityWithOneMoreReplica),
                    saved]
        }
        return TextTable(columns: [.init("rank"), .init("component", .left), .init("replicas", .left),
                                   .init("component availability", .left, droppable: true), .init("system availability", .left),
                                   .init("downtime saved per year", .left)], rows: rows)
    }

    private var whatIfNote: String? {
        offPath.isEmpty ? nil
            : "Off the critical path, one more replica changes nothing for users: \(offPath.map(\.name).joined(separator: ", "))."
    }

    /// What the simulated figures rest on: years × paths, seed, repair times, assumed MTTR.
    private var simulationBasis: String {
        let options = simulation.options
        var text = "Simulated years: \(NumberFormat.grouped(options.pathYears)) (\(NumberFormat.grouped(options.years)) "
            + "year\(options.years == 1 ? "" : "s") × \(NumberFormat.grouped(options.paths)) path\(options.paths == 1 ? "" : "s")"
            + ", seed \(options.seed)); each replica fails after exponential up times (mean MTBF) and is repaired"
            + " in lognormal times (mean MTTR, sd \(NumberFormat.short(options.repairSDFactor)) × MTTR)"
        let assumed = simulation.components.filter { $0.repairTimeIsAssumed && $0.mtbfHours.isFinite && $0.mtbfHours > 0 }
        if !assumed.isEmpty {
            text += "; MTTR assumed \(Self.duration(options.assumedRepairMinutes)) for "
                + assumed.map(\.name).joined(separator: ", ") + " (the model gives only an availability)"
        }
        return text + "."
    }

    private func simulationTable() -> TextTable {
        let s = simulation, downtime = s.downtimeMinutesPerYear, longest = s.longestOutageMinutes
        func error(_ minutes: Double) -> String {
            minutes.isFinite ? "± " + NumberFormat.short(minutes, digits: 2) + " min" : "—"
        }
        func errorPercent(_ p: Double) -> String { p.isFinite ? "± " + NumberFormat.short(100 * p, digits: 2) + "%" : "—" }
        func errorCount(_ x: Double) -> String { x.isFinite ? "± " + NumberFormat.short(x, digits: 2) : "—" }
        // Marked when the simulated years cannot carry them (PathSupport).
        func q(_ cell: String, _ p: Double) -> String {
            PathSupport.supportsQuantile(p, paths: s.pathYears) ? cell : PathSupport.mark + cell
        }
        let meeting = Proportion(hits: Int((s.probabilityMeetingTarget.value * Double(s.pathYears)).rounded()), trials: s.pathYears)
        let rows: [[String]] = [
            ["mean downtime per year", Self.duration(s.meanDowntimeMinutesPerYear.value),
             error(s.meanDowntimeMinutesPerYear.standardError),
             "exact: \(Self.duration(analysis.downtime.minutesPerYear))"],
            ["downtime per year, P50", q(Self.duration(downtime.p50), 0.5), error(downtime.p50StandardError), "half the years are worse"],
            ["downtime per year, P90", q(Self.duration(downtime.p90), 0.9), error(downtime.p90StandardError), "one year in 10 is worse"],
            ["downtime per year, P99", q(Self.duration(downtime.p99), 0.99), error(downtime.p99StandardError), "one year in 100 is worse"],
            ["P(a year meets \(targetText))",
             (PathSupport.supports(meeting) ? "" : PathSupport.mark) + NumberFormat.percent(s.probabilityMeetingTarget.value),
             errorPercent(s.probabilityMeetingTarget.standardError),
             "downtime ≤ \(Self.duration(s.errorBudgetMinutesPerYear)) in the year"],
            ["incidents per year", NumberFormat.significant(s.incidentsPerYear.value),
             errorCount(s.incidentsPerYear.standardError), "outages (one over New Year counts in both years)"],
            ["longest outage in a year, P90", q(Self.duration(longest.p90), 0.9), error(longest.p90StandardError),
             "one year in 10 has a longer one"],
        ]
        return TextTable(columns: [.init("figure", .left), .init("value", .left), .init("± SE", .left),
                                   .init("meaning", .left, droppable: true)], rows: rows)
    }

    /// When no simulated year had any downtime: that nothing can fail, or what the
    /// years show at 95 % confidence (``OutageSimulation/availabilityLowerBound``).
    private var noDowntimeNote: String? {
        guard let bound = simulation.availabilityLowerBound else { return nil }
        let years = NumberFormat.grouped(simulation.pathYears)
        if analysis.hasNoDowntime {
            return "No downtime in any of the \(years) simulated years, as the exact figure says: "
                + "nothing on the critical path can take the system down."
        }
        return "No downtime in any of the \(years) simulated years: availability ≥ "
            + "\(Self.availability(bound, unavailability: 3 / Double(simulation.pathYears))) at 95 % confidence "
            + "(rule of three: a year has downtime with probability ≤ 3/\(years)); exact: \(systemAvailability)."
    }

    /// One line: met or not, by how much, how often a year meets it, and the best single step.
    public var verdict: String {
        let availability = systemAvailability
        let years = NumberFormat.percent(simulation.probabilityMeetingTarget.value)
        let budget = Self.duration(analysis.errorBudget.minutesPer30Days)
        let downtime = Self.duration(analysis.downtime.minutesPer30Days)
        var text: String
        if analysis.meetsTarget {
            text = "Verdict: target \(targetText) met — expected availability \(availability)"
            if let used = analysis.errorBudgetUsed {
                text += ", \(downtime) down per 30 days uses \(NumberFormat.percent(used)) of the \(budget) budget"
            }
            return text + "; \(years) of simulated years meet it."
        }
        text = "Verdict: target \(targetText) NOT MET — expected availability \(availability),"
            + " \(downtime) down per 30 days against a \(budget) budget; \(years) of simulated years meet it."
        if let best = bestStep { text += " " + best }
        return text
    }

    /// "Best single step: one more postgres replica → 99.95 % (meets the target), saving 8 h 45 min a year.";
    /// nil when no replica gains anything.
    var bestStep: String? {
        analysis.bestSingleStep.map { best in
            let improved = best.systemAvailabilityWithOneMoreReplica
            let reaches = analysis.meetsTarget(withOneMoreReplicaOf: best)
            return "Best single step: one more \(best.name) replica → "
                + Self.availability(improved, unavailability: 1 - improved)
                + " (\(reaches ? "meets" : "still short of") the target), saving"
                + " \(Self.duration(best.downtimeSavedMinutesPerYear)) a year."
        }
    }

    private var method: String {
        "How: critical components in series (A = Π Aᵢ, assumed independent); k-of-n replicas "
            + "Σ_{j≥k} C(n,j) Aʲ(1−A)ⁿ⁻ʲ; A = MTBF / (MTBF + MTTR). A year is 365 days, a quarter 90 days; "
            + "error budget = (1 − target) × period."
    }

    /// The headline and the combined figure; periods, components and the what-if; the simulated
    /// years; the verdict and the method.
    public var document: Document {
        var document = Document([
            .heading(level: 2, text: "Availability (SLA): \(modelName)", terminal: .omitted), .paragraph(headline),
            .paragraph(systemSummary), .table(periodTable(), notes: [budgetLine]),
            .heading(level: 3, text: "Components, weakest first", terminal: .colon), .table(componentTable()),
        ])
        if !critical.isEmpty {
            document.append(contentsOf: [.heading(level: 3, text: "One more replica (what-if), best first", terminal: .colon),
                                         .table(whatIfTable(), notes: whatIfNote.map { [$0] } ?? [])])
        }
        document.append(contentsOf: [
            .heading(level: 3, text: "Simulated years", terminal: .omitted),
            .table(simulationTable(), caption: simulationBasis, notes: noDowntimeNote.map { [$0] } ?? []),
            .paragraphs([verdict, method]),
        ])
        return document
    }


    // MARK: - Number formats for people

    /// An availability as a percentage with enough decimals to show the
    /// unavailability to four significant digits, trailing zeros dropped:
    /// 0.99800124975 → "99.8001%", 0.999 → "99.9%", 0.5 → "50%"; "100%" when
    /// nothing fails and "≈100%" when the difference is below 10⁻¹⁰ %.
    static func availability(_ availability: Double, unavailability: Double) -> String {
        guard unavailability > 0 else { return "100%" }
        guard unavailability < 1 else { return "0%" }
        let decimals = min(10, max(0, 3 - Int(floor(log10(unavailability * 100)))))
        var text = String(format: "%.\(decimals)f", availability * 100)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "100" ? "≈100%" : text + "%"
    }

    /// The system availability as ``availability(_:unavailability:)`` prints it,
    /// with more decimals where rounding would put it on the other side of the
    /// target than it is: 99.899975 % against 99.9 % prints "99.899975%", never
    /// "99.9%" beside "NOT MET".
    private var systemAvailability: String {
        Self.availability(analysis.availability, unavailability: analysis.unavailability,
                          target: analysis.target, meetsTarget: analysis.meetsTarget)
    }

    /// `availability` with as many decimals as it takes (up to 15) for the
    /// printed percentage to compare with `target` as the verdict says.
    static func availability(_ availability: Double, unavailability: Double, target: Double,
                             meetsTarget: Bool) -> String {
        let text = Self.availability(availability, unavailability: unavailability)
        func agrees(_ text: String) -> Bool {
            guard let shown = Double(text.filter { $0.isNumber || $0 == "." }) else { return true }
            return (shown >= target * 100) == meetsTarget
        }
        guard !agrees(text) else { return text }
        for decimals in 1...15 {
            var candidate = String(format: "%.\(decimals)f", availability * 100)
            while candidate.contains(".") && candidate.hasSuffix("0") { candidate.removeLast() }
            if candidate.hasSuffix(".") { candidate.removeLast() }
            if agrees(candidate) { return candidate + "%" }
        }
        return text
    }

    /// Nines with two decimals; "no downtime" when there are none to count (U = 0).
    static func nines(_ nines: Double?) -> String {
        guard let nines, nines.isFinite else { return "no downtime" }
        return String(format: "%.2f", nines)
    }

    /// A duration for people, said once: "17 h 31 min" from an hour on (to the
    /// nearest minute; "225 h" on the hour, thousands grouped: "8,760 h"),
    /// "43.2 min" below, "12.3 s" below a minute, "0 min" for none.
    static func duration(_ minutes: Double) -> String {
        guard minutes.isFinite else { return "—" }
        guard minutes > 0 else { return "0 min" }
        if minutes < 1 { return NumberFormat.short(minutes * 60) + " s" }
        if minutes < 59.5 { return NumberFormat.short(minutes) + " min" }
        let whole = Int(min(minutes, 1e15).rounded())
        let hours = NumberFormat.grouped(whole / 60) + " h"
        return whole % 60 == 0 ? hours : hours + " \(whole % 60) min"
    }

    /// What one replica is given as: "99.95%" or "MTBF 2000 h, MTTR 30 min".
    static func replicaFigure(_ component: ComponentAvailability) -> String {
        switch component.reliability {
        case .availability(let a):
            availability(a, unavailability: component.reliability.unavailability)
        case .failureAndRepair(let mtbf, let mttr):
            "MTBF \(NumberFormat.short(mtbf)) h, MTTR \(duration(mttr))"
        }
    }

    /// "k-of-n": how many replicas must be up of how many.
    static func replicaText(replicas: Int, required: Int) -> String { "\(required)-of-\(replicas)" }

    /// "1-of-1", "2-of-3", "1-of-2, failover 95%".
    static func replicaText(_ component: ComponentAvailability) -> String {
        var text = replicaText(replicas: component.replicas, required: component.required)
        if let rate = component.failoverSuccessRate, component.replicas > component.required {
            text += ", failover \(NumberFormat.short(100 * rate, digits: 4))%"
        }
        return text
    }
}

