/// The 1st, 10th, 50th, 90th and 99th percentiles of a Monte Carlo figure,
/// each with its standard error: the one percentiles type of every command.
///
/// Quantile definition: the p-quantile is the smallest value x with F̂(x) ≥ p,
/// the inverse of the empirical distribution (Hyndman & Fan 1996, definition 1),
/// read from a ``QuantileHistogram`` within a relative bin error of 2⁻¹¹
/// (0.05 %) and clamped to the smallest and largest value seen, so a figure
/// that is the same on every path is exact.
///
/// The standard error of Q̂(p) is σ/f(Q(p)) with σ = √(p(1 − p)/n) and f the
/// density (the asymptotic variance of a sample quantile); with Q′ = 1/f it is
/// estimated from the histogram itself by a central difference over ±σ in p:
///
///     SE(Q̂(p)) ≈ [Q̂(p + σ) − Q̂(p − σ)] / 2
///
/// It is 0 when both ends fall in one bin (the sampling error is then below
/// the binning error).
public struct Percentiles: Sendable, Equatable {
    public let p1: Double
    public let p10: Double
    public let p50: Double
    public let p90: Double
    public let p99: Double
    public let p1StandardError: Double
    public let p10StandardError: Double
    public let p50StandardError: Double
    public let p90StandardError: Double
    public let p99StandardError: Double

    /// The percentiles of a non-empty histogram.
    public init(_ histogram: QuantileHistogram) {
        // Every quantile this needs (five, and ±σ around each for its standard error), in one pass.
        let ps = [0.01, 0.1, 0.5, 0.9, 0.99]
        let sigmas = ps.map { ($0 * (1 - $0) / Double(histogram.count)).squareRoot() }
        let values = histogram.quantiles(ps + zip(ps, sigmas).flatMap { [min(1, $0 + $1), max(0, $0 - $1)] })
        func standardError(_ k: Int) -> Double { (values[5 + 2 * k] - values[6 + 2 * k]) / 2 }
        p1 = values[0]
        p10 = values[1]
        p50 = values[2]
        p90 = values[3]
        p99 = values[4]
        p1StandardError = standardError(0)
        p10StandardError = standardError(1)
        p50StandardError = standardError(2)
        p90StandardError = standardError(3)
        p99StandardError = standardError(4)
    }

    /// These percentiles divided by `scale` (> 0): the quantiles of x / scale.
    public func scaled(by scale: Double) -> Percentiles {
        Percentiles(p1: p1 / scale, p10: p10 / scale, p50: p50 / scale, p90: p90 / scale, p99: p99 / scale,
                    p1StandardError: p1StandardError / scale, p10StandardError: p10StandardError / scale,
                    p50StandardError: p50StandardError / scale, p90StandardError: p90StandardError / scale,
                    p99StandardError: p99StandardError / scale)
    }

    private init(p1: Double, p10: Double, p50: Double, p90: Double, p99: Double, p1StandardError: Double,
                 p10StandardError: Double, p50StandardError: Double, p90StandardError: Double,
                 p99StandardError: Double) {
        self.p1 = p1
        self.p10 = p10
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p1StandardError = p1StandardError
        self.p10StandardError = p10StandardError
        self.p50StandardError = p50StandardError
        self.p90StandardError = p90StandardError
        self.p99StandardError = p99StandardError
    }
}
