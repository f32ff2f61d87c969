/// A quick-form argument that does not describe a valid component or target:
/// one line naming the argument, what is allowed, and what was given.
public struct AvailabilityShorthandError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }

    /// "--component ARGUMENT: PROBLEM".
    init(argument: String, _ problem: String) {
        description = "--component \(argument): \(problem)"
    }
}
