import Foundation
import Yams

/// The `deployment:` section: stages, their phases and failure evidence, the rollback.
extension ModelLoader {
    static func readDeployment(_ fields: Fields, _ reader: YAMLReader) -> Model.Deployment {
        let deploys = fields.number("deploys_per_month", .deploysPerMonth, fallback: 0) ?? 0
        var stages: [Model.Stage] = []
        var seen: [String: String] = [:]
        let allowed = ["name", "phase", "failure_rate", "failures", "runs", "retries", "retryable", "duration_minutes"]
        for (node, path) in fields.list("stages", required: true, nonEmpty: true) {
            guard let stage = reader.fields(node, at: path, allowed: allowed) else { continue }
            let name = stage.string("name")
            if let name { checkUnique(name, at: stage, in: &seen, reader) }
            let failure = readFailureEvidence(stage, reader)
            let retries = stage.integer("retries", .retries, fallback: 0)
            let retryable = stage.number("retryable", .probability, percent: true, fallback: 1)
            let duration = readMeanAndSD(stage, "duration_minutes", reader)
            let phase = readPhase(stage, after: stages.last?.phase, reader)
            if let name, let failure, let retries, let retryable, let duration, let phase {
                stages.append(Model.Stage(name: name, failure: failure, retries: retries, retryable: retryable,
                                          durationMinutes: duration, phase: phase))
            }
        }
        var rollback = Model.Rollback()
        if let fields = fields.fields("rollback", allowed: ["success_rate", "duration_minutes"]) {
            rollback.successRate = fields.number("success_rate", .probability, percent: true, fallback: 1) ?? 1
            rollback.durationMinutes = readMeanAndSD(fields, "duration_minutes", reader) ?? nil
        }
        return Model.Deployment(deploysPerMonth: deploys, stages: stages, rollback: rollback)
    }

    /// `phase: pre-release | release | post-release` (default `release`), in
    /// phase order: a stage's phase may not come before the previous stage's.
    static func readPhase(_ stage: Fields, after previous: Model.Phase?, _ reader: YAMLReader) -> Model.Phase? {
        guard let text = stage.string("phase", fallback: Model.Phase.release.rawValue) else { return nil }
        let names = Model.Phase.allCases.map(\.rawValue)
        guard let phase = Model.Phase(rawValue: text) else {
            reader.report(stage["phase"], stage.path("phase"),
                          "\(stage.path("phase")) must be \(names.map { "`\($0)`" }.joined(separator: ", ")); got \(YAMLReader.shown(text))",
                          hint: YAMLReader.suggestion(for: text, among: names).replacingOccurrences(of: "allowed keys", with: "phases"))
            return nil
        }
        if let previous, let order = names.firstIndex(of: phase.rawValue), order < names.firstIndex(of: previous.rawValue)! {
            reader.report(stage["phase"], stage.path("phase"),
                          "\(stage.path("phase")) is \(phase.rawValue) but follows a \(previous.rawValue) stage",
                          hint: "list stages in phase order: pre-release, release, post-release")
            return nil
        }
        return phase
    }

    /// `failure_rate`, or `failures` with `runs` (failures ≤ runs) — exactly one of the two forms.
    static func readFailureEvidence(_ stage: Fields, _ reader: YAMLReader) -> Model.FailureEvidence? {
        let hasRate = stage.has("failure_rate")
        let hasCounts = stage.has("failures") || stage.has("runs")
        switch (hasRate, hasCounts) {
        case (true, true):
            reader.report(stage["failure_rate"], stage.path("failure_rate"),
                          "\(stage.path).failure_rate and failures/runs are both given",
                          hint: "give either `failure_rate` or `failures` with `runs`")
            return nil
        case (false, false):
            reader.report(stage.node, stage.path("failure_rate"), "\(stage.path) is missing `failure_rate`",
                          hint: "give `failure_rate: 2%` or counts `failures: 2, runs: 100`")
            return nil
        case (true, false):
            return stage.number("failure_rate", .probability, percent: true).map { .rate($0) }
        case (false, true):
            let failures = stage.integer("failures", .failures)
            let runs = stage.integer("runs", .runs)
            guard let failures, let runs else { return nil }
            guard failures <= runs else {
                reader.report(stage["failures"], stage.path("failures"),
                              "\(stage.path("failures")) must be ≤ runs (\(runs)); got \(failures)")
                return nil
            }
            return .counts(failures: failures, runs: runs)
        }
    }
}
