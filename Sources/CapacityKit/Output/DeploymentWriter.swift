import Foundation

/// Renders a ``DeploymentOddsResult`` as a table, CSV, JSON or Markdown. Pure: result in, text out.
///
/// Tables and Markdown give probabilities as percentages with four significant
/// digits (inputs such as a stage's rate without trailing zeros); CSV gives
/// probabilities as fractions, the shortest decimal within 10⁻¹² relative
/// (``NumberFormat/spreadsheet(_:)``: no float noise), JSON at full precision.
public struct DeploymentWriter: ResultWriter {
    public var result: DeploymentOddsResult
    /// The model's name, or ``quickForm`` for a pipeline given with `--stage`.
    public var modelName: String

    /// The name reported for a quick-form pipeline.
    public static let quickForm = "quick form"

    /// Terminal width the table must fit (columns dropped or cut, rows never
    /// wrapped); nil: no limit. Affects only the table format.
    public var width: Int?

    /// The overrides the model ran with (`--set`): listed under the headline, in a CSV column and in JSON.
    public var overrides: [ModelOverride]

    /// For a quick-form pipeline, how each stage's phase was read (``DeploymentQuickForm``):
    /// said under the stage table and in JSON. Empty for a model's pipeline.
    public var phaseReadings: [StagePhaseReading]

    public init(_ result: DeploymentOddsResult, modelName: String, width: Int? = nil, overrides: [ModelOverride] = [],
                phaseReadings: [StagePhaseReading] = []) {
        self.width = width
        self.result = result
        self.modelName = modelName
        self.overrides = overrides
        self.phaseReadings = phaseReadings
    }


    // MARK: - CSV

    /// One table: a row per stage, then a row per pipeline outcome whose `stage` is
    /// `pipeline:<outcome>` (and `pipeline:unrecoverable_in_quarter` with deployments per month).
    /// `probability` is a stage's success probability with retries, or the outcome's exact
    /// probability; `p5`…`p95` its spread over the failure-rate posteriors (counted stages only);
    /// `simulated` and `simulated_se` the Monte Carlo frequency of an outcome. Empty cells do not
    /// apply to the row; `phase` is a stage's (`pre-release`, `release`, `post-release`). Durations
    /// and expected counts are in the other formats.
    public static let csvHeader = [
        "stage", "failure_rate", "failures", "runs", "retries", "retryable", "failure_rate_p5", "failure_rate_p50",
        "failure_rate_p95", "probability", "p5", "p50", "p95", "simulated", "simulated_se", "success_if_halved",
        "gain_if_halved", "phase",
    ]

    public var csv: String {
        let exact = NumberFormat.spreadsheet
        var rows = result.stages.enumerated().map { index, stage -> [String] in
            var counts = ["", ""]
            if case .counts(let failures, let runs) = stage.evidence { counts = [String(failures), String(runs)] }
            let spread = stage.failureRatePercentiles.map { [exact($0.p5), exact($0.p50), exact($0.p95)] }
                ?? ["", "", ""]
            let halved = result.improvements.first { $0.stageIndex == index }
            return [stage.name, exact(stage.failureRate)] + counts
                + [String(stage.retries), exact(stage.retryable)] + spread
                + [exact(stage.successProbability), "", "", "", "", ""]
                + [halved.map { exact($0.successProbability) } ?? "", halved.map { exact($0.gain) } ?? ""]
                + [stage.phase.rawValue]
        }
        let exactOdds = Self.csvOrder(result.outcomes), simulated = Self.csvOrder(result.simulatedOutcomes)
        let spread = result.outcomePercentiles.map(Self.csvOrder)
        for (index, name) in Self.csvOutcomeNames.enumerated() {
            rows.append(["pipeline:\(name)"] + Array(repeating: "", count: 8) + [exact(exactOdds[index])]
                        + Self.cells(spread?[index])
                        + [exact(simulated[index].estimate), exact(simulated[index].standardError), "", "", ""])
        }
        if let overTime = result.overTime {
            rows.append(["pipeline:unrecoverable_in_quarter"] + Array(repeating: "", count: 8)
                        + [exact(overTime.unrecoverableInQuarter)]
                        + Self.cells(overTime.unrecoverableInQuarterPercentiles) + ["", "", "", "", ""])
        }
        return OverrideNote.csv(CSVDocument(header: Self.csvHeader, rows: rows), overrides).text
    }

    static let csvOutcomeNames = ["first_attempt_success", "success_after_retries", "success", "blocked", "failure",
                                  "rolled_back", "unrecoverable"]

    /// The figures in the order of ``csvOutcomeNames``.
    private static func csvOrder<Figure>(_ outcomes: DeploymentOutcomes<Figure>) -> [Figure] {
        [outcomes.firstAttemptSuccess, outcomes.successAfterRetries, outcomes.success, outcomes.blocked,
         outcomes.failure, outcomes.rolledBack, outcomes.unrecoverable]
    }

    private static func cells(_ percentiles: Percentiles?) -> [String] {
        guard let percentiles else { return ["", "", ""] }
        return [percentiles.p5, percentiles.p50, percentiles.p95].map(NumberFormat.spreadsheet)
    }

    // MARK: - JSON

    public var json: String {
        var document = DeploymentDocument(result, model: modelName, verdict: verdict, phaseReadings: phaseReadings)
        document.overrides = OverrideNote.json(overrides)
        return JSONText.encode(document)
    }

    // MARK: - Table and Markdown

    private var hasCounts: Bool { result.outcomePercentiles != nil }

    private var headline: String {
        let stages = result.stages.count
        var text = "\(modelName): deployment odds · \(stages) stage\(stages == 1 ? "" : "s"), "
            + "rollback succeeds \(Self.input(result.rollbackSuccessRate))"
        if let overTime = result.overTime {
            text += ", \(Self.count(overTime.deploysPerMonth)) deployments a month"
        }
        return text + " · \(NumberFormat.grouped(result.options.paths)) paths, seed \(result.options.seed)"
            + (OverrideNote.line(overrides).map { "\n" + $0 } ?? "")
    }

    private func stageTable() -> TextTable {
        var columns: [TextTable.Column] = [.init("stage", .left), .init("phase", .left, droppable: true), .init("p")]
        if hasCounts { columns += [.init("from", .left, droppable: true), .init("p P5–P95")] }
        columns += [.init("retries", .left), .init("success with retries")]
        let rows = result.stages.map { stage -> [String] in
            var row = [stage.name, stage.phase.rawValue, Self.input(stage.failureRate)]
            if hasCounts {
                if case .counts(let failures, let runs) = stage.evidence {
                    row.append("\(failures) failures in \(runs) runs")
                } else {
                    row.append("given")
                }
                row.append(stage.failureRatePercentiles.map {
                    "\(NumberFormat.percent($0.p5)) – \(NumberFormat.percent($0.p95))"
                } ?? "")
            }
            var retries = String(stage.retries)
            if stage.retries > 0 && stage.retryable < 1 { retries += " (\(Self.input(stage.retryable)) retryable)" }
            return row + [retries, NumberFormat.percent(stage.successProbability)]
        }
        return TextTable(columns: columns, rows: rows)
    }

    /// How the quick form read each stage's phase, grouped: "Phases as read: ci, build
    /// pre-release (CI-like names: …); deploy release (the default: …)."
    private var phaseLine: String? {
        guard !phaseReadings.isEmpty else { return nil }
        var groups: [(source: StagePhaseReading.Source, phase: Model.Phase, stages: [String])] = []
        for reading in phaseReadings {
            if let index = groups.firstIndex(where: { $0.source == reading.source && $0.phase == reading.phase }) {
                groups[index].stages.append(reading.stage)
            } else {
                groups.append((reading.source, reading.phase, [reading.stage]))
            }
        }
        let parts = groups.map { group -> String in
            let names = group.stages.joined(separator: ", "), many = group.stages.count > 1
            let why = switch group.source {
            case .given: "given with :phase="
            case .ciLikeName: "CI-like name\(many ? "s" : ""), before any release stage"
            case .ciLikeNameAfterRelease: "CI-like name\(many ? "s" : "") after a release stage, left at the default"
            case .defaultPhase: "the default"
            }
            return "\(names) \(group.phase.rawValue) (\(why))"
        }
        return "Phases as read: " + parts.joined(separator: "; ") + ". A pre-release failure blocks the release "
            + "(nothing to roll back); a release or post-release failure is rolled back. :phase=pre-release, release "
            + "or post-release sets a stage's phase."
    }

    /// The retry assumption, when a stage retries every failure.
    private var retryLine: String? {
        let stages = result.stagesAssumingEveryFailureRetryable
        guard !stages.isEmpty else { return nil }
        let how = modelName == Self.quickForm ? ":retryable=SHARE (e.g. deploy=3%:retries=1:retryable=50%)"
            : "retryable: SHARE on the stage"
        return "Retries assume every failure of \(stages.joined(separator: ", ")) can be retried (retryable 100%): "
            + "success with retries is 1 − p^(retries+1). If some failures are permanent, give \(how)."
    }

    /// What the stage table rests on: the phases as read (quick form) and the retry assumption.
    private var stageNotes: [String] { [phaseLine, retryLine].compactMap { $0 } }

    private func outcomeTable() -> TextTable {
        var columns: [TextTable.Column] = [.init("outcome", .left), .init("probability")]
        if hasCounts { columns += [.init("P5"), .init("P50"), .init("P95")] }
        var outcomes: [(String, KeyPath<DeploymentOutcomes<Double>, Double>, KeyPath<DeploymentOutcomes<Percentiles>, Percentiles>)] = [
            ("succeeds at the first attempt", \.firstAttemptSuccess, \.firstAttemptSuccess),
            ("succeeds after retries", \.successAfterRetries, \.successAfterRetries),
            ("blocked before release", \.blocked, \.blocked),
            ("rolled back", \.rolledBack, \.rolledBack),
            ("unrecoverable", \.unrecoverable, \.unrecoverable),
            ("succeeds (all attempts)", \.success, \.success),
        ]
        if result.outcomes.blocked == 0 { outcomes.remove(at: 2) }  // no pre-release stage can fail
        let rows = outcomes.map { name, exact, spread -> [String] in
            var row = [name, NumberFormat.percent(result.outcomes[keyPath: exact])]
            if let percentiles = result.outcomePercentiles?[keyPath: spread] {
                row += [percentiles.p5, percentiles.p50, percentiles.p95].map(NumberFormat.percent)
            }
            return row
        }
        return TextTable(columns: columns, rows: rows)
    }

    private var outcomeNotes: [String] {
        var notes: [String] = []
        if hasCounts {
            notes.append("Probabilities at the posterior-mean failure rates; P5–P95 over the rates' Beta posteriors.")
        }
        let simulated = result.simulatedOutcomes.success
        notes.append("Monte Carlo check: \(NumberFormat.percent(simulated.estimate)) ± "
            + "\(NumberFormat.significant(100 * simulated.standardError, digits: 2))% of \(NumberFormat.grouped(simulated.trials)) "
            + "simulated deployments succeeded.")
        return notes
    }

    private func overTimeTable(_ overTime: DeploymentRiskOverTime) -> TextTable {
        let rows = [("month", overTime.perMonth), ("quarter", overTime.perQuarter)].map { name, period in
            [name, Self.count(period.deployments), Self.count(period.failed), Self.count(period.rolledBack),
             Self.count(period.unrecoverable)]
        }
        return TextTable(columns: [.init("period", .left), .init("deployments"), .init("failed"),
                                   .init("rolled back"), .init("unrecoverable")], rows: rows)
    }

    /// P(≥ 1 unrecoverable in a quarter), with its model and spread.
    private func quarterRisk(_ overTime: DeploymentRiskOverTime) -> String {
        let model = switch overTime.quarterModel {
        case .binomial(let n): "binomial: \(n) deployments, 1 − (1 − u)^\(n)"
        case .poisson(let mean): "Poisson: \(Self.count(mean)) deployments on average, 1 − e^(−\(Self.count(mean))·u)"
        }
        var text = "P(≥ 1 unrecoverable deployment in a quarter) = \(NumberFormat.percent(overTime.unrecoverableInQuarter))"
            + " (\(model))"
        if let spread = overTime.unrecoverableInQuarterPercentiles {
            text += "; P5–P95 \(NumberFormat.percent(spread.p5)) – \(NumberFormat.percent(spread.p95))"
        }
        return text + "."
    }

    private func durationLine(_ minutes: Percentiles) -> String {
        "Deployment time, with retries and rollbacks: P50 \(Self.count(minutes.p50, digits: 3)) min, "
            + "P95 \(Self.count(minutes.p95, digits: 3)) min (mean \(Self.count(minutes.mean ?? 0, digits: 3)) min)."
    }

    private func fixFirstTable() -> TextTable {
        let rows = result.improvements.enumerated().map { rank, entry in
            [String(rank + 1), entry.stageName, Self.input(entry.failureRate), Self.input(entry.halvedFailureRate),
             NumberFormat.percent(entry.successProbability), "+" + NumberFormat.significant(100 * entry.gain)]
        }
        return TextTable(columns: [.init("rank"), .init("stage", .left), .init("p now"), .init("p halved"),
                                   .init("success"), .init("gain (points)")], rows: rows)
    }

    private static let fixFirstTitle = "What to fix first (halve one stage's failure rate, the others unchanged)"

    /// One line: how often deployments succeed and fail beyond repair, and what to fix first.
    public var verdict: String {
        let outcomes = result.outcomes
        guard outcomes.failure > 0 else { return "Verdict: every deployment succeeds." }
        var text = "Verdict: \(NumberFormat.percent(outcomes.success)) of deployments succeed; "
        if outcomes.unrecoverable > 0 {
            text += "1 in \(Self.count(1 / outcomes.unrecoverable, digits: 3)) is unrecoverable "
                + "(\(NumberFormat.percent(outcomes.unrecoverable)))"
        } else {
            text += "none is unrecoverable (every rollback succeeds)"
        }
        if let overTime = result.overTime, outcomes.unrecoverable > 0 {
            text += ", a \(NumberFormat.percent(overTime.unrecoverableInQuarter)) chance of at least one a quarter"
        }
        if let first = result.improvements.first, first.gain > 0 {
            text += "; fix \(first.stageName) first (+\(NumberFormat.significant(100 * first.gain)) points of success)"
        }
        return text + "."
    }

    /// The headline; stages and outcomes with their notes; the risk over time, the duration, what
    /// to fix first; the verdict.
    public var document: Document {
        var document = Document([
            .heading(level: 2, text: "Deployment odds: \(modelName)", terminal: .omitted), .paragraph(headline),
            .heading(level: 3, text: "Stages", terminal: .omitted), .table(stageTable(), notes: stageNotes),
            .heading(level: 3, text: "Outcomes", terminal: .omitted), .table(outcomeTable(), notes: outcomeNotes),
        ])
        if let overTime = result.overTime {
            document.append(contentsOf: [
                .heading(level: 3, text: "Over time at \(Self.count(overTime.deploysPerMonth)) deployments a month",
                         terminal: .colon, detail: "expected counts"),
                .table(overTimeTable(overTime), notes: [quarterRisk(overTime)]),
            ])
        }
        if let minutes = result.durationMinutes { document.append(.paragraph(durationLine(minutes))) }
        if !result.improvements.isEmpty {
            document.append(contentsOf: [.heading(level: 3, text: Self.fixFirstTitle, terminal: .colon), .table(fixFirstTable())])
        }
        document.append(.paragraph(verdict))
        return document
    }


    /// An input probability as a percentage without trailing zeros: 0.04 → "4%", 2/102 → "1.961%".
    static func input(_ probability: Double) -> String {
        trimmed(NumberFormat.significant(100 * probability)) + "%"
    }

    /// A count or a time with `digits` significant digits and no trailing zeros: 20 → "20", 2.1117 → "2.112".
    static func count(_ value: Double, digits: Int = 4) -> String {
        trimmed(NumberFormat.significant(value, digits: digits))
    }

    private static func trimmed(_ text: String) -> String {
        guard text.contains("."), !text.contains("e") else { return text }
        var text = text
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
