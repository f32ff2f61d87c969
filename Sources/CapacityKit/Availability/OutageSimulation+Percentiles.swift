extension OutageSimulation {
    /// The 50th, 90th and 99th percentiles of a per-year figure over all simulated years.
    ///
    /// Exact sample quantiles of every value, linearly interpolated between
    /// order statistics (Hyndman & Fan type 7, the default of R and NumPy):
    ///
    ///     h = (n − 1) p,   Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋) (x₍⌊h⌋+1₎ − x₍⌊h⌋₎)   (0-based, sorted)
    public struct Percentiles: Sendable, Equatable {
        public let p50: Double
        public let p90: Double
        public let p99: Double

        public init(p50: Double, p90: Double, p99: Double) {
            self.p50 = p50
            self.p90 = p90
            self.p99 = p99
        }

        /// Percentiles of `values` (any order; at least one value). O(n log n).
        init(of values: [Double]) {
            let sorted = values.sorted()
            p50 = Self.quantile(sorted: sorted, 0.5)
            p90 = Self.quantile(sorted: sorted, 0.9)
            p99 = Self.quantile(sorted: sorted, 0.99)
        }

        /// The type-7 quantile of ascending `sorted` values at p in [0, 1].
        static func quantile(sorted: [Double], _ p: Double) -> Double {
            precondition(!sorted.isEmpty && p >= 0 && p <= 1, "quantile needs values and p in [0, 1]")
            let h = Double(sorted.count - 1) * p
            let lower = Int(h.rounded(.down))
            let upper = min(lower + 1, sorted.count - 1)
            return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
        }
    }
}
