import Foundation

/// The lognormal distribution, parameterised as users think of it: by the
/// mean and standard deviation of the value itself.
///
///     σ² = ln(1 + sd²/mean²),  μ = ln(mean) − σ²/2,  X = exp(μ + σ Z)
///
/// so that E[X] = mean and SD[X] = sd exactly.
public struct LogNormal: Distribution {
    public let mean: Double
    public let standardDeviation: Double
    /// μ and σ of ln X.
    public let logMean: Double
    public let logStandardDeviation: Double

    /// - Precondition: `mean > 0`, `sd ≥ 0`, both finite.
    public init(mean: Double, standardDeviation: Double) {
        precondition(mean.isFinite && mean > 0 && standardDeviation.isFinite && standardDeviation >= 0,
                     "LogNormal needs mean > 0 and sd ≥ 0")
        self.mean = mean
        self.standardDeviation = standardDeviation
        let variance = log1p((standardDeviation / mean) * (standardDeviation / mean))
        logStandardDeviation = variance.squareRoot()
        logMean = log(mean) - variance / 2
    }

    @inlinable
    public func sample<G: BitGenerator>(using generator: inout G) -> Double {
        exp(logMean + logStandardDeviation * Normal.quantile(generator.nextUniform()))
    }
}
