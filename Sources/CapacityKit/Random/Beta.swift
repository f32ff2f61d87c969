/// The beta distribution Beta(α, β) on (0, 1), mean α/(α + β).
///
///     X = G₁ / (G₁ + G₂),  G₁ ~ Gamma(α), G₂ ~ Gamma(β)
///
/// The posterior of a failure rate after `f` failures in `n` runs under a
/// uniform prior is Beta(f + 1, n − f + 1).
public struct Beta: Distribution {
    public let alpha: Double
    public let beta: Double

    /// - Precondition: `alpha > 0`, `beta > 0`, both finite.
    public init(alpha: Double, beta: Double) {
        precondition(alpha.isFinite && alpha > 0 && beta.isFinite && beta > 0, "Beta needs α > 0 and β > 0")
        self.alpha = alpha
        self.beta = beta
    }

    /// The mean α / (α + β).
    public var mean: Double { alpha / (alpha + beta) }

    public func sample<G: BitGenerator>(using generator: inout G) -> Double {
        let x = Gamma(shape: alpha).sample(using: &generator)
        let y = Gamma(shape: beta).sample(using: &generator)
        return x / (x + y)
    }
}
