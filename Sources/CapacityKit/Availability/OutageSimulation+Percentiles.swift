extension OutageSimulation {
    /// The 50th, 90th and 99th percentiles of a per-year figure over all
    /// simulated years, each with its Monte Carlo standard error.
    ///
    /// The percentiles come from a ``QuantileHistogram`` of every simulated
    /// year: the p-quantile is the smallest value x with F̂(x) ≥ p (the inverse of
    /// the empirical distribution), reported within a relative bin error of 2⁻¹¹
    /// (0.05 %) and clamped to the smallest and largest value seen. Memory is
    /// bounded whatever the number of years.
    ///
    /// The standard error of Q̂(p) is σ/f(Q(p)) with σ = √(p(1 − p)/n) and f the
    /// density (the asymptotic variance of a sample quantile); with Q′ = 1/f it is
    /// estimated from the histogram itself by a central difference over ±σ in p:
    ///
    ///     SE(Q̂(p)) ≈ [Q̂(p + σ) − Q̂(p − σ)] / 2
    ///
    /// treating the n simulated years as independent (years of one path share
    /// only an outage over New Year). It is 0 when both ends fall in one bin
    /// (the sampling error is then below the binning error).
    public struct Percentiles: Sendable, Equatable {
        public let p50: Double
        public let p90: Double
        public let p99: Double
        /// Standard errors of ``p50``, ``p90`` and ``p99``.
        public let p50StandardError: Double
        public let p90StandardError: Double
        public let p99StandardError: Double

        /// The percentiles of a non-empty histogram.
        init(_ histogram: QuantileHistogram) {
            func standardError(_ p: Double) -> Double {
                let sigma = (p * (1 - p) / Double(histogram.count)).squareRoot()
                return (histogram.quantile(min(1, p + sigma)) - histogram.quantile(max(0, p - sigma))) / 2
            }
            p50 = histogram.quantile(0.5)
            p90 = histogram.quantile(0.9)
            p99 = histogram.quantile(0.99)
            p50StandardError = standardError(0.5)
            p90StandardError = standardError(0.9)
            p99StandardError = standardError(0.99)
        }
    }
}
