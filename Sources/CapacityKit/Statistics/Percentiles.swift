/// The 1st, 5th, 10th, 50th, 90th, 95th and 99th percentiles of a Monte Carlo
/// figure, each with its standard error: the one percentiles type of every
/// command (forecast, pools, deployment odds, simulated years).
///
/// Quantile definition: the p-quantile is the smallest value x with F̂(x) ≥ p,
/// the inverse of the empirical distribution (Hyndman & Fan 1996, definition 1):
/// the order statistic x₍⌈np⌉₎ (x₍₁₎ for p = 0), read from a ``QuantileHistogram``
/// within a relative bin error of ``binRelativeError`` = 2⁻¹¹ (0.05 %) and clamped
/// to the smallest and largest value seen, so a figure that is the same on every
/// path is exact. From a ``SampleTally`` of probabilities, an order statistic above
/// ½ is read from the complements 1 − x, to within 2⁻¹¹ of 1 − x.
///
/// The standard error of Q̂(p) is σ/f(Q(p)) with σ = √(p(1 − p)/n) and f the
/// density (the asymptotic variance of a sample quantile); with Q′ = 1/f it is
/// estimated from the histogram itself by a central difference over ±σ in p:
///
///     SE(Q̂(p)) ≈ [Q̂(p + σ) − Q̂(p − σ)] / 2
///
/// It is 0 when both ends fall in one bin (the sampling error is then below
/// the binning error). The mean and its standard error s/√n come with a tally's
/// exact sums (``SampleTally``), and are nil from a histogram alone.
public struct Percentiles: Sendable, Equatable {
    /// Bound on the relative error of a percentile from binning, 2⁻¹¹ ≈ 0.049 %.
    public static let binRelativeError = 0x1p-11
    /// The levels, in the order of the stored values.
    static let levels = [0.01, 0.05, 0.1, 0.5, 0.9, 0.95, 0.99]

    public let p1: Double
    public let p5: Double
    public let p10: Double
    public let p50: Double
    public let p90: Double
    public let p95: Double
    public let p99: Double
    public let p1StandardError: Double
    public let p5StandardError: Double
    public let p10StandardError: Double
    public let p50StandardError: Double
    public let p90StandardError: Double
    public let p95StandardError: Double
    public let p99StandardError: Double
    /// Sample size.
    public let count: Int
    /// x̄ from exact sums (a ``SampleTally``); nil from a histogram alone.
    public let mean: Double?
    /// s/√n (a ``SampleTally``); nil from a histogram alone.
    public let meanStandardError: Double?

    /// The percentiles of a non-empty histogram.
    public init(_ histogram: QuantileHistogram) {
        self.init(count: histogram.count, mean: nil, meanStandardError: nil, quantiles: histogram.quantiles)
    }

    /// The percentiles, mean and mean's standard error of a tally, in O(bins). They depend
    /// only on the tally, which is the same for any split of the sample into chunks.
    ///
    /// - Precondition: the tally is not empty (a programmer error).
    init(_ tally: SampleTally) {
        precondition(tally.count > 0, "Percentiles needs a non-empty sample")
        let n = tally.count
        self.init(count: n, mean: tally.mean, meanStandardError: tally.meanStandardError) { ps in
            ps.map { tally.orderStatistic(max(1, Int(($0 * Double(n)).rounded(.up)))) }
        }
    }

    /// The summary of `sample` (values ≥ 0; `probability` for values in [0, 1]).
    init(sample: [Double], probability: Bool = false) {
        var tally = SampleTally(probability: probability)
        tally.add(sample)
        self.init(tally)
    }

    /// Every level and ±σ around each (for its standard error) from `quantiles`, in one call.
    private init(count: Int, mean: Double?, meanStandardError: Double?, quantiles: ([Double]) -> [Double]) {
        let ps = Self.levels
        let sigmas = ps.map { ($0 * (1 - $0) / Double(count)).squareRoot() }
        let values = quantiles(ps + zip(ps, sigmas).flatMap { [min(1, $0 + $1), max(0, $0 - $1)] })
        let k = ps.count
        func standardError(_ i: Int) -> Double { (values[k + 2 * i] - values[k + 2 * i + 1]) / 2 }
        self.init(values: Array(values[0..<k]), standardErrors: (0..<k).map(standardError), count: count,
                  mean: mean, meanStandardError: meanStandardError)
    }

    private init(values v: [Double], standardErrors e: [Double], count: Int, mean: Double?, meanStandardError: Double?) {
        (p1, p5, p10, p50, p90, p95, p99) = (v[0], v[1], v[2], v[3], v[4], v[5], v[6])
        (p1StandardError, p5StandardError, p10StandardError, p50StandardError) = (e[0], e[1], e[2], e[3])
        (p90StandardError, p95StandardError, p99StandardError) = (e[4], e[5], e[6])
        self.count = count
        self.mean = mean
        self.meanStandardError = meanStandardError
    }

    private var values: [Double] { [p1, p5, p10, p50, p90, p95, p99] }
    private var standardErrors: [Double] {
        [p1StandardError, p5StandardError, p10StandardError, p50StandardError, p90StandardError, p95StandardError,
         p99StandardError]
    }

    /// These percentiles divided by `scale` (> 0): the quantiles of x / scale.
    public func scaled(by scale: Double) -> Percentiles {
        Percentiles(values: values.map { $0 / scale }, standardErrors: standardErrors.map { $0 / scale }, count: count,
                    mean: mean.map { $0 / scale }, meanStandardError: meanStandardError.map { $0 / scale })
    }
}
