/// A quick-form worker pool (``WorkerQuickForm``) that breaks the model's rules: one line
/// naming the flag, what is allowed and what was given.
public struct WorkerQuickFormError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
