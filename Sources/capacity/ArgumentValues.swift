import ArgumentParser
import CapacityKit

/// `--seed N` as typed: kept as text so that a negative or malformed seed gets
/// a message that says what a seed must be (ArgumentParser would call `-1` a
/// missing value). Parse it with `@Option(parsing: .unconditional)`.
struct SeedArgument: ExpressibleByArgument, Sendable {
    let text: String
    /// The seed, or nil when the text is not a whole number in [0, 2⁶⁴ − 1].
    let value: UInt64?

    init(argument: String) {
        text = argument
        value = UInt64(argument.replacingOccurrences(of: "_", with: ""))
    }

    init(_ value: UInt64) {
        text = String(value)
        self.value = value
    }

    var defaultValueDescription: String { text }

    /// The seed, or a usage error naming the flag.
    func seed() throws -> UInt64 {
        guard let value else {
            throw CommandFailure.usage(SimulationOptions.seedProblem(text))
        }
        return value
    }
}

/// A probability or a rate typed as `1%` or `0.01`, as `--target 99.9%` is
/// read; for `--precision` (forecast) and any other flag that takes one.
struct RateArgument: ExpressibleByArgument, Sendable {
    let text: String
    /// The rate in [0, 1], or nil when the text is not one.
    let value: Double?

    init(argument: String) {
        text = argument
        value = AvailabilityShorthand.probability(argument)
    }

    var defaultValueDescription: String { text }

    /// The rate, or a usage error naming `flag`.
    func rate(flag: String) throws -> Double {
        guard let value else {
            throw CommandFailure.usage("\(flag) must be a probability, written 1% or 0.01; got \(text)")
        }
        return value
    }
}
