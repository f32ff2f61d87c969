/// A quick-form pipeline (``DeploymentQuickForm``) that breaks the model's rules:
/// one line naming the flag, its value, what is allowed and what was given.
public struct DeploymentQuickFormError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
