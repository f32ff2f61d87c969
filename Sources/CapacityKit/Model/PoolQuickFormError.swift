/// A quick-form pool (``PoolQuickForm``) that breaks the model's rules: one line
/// naming the flag, what is allowed and what was given.
public struct PoolQuickFormError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
