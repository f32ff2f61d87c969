/// A ``Model`` that has passed every rule of the contract, with the warnings
/// and notes found on the way: what the engines accept.
///
/// Two ways in: ``ModelLoader`` (a model file, findings located by
/// file:line:column) and ``init(_:today:)`` (a model built in code — a scaling
/// option, a calibrated model — checked by the same ``ModelRules``).
public struct ValidatedModel: Sendable {
    public let model: Model
    /// Warnings and notes (never errors), in file order.
    public let findings: [Diagnostic]
    /// The overrides applied to the file's values, in order (`--set`, then a
    /// scenario's): what every output's header lists, so that a run with them is
    /// never taken for the file's base case. Empty for the file as it is.
    public let overrides: [ModelOverride]
    /// The file's scenarios, each this model with the scenario's overrides on
    /// top, checked by the same rules (empty inside a scenario).
    public let scenarios: [ModelScenario]

    /// Checks a model built in code; throws ``ModelError`` naming each broken rule by key path.
    /// With `today`, a model whose `start` is before it is forecast from `today`
    /// (``Model/forecastingFrom(today:)``), as the loader does.
    public init(_ model: Model, today: YearMonth? = nil) throws(ModelError) {
        let diagnostics = ModelRules.findings(model, today: today).map {
            Diagnostic(file: "model `\(model.name)`", line: 0, column: 0, path: $0.path,
                       message: $0.message, hint: $0.hint, severity: $0.severity)
        }
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw ModelError(diagnostics: errors) }
        self.init(checked: today.map(model.forecastingFrom(today:)) ?? model, findings: diagnostics)
    }

    /// A model the loader has checked.
    init(checked model: Model, findings: [Diagnostic], overrides: [ModelOverride] = [], scenarios: [ModelScenario] = []) {
        self.model = model
        self.findings = findings
        self.overrides = overrides
        self.scenarios = scenarios
    }

    /// The same model forecast from another calendar month (`forecast --start`): its
    /// inputs describe `start` (no months elapsed before it, ``Model/describing(_:)``);
    /// the start note is recomputed for the new start; the scenarios move with it.
    public func starting(at start: YearMonth, today: YearMonth?) -> ValidatedModel {
        let model = self.model.describing(start)
        var findings = self.findings.filter { $0.path != "start" }
        if let today, let note = ModelRules.startFinding(start, today: today, explicit: true) {
            findings.append(Diagnostic(file: "--start", line: 0, column: 0, path: note.path, message: note.message,
                                       hint: note.hint, severity: note.severity))
        }
        return ValidatedModel(checked: model, findings: findings, overrides: overrides,
                              scenarios: scenarios.map { ModelScenario(name: $0.name, model: $0.model.starting(at: start, today: nil)) })
    }

    /// The same model forecast from `today` when its `start` is before it
    /// (``Model/forecastingFrom(today:)``), its scenarios with it: what the loader
    /// returns when it is given today. The findings stay (the start note says it).
    public func forecastingFrom(today: YearMonth) -> ValidatedModel {
        ValidatedModel(checked: model.forecastingFrom(today: today), findings: findings, overrides: overrides,
                       scenarios: scenarios.map { ModelScenario(name: $0.name, model: $0.model.forecastingFrom(today: today)) })
    }

    /// The scenario called `name`, if the file has one.
    public func scenario(named name: String) -> ModelScenario? {
        scenarios.first { $0.name == name }
    }
}

/// One of a model file's scenarios, ready to run: the base model (with any
/// `--set`) and the scenario's overrides on top.
public struct ModelScenario: Sendable {
    public let name: String
    /// Its ``ValidatedModel/overrides`` are the command line's, then the scenario's.
    public let model: ValidatedModel

    public init(name: String, model: ValidatedModel) {
        self.name = name
        self.model = model
    }

    /// The scenario's own overrides (without the command line's).
    public var overrides: [ModelOverride] {
        model.overrides.filter { $0.origin == .scenario(name) }
    }
}
