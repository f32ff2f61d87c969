/// P5, P50, P95 and mean of a Monte Carlo figure (an outcome probability over
/// the failure-rate posteriors, a stage's failure rate, a duration in minutes),
/// each with its Monte Carlo standard error, from a ``SampleTally`` — so in
/// bounded memory whatever the path count.
///
/// Percentiles interpolate linearly between order statistics (Hyndman and Fan's
/// type 7, NumPy's default): with x₍₁₎ ≤ … ≤ x₍ₙ₎ and h = (n − 1)·q,
///
///     Q(q) = x₍⌊h⌋₊₁₎ + (h − ⌊h⌋) · (x₍⌊h⌋₊₂₎ − x₍⌊h⌋₊₁₎)
///
/// Each order statistic is read from the tally's histogram at its bin midpoint,
/// so Q(q) carries a binning error of at most ``binRelativeError`` = 2⁻¹¹ of
/// its value (of 1 − Q for probabilities above ½), besides the Monte Carlo error.
///
/// The standard error of Q(q) is half the width of the distribution-free ±1σ
/// interval between order statistics (David and Nagaraja, *Order Statistics*,
/// 3rd ed., §7.1), equivalently the sparsity estimate √(q(1−q)/n) / f(Q(q))
/// with the density from a difference of the quantile function:
///
///     SE(Q(q)) ≈ (Q(q + δ) − Q(q − δ)) / 2,   δ = √(q(1 − q)/n)
///
/// It too is read from the histogram: when that interval is narrower than a
/// few bins the SE is known only to about a bin width (it may read 0), and the
/// binning error bounds the percentile's accuracy instead. The mean's standard
/// error is s/√n, from exact sums.
public struct DeploymentPercentiles: Sendable, Equatable {
    /// Bound on the relative error of a percentile from binning, 2⁻¹¹ ≈ 0.049 %.
    public static let binRelativeError = 0x1p-11

    public var p5: Double
    public var p50: Double
    public var p95: Double
    public var mean: Double
    public var p5StandardError: Double
    public var p50StandardError: Double
    public var p95StandardError: Double
    public var meanStandardError: Double
    /// Sample size.
    public var count: Int

    public init(p5: Double, p50: Double, p95: Double, mean: Double, p5StandardError: Double,
                p50StandardError: Double, p95StandardError: Double, meanStandardError: Double, count: Int) {
        self.p5 = p5
        self.p50 = p50
        self.p95 = p95
        self.mean = mean
        self.p5StandardError = p5StandardError
        self.p50StandardError = p50StandardError
        self.p95StandardError = p95StandardError
        self.meanStandardError = meanStandardError
        self.count = count
    }

    /// The summary of a tally, in O(bins). It depends only on the tally, which is
    /// the same for any split of the sample into chunks.
    ///
    /// - Precondition: the tally is not empty (a programmer error).
    init(_ tally: SampleTally) {
        precondition(tally.count > 0, "DeploymentPercentiles needs a non-empty sample")
        self.init(p5: Self.quantile(tally, 0.05), p50: Self.quantile(tally, 0.5), p95: Self.quantile(tally, 0.95),
                  mean: tally.mean, p5StandardError: Self.standardError(tally, 0.05),
                  p50StandardError: Self.standardError(tally, 0.5), p95StandardError: Self.standardError(tally, 0.95),
                  meanStandardError: tally.meanStandardError, count: tally.count)
    }

    /// The summary of `sample` (values ≥ 0; `probability` for values in [0, 1]).
    init(sample: [Double], probability: Bool = false) {
        var tally = SampleTally(probability: probability)
        tally.add(sample)
        self.init(tally)
    }

    /// Q(q) of a non-empty tally (type 7).
    static func quantile(_ tally: SampleTally, _ q: Double) -> Double {
        let h = Double(tally.count - 1) * q
        let lower = Int(h.rounded(.down))
        let below = tally.orderStatistic(lower + 1)
        guard lower + 2 <= tally.count else { return below }
        return below + (h - Double(lower)) * (tally.orderStatistic(lower + 2) - below)
    }

    /// (Q(q + δ) − Q(q − δ)) / 2 with δ = √(q(1 − q)/n), levels clamped to [0, 1].
    static func standardError(_ tally: SampleTally, _ q: Double) -> Double {
        let delta = (q * (1 - q) / Double(tally.count)).squareRoot()
        return (quantile(tally, min(1, q + delta)) - quantile(tally, max(0, q - delta))) / 2
    }
}
