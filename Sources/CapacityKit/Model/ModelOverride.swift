/// One change to a model file's values before it is read: `--set KEY=VALUE` on
/// the command line, or one entry of a scenario in the file's `scenarios:`.
///
/// The key is a path as the model file writes it — mapping keys joined by `.`,
/// list items by their `name` (`services.api.limit_mb`,
/// `deployment.stages.docker build.failure_rate`) or by position
/// (`services[0].limit_mb`); the value is YAML text (`30%`, `800`,
/// `{mean: 2, sd: 0.3}`). The change is made in the parsed YAML tree, so the
/// model file's own rules (ranges, cross-field checks, unknown keys with
/// "did you mean") check the new value, and name the override when it breaks one.
public struct ModelOverride: Sendable, Equatable, CustomStringConvertible {
    /// Where an override comes from.
    public enum Origin: Sendable, Equatable {
        /// `--set` on the command line.
        case commandLine
        /// An entry of the named scenario in the model file.
        case scenario(String)
    }

    /// The key path, as written.
    public var keyPath: String
    /// The value, as written (YAML text).
    public var value: String
    public var origin: Origin
    /// The value at the key path before the change, as the file writes it; nil when the
    /// file does not give the key (set by ``ModelLoader`` when it applies the override).
    public var previous: String?

    public init(keyPath: String, value: String, origin: Origin = .commandLine, previous: String? = nil) {
        self.keyPath = keyPath
        self.value = value
        self.origin = origin
        self.previous = previous
    }

    /// `KEY=VALUE` as typed after `--set`: the key is everything before the first `=`.
    public init(parsing argument: String) throws(ModelOverrideError) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw ModelOverrideError(argument: argument, message: "--set takes KEY=VALUE; got \(argument)",
                                     hint: "for example --set traffic.growth.mean=30%")
        }
        let key = argument[..<equals].trimmingCharacters(in: .whitespaces)
        let value = String(argument[argument.index(after: equals)...])
        guard !key.isEmpty else {
            throw ModelOverrideError(argument: argument, message: "--set \(argument): the key path before `=` is empty",
                                     hint: "for example --set traffic.growth.mean=30%")
        }
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ModelOverrideError(argument: argument, message: "--set \(argument): the value after `=` is empty",
                                     hint: "give a value, e.g. --set \(key)=…; to drop an optional key, edit the file")
        }
        self.init(keyPath: key, value: value)
    }

    /// `traffic.growth.mean=30%`.
    public var description: String { "\(keyPath)=\(value)" }

    /// `traffic.growth.mean=30% (file: 20%)`: what the header of an overridden run shows.
    public var withPrevious: String { description + " (file: \(previous ?? "not set"))" }
}

/// An override that cannot be applied, before any rule of the model is checked:
/// malformed `KEY=VALUE`, a key path that leads nowhere, a value that is not YAML.
/// The command line reports it as a usage error (exit 64).
public struct ModelOverrideError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `--set` argument as typed (`KEY=VALUE`).
    public var argument: String
    public var message: String
    public var hint: String?

    public init(argument: String, message: String, hint: String? = nil) {
        self.argument = argument
        self.message = message
        self.hint = hint
    }

    public var description: String { hint.map { "\(message); \($0)" } ?? message }
}
