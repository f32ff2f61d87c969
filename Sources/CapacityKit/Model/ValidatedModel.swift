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

    /// Checks a model built in code; throws ``ModelError`` naming each broken rule by key path.
    public init(_ model: Model, today: YearMonth? = nil) throws(ModelError) {
        let diagnostics = ModelRules.findings(model, today: today).map {
            Diagnostic(file: "model `\(model.name)`", line: 0, column: 0, path: $0.path,
                       message: $0.message, hint: $0.hint, severity: $0.severity)
        }
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw ModelError(diagnostics: errors) }
        self.init(checked: model, findings: diagnostics)
    }

    /// A model the loader has checked.
    init(checked model: Model, findings: [Diagnostic]) {
        self.model = model
        self.findings = findings
    }

    /// The same model forecast from another calendar month (`forecast --start`):
    /// the start note is recomputed for the new start.
    public func starting(at start: YearMonth, today: YearMonth?) -> ValidatedModel {
        var model = self.model
        model.start = start
        var findings = self.findings.filter { $0.path != "start" }
        findings += ModelRules.findings(model, today: today).filter { $0.path == "start" }.map {
            Diagnostic(file: "--start", line: 0, column: 0, path: $0.path, message: $0.message, hint: nil, severity: $0.severity)
        }
        return ValidatedModel(checked: model, findings: findings)
    }
}
