/// The continuous uniform distribution on (lower, upper).
///
///     X = lower + (upper − lower) · U,   U ~ U(0, 1) with 53 random bits
public struct Uniform: Distribution {
    public let lower: Double
    public let upper: Double

    /// - Precondition: `lower < upper`, both finite.
    public init(lower: Double = 0, upper: Double = 1) {
        precondition(lower.isFinite && upper.isFinite && lower < upper, "Uniform needs finite lower < upper")
        self.lower = lower
        self.upper = upper
    }

    @inlinable
    public func sample<G: BitGenerator>(using generator: inout G) -> Double {
        lower + (upper - lower) * generator.nextUniform()
    }
}
