/// Data that cannot be fitted (too few rows, all at one load, nothing to fit).
public struct CalibrationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
