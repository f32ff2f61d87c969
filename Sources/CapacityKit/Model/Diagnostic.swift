/// One problem found in a model file, located like a compiler's error:
///
///     models/stack.yaml:12:5: services[1].memory.per_rps_mb must be ≥ 0; got -2
///
/// `line` and `column` are 1-based (columns count Unicode scalars).
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// How serious a finding is: an error refuses the model; a warning is printed
    /// (and refused by `validate --strict`); a note is printed.
    public enum Severity: String, Sendable, Equatable {
        case error, warning, note
    }

    public var file: String
    public var line: Int
    public var column: Int
    /// Key path of the offending value, e.g. `services[1].memory.per_rps_mb`.
    public var path: String
    /// What is wrong and what is allowed, starting with the key path.
    public var message: String
    /// How to fix it, when there is a likely fix ("did you mean `limit_mb`?").
    public var hint: String?
    public var severity: Severity

    /// `line` 0 means no location in a file (a model built in code).
    public init(file: String, line: Int, column: Int, path: String, message: String, hint: String? = nil,
                severity: Severity = .error) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
        self.hint = hint
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line):\(column)" : file
        let label = severity == .error ? "" : "\(severity.rawValue): "
        let location = "\(place): \(label)\(message)"
        guard let hint else { return location }
        return "\(location); \(hint)"
    }
}

/// A model file that could not be turned into a valid ``Model``: every
/// problem found, in file order.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    /// True when the file alone is valid and the problems come from `--set`
    /// overrides: a bad command line (exit 64) rather than a bad model file (65).
    public var fromCommandLine: Bool

    public init(diagnostics: [Diagnostic], fromCommandLine: Bool = false) {
        self.diagnostics = diagnostics
        self.fromCommandLine = fromCommandLine
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// A model file that could not be read at all.
public struct ModelFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
