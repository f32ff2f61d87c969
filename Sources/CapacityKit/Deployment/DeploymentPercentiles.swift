/// P5, P50, P95 and mean of a Monte Carlo sample (an outcome probability over
/// the failure-rate posteriors, a stage's failure rate, a duration in minutes),
/// each with its Monte Carlo standard error.
///
/// Percentiles interpolate linearly between order statistics (Hyndman and Fan's
/// type 7, NumPy's default): with the sorted sample x₀ ≤ … ≤ xₙ₋₁ and h = (n − 1)·q,
///
///     Q(q) = x⌊h⌋ + (h − ⌊h⌋) · (x⌊h⌋₊₁ − x⌊h⌋)
///
/// The standard error of Q(q) is half the width of the distribution-free ±1σ
/// interval between order statistics (David and Nagaraja, *Order Statistics*,
/// 3rd ed., §7.1), equivalently the sparsity estimate √(q(1−q)/n) / f(Q(q))
/// with the density from a difference of the quantile function:
///
///     SE(Q(q)) ≈ (Q(q + δ) − Q(q − δ)) / 2,   δ = √(q(1 − q)/n)
///
/// The mean's standard error is s/√n.
public struct DeploymentPercentiles: Sendable, Equatable {
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

    /// The summary of `sample`, in O(n log n). The result depends only on the
    /// values and their order (the mean is summed in sample order).
    ///
    /// - Precondition: `sample` is not empty and holds no NaN (a programmer error).
    init(sample: [Double]) {
        precondition(!sample.isEmpty, "DeploymentPercentiles needs a non-empty sample")
        let sorted = sample.sorted()
        let n = Double(sample.count)
        let mean = sample.reduce(0, +) / n
        let squares = sample.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let meanStandardError = sample.count > 1 ? (squares / (n - 1) / n).squareRoot() : 0
        self.init(p5: Self.quantile(sorted, 0.05), p50: Self.quantile(sorted, 0.5), p95: Self.quantile(sorted, 0.95),
                  mean: mean, p5StandardError: Self.standardError(sorted, 0.05),
                  p50StandardError: Self.standardError(sorted, 0.5), p95StandardError: Self.standardError(sorted, 0.95),
                  meanStandardError: meanStandardError, count: sample.count)
    }

    /// Q(q) of an ascending, non-empty sample (type 7).
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let h = Double(sorted.count - 1) * q
        let lower = Int(h.rounded(.down))
        guard lower + 1 < sorted.count else { return sorted[sorted.count - 1] }
        return sorted[lower] + (h - Double(lower)) * (sorted[lower + 1] - sorted[lower])
    }

    /// (Q(q + δ) − Q(q − δ)) / 2 with δ = √(q(1 − q)/n), levels clamped to [0, 1].
    static func standardError(_ sorted: [Double], _ q: Double) -> Double {
        let delta = (q * (1 - q) / Double(sorted.count)).squareRoot()
        return (quantile(sorted, min(1, q + delta)) - quantile(sorted, max(0, q - delta))) / 2
    }
}
