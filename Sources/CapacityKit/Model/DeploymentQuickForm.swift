import Foundation

/// The pipeline of `capacity deploy`'s quick form, read from command-line text
/// with the model loader's rules for a `deployment:` section (DESIGN.md):
///
///     --stage NAME=RATE[:retries=N][:retryable=SHARE][:phase=PHASE]   (once per stage, in pipeline order)
///     --rollback SHARE                                  rollback success rate (default 100 %)
///     --deploys-per-month N                             (default 0: no monthly figures)
///
/// RATE is a failure probability, `4%` or `0.04`, or counts `failures/runs`
/// (`2/100`, a Beta posterior). Rates and shares are probabilities in [0, 1];
/// failures and runs are whole numbers with 0 ≤ failures ≤ runs and
/// 1 ≤ runs ≤ 10⁹; retries is a whole number in [0, 100]; stage names are
/// non-empty and unique; there are 1 to 100 stages; deployments per month are
/// in [0, 10⁵] (the model's ``NumberRule`` ranges, in the same words). As in a model file,
/// a stage retries all its failures unless `retryable` says otherwise. PHASE is
/// `pre-release`, `release` or `post-release`; without it a CI-like name
/// (``StagePhaseReading/ciLikeNames``: ci, build, test, lint, docker build, …) before
/// every release stage is `pre-release` and any other stage `release`, and
/// ``read(stages:rollback:deploysPerMonth:)`` says which (``StagePhaseReading``).
///
/// The first problem is thrown as one line that names the flag, its value,
/// what is allowed and what was given:
///
///     --stage ci=120%: failure rate must be a probability in [0, 1]; got 120%
public enum DeploymentQuickForm {
    /// The example every "expected" message shows.
    static let stageSyntax = "expected NAME=RATE[:retries=N][:retryable=SHARE][:phase=PHASE], e.g. ci=4%, build=2/100 or deploy=3%:retries=1"
    static let stageOptions = ["retries", "retryable", "phase"]

    /// The pipeline the flags describe, checked by the model file's rules.
    public static func deployment(stages: [String], rollback: String?, deploysPerMonth: String?)
        throws(DeploymentQuickFormError) -> Validated<Model.Deployment> {
        try read(stages: stages, rollback: rollback, deploysPerMonth: deploysPerMonth).deployment
    }

    /// The pipeline the flags describe, checked by the model file's rules, and how each stage's phase was read.
    public static func read(stages: [String], rollback: String?, deploysPerMonth: String?)
        throws(DeploymentQuickFormError) -> (deployment: Validated<Model.Deployment>, phases: [StagePhaseReading]) {
        guard !stages.isEmpty else {
            throw DeploymentQuickFormError("the quick form needs at least one --stage NAME=RATE (e.g. --stage ci=4%); "
                + "--rollback and --deploys-per-month describe its pipeline")
        }
        guard stages.count <= NumberRule.maximumListLength else {
            throw DeploymentQuickFormError("--stage is given \(stages.count) times; a pipeline has at most "
                + "\(NumberRule.maximumListLength) stages")
        }
        var parsed: [Model.Stage] = []
        var phases: [StagePhaseReading] = []
        for argument in stages {
            var (stage, phaseGiven) = try stage(argument)
            let source: StagePhaseReading.Source
            if phaseGiven {
                source = .given
            } else if StagePhaseReading.isCILike(stage.name) {
                let released = parsed.contains { $0.phase != .preRelease }
                stage.phase = released ? .release : .preRelease
                source = released ? .ciLikeNameAfterRelease : .ciLikeName
            } else {
                source = .defaultPhase
            }
            if parsed.contains(where: { $0.name == stage.name }) {
                throw Argument("--stage", argument).problem("stage `\(stage.name)` is given twice; names must be unique")
            }
            if let previous = parsed.last?.phase, let order = Model.Phase.allCases.firstIndex(of: stage.phase),
               order < Model.Phase.allCases.firstIndex(of: previous)! {
                throw Argument("--stage", argument).problem("phase \(stage.phase.rawValue) follows a \(previous.rawValue) "
                    + "stage; list stages in phase order: pre-release, release, post-release")
            }
            parsed.append(stage)
            phases.append(StagePhaseReading(stage: stage.name, phase: stage.phase, source: source))
        }
        var deployment = Model.Deployment(stages: parsed)
        if let rollback {
            deployment.rollback.successRate = try Argument("--rollback", rollback)
                .probability(rollback, "rollback success rate")
        }
        if let deploysPerMonth {
            let argument = Argument("--deploys-per-month", deploysPerMonth)
            guard let value = Fields.parse(deploysPerMonth.trimmingCharacters(in: .whitespaces)) else {
                throw argument.problem("deployments per month must be a number; got \(deploysPerMonth)")
            }
            guard NumberRule.deploysPerMonth.test(value) else {
                throw argument.problem("deployments per month must be \(NumberRule.deploysPerMonth.allowed); got \(deploysPerMonth)")
            }
            deployment.deploysPerMonth = value
        }
        return (Validated(checked: deployment), phases)
    }

    /// One `--stage NAME=RATE[:key=value…]`, and whether it gives its phase.
    static func stage(_ text: String) throws(DeploymentQuickFormError) -> (stage: Model.Stage, phaseGiven: Bool) {
        let argument = Argument("--stage", text)
        guard let equals = text.firstIndex(of: "=") else { throw argument.problem(stageSyntax) }
        let name = text[..<equals].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw argument.problem("the stage name is empty; \(stageSyntax)") }
        let parts = text[text.index(after: equals)...].split(separator: ":", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !parts[0].isEmpty else { throw argument.problem("the failure rate is missing; \(stageSyntax)") }
        var stage = Model.Stage(name: name, failure: try argument.failureEvidence(parts[0]))
        var seen: Set<String> = []
        var phaseGiven = false
        for option in parts.dropFirst() {
            let pair = option.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else {
                throw argument.problem("expected KEY=VALUE after `:`, e.g. retries=1 or retryable=50%; got `\(option)`")
            }
            let (key, value) = (pair[0], pair[1])
            guard stageOptions.contains(key) else {
                throw argument.problem("unknown option `\(key)`; "
                    + YAMLReader.suggestion(for: key, among: stageOptions).replacingOccurrences(of: "keys", with: "options"))
            }
            guard seen.insert(key).inserted else { throw argument.problem("`\(key)` is given twice") }
            if key == "retries" {
                stage.retries = try argument.wholeNumber(value, "retries", .retries)
            } else if key == "phase" {
                guard let phase = Model.Phase(rawValue: value) else {
                    throw argument.problem("phase must be "
                        + Model.Phase.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ") + "; got \(value)")
                }
                stage.phase = phase
                phaseGiven = true
            } else {
                stage.retryable = try argument.probability(value, "retryable share")
            }
        }
        return (stage, phaseGiven)
    }

    /// A flag and its value, to name in messages.
    private struct Argument {
        let flag: String
        let text: String

        init(_ flag: String, _ text: String) {
            self.flag = flag
            self.text = text
        }

        func problem(_ message: String) -> DeploymentQuickFormError {
            DeploymentQuickFormError("\(flag) \(text): \(message)")
        }

        /// `4%`, `0.04` or `failures/runs`.
        func failureEvidence(_ value: String) throws(DeploymentQuickFormError) -> Model.FailureEvidence {
            let counts = value.split(separator: "/", omittingEmptySubsequences: false)
            guard counts.count == 2 else { return .rate(try probability(value, "failure rate", countsAllowed: true)) }
            let failures = try wholeNumber(counts[0].trimmingCharacters(in: .whitespaces), "failures", .failures)
            let runs = try wholeNumber(counts[1].trimmingCharacters(in: .whitespaces), "runs", .runs)
            guard failures <= runs else { throw problem("failures must be ≤ runs (\(runs)); got \(failures)") }
            return .counts(failures: failures, runs: runs)
        }

        /// A fraction or a percentage in [0, 1].
        func probability(_ value: String, _ what: String, countsAllowed: Bool = false)
            throws(DeploymentQuickFormError) -> Double {
            guard let number = Fields.parseRate(value) else {
                let forms = countsAllowed ? "a probability (4% or 0.04) or counts failures/runs (2/100)"
                    : "a probability (95% or 0.95)"
                throw problem("\(what) must be \(forms); got \(value)")
            }
            guard NumberRule.probability.test(number) else {
                throw problem("\(what) must be a probability in [0, 1]; got \(value)")
            }
            return number
        }

        func wholeNumber(_ value: String, _ what: String, _ rule: NumberRule)
            throws(DeploymentQuickFormError) -> Int {
            guard let number = Fields.parse(value), number == number.rounded(), abs(number) < 1e15 else {
                throw problem("\(what) must be a whole number; got \(value)")
            }
            guard rule.test(number) else { throw problem("\(what) must be \(rule.allowed); got \(value)") }
            return Int(number)
        }
    }
}
