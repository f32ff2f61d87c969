/// The normal distribution N(mean, sd²) restricted to [lower, upper], by inversion.
///
///     X = mean + sd · Φ⁻¹(Φ(α) + U · (Φ(β) − Φ(α))),  α = (lower − mean)/sd, β = (upper − mean)/sd
///
/// When the interval lies in the upper tail (α > 0) the mirror image is drawn,
/// so the CDF differences are taken where Φ is small and accurate.
public struct TruncatedNormal: Distribution {
    public let mean: Double
    public let standardDeviation: Double
    public let lower: Double
    public let upper: Double
    // Φ at the standardised bounds, on the side where they are accurate.
    private let mirrored: Bool
    private let cdfLow: Double
    private let cdfWidth: Double

    /// - Precondition: `sd > 0`, `lower < upper`, and the interval holds probability
    ///   mass that Φ can resolve (not both bounds beyond 37 sd on the same side).
    public init(mean: Double, standardDeviation: Double,
                lower: Double = -.infinity, upper: Double = .infinity) {
        precondition(mean.isFinite && standardDeviation.isFinite && standardDeviation > 0,
                     "TruncatedNormal needs a finite mean and sd > 0")
        precondition(lower < upper, "TruncatedNormal needs lower < upper")
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.lower = lower
        self.upper = upper
        let alpha = (lower - mean) / standardDeviation
        let beta = (upper - mean) / standardDeviation
        mirrored = alpha > 0
        let (a, b) = mirrored ? (-beta, -alpha) : (alpha, beta)
        cdfLow = Normal.cdf(a)
        cdfWidth = Normal.cdf(b) - cdfLow
        precondition(cdfWidth > 0, "TruncatedNormal interval holds no resolvable probability")
    }

    public func sample<G: BitGenerator>(using generator: inout G) -> Double {
        let z = Normal.quantile(cdfLow + generator.nextUniform() * cdfWidth)
        let x = mean + standardDeviation * (mirrored ? -z : z)
        return min(max(x, lower), upper)
    }
}
