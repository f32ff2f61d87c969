/// The drivers of a path: its growth rate, drawn once, and month by month its
/// average traffic and its peak.
///
///     g ~ N(growth.mean, growth.sd²)                  once per path
///     rps₁ = rps,  rps_m = rps_{m−1} · max(0.01, 1 + g + ε_m),  ε_m ~ N(0, volatility²)
///     peak_m = rps_m · max(1, N(peak.mean, peak.sd²))  the factor censored at 1
///
/// The floor 0.01 keeps traffic positive (at most a 99 % fall in one month; it
/// binds only when growth + noise < −99 %, i.e. never for realistic inputs).
struct TrafficDrivers: Sendable, Equatable {
    static let minimumStep = 0.01

    let rps: Double
    let growth: Model.Growth
    let peakFactor: Model.MeanAndSD

    init(_ traffic: Model.Traffic) {
        rps = traffic.rps
        growth = traffic.growth
        peakFactor = traffic.peakFactor
    }

    /// Sets each path's growth rate from its standard normal and its traffic factor to 1.
    func start(count: Int, growthZ: UnsafePointer<Double>, rate: UnsafeMutablePointer<Double>,
               factor: UnsafeMutablePointer<Double>) {
        VectorKernels.best.trafficStart(count: count, growthZ: growthZ, mean: growth.mean, sd: growth.sd,
                                        rate: rate, factor: factor)
    }

    /// Month `month` (0-based): grows the factor (from the second month on), then
    /// writes the month's average traffic and its peak, requests/s. Returns the traffic's
    /// range (for its histogram: ``QuantileHistogram/add(_:range:kernels:)``).
    ///
    /// One C kernel (``VectorKernels``): the cumulative product as a loop, much faster than
    /// exp(log(step) · U) with DGEMM by an upper-triangular U (`benchmarks/work-estimates.md`).
    func advance(month: Int, count: Int, rate: UnsafePointer<Double>, factor: UnsafeMutablePointer<Double>,
                 volatilityZ: UnsafePointer<Double>, peakZ: UnsafePointer<Double>,
                 traffic: UnsafeMutablePointer<Double>, peak: UnsafeMutablePointer<Double>) -> QuantileHistogram.BitRange {
        VectorKernels.best.trafficAdvance(count: count, grow: month > 0, rate: rate, factor: factor,
                                          volatilityZ: volatilityZ, peakZ: peakZ, rps: rps,
                                          volatility: growth.volatility, minimumStep: Self.minimumStep,
                                          peakMean: peakFactor.mean, peakSD: peakFactor.sd,
                                          traffic: traffic, peak: peak, smallestBits: QuantileHistogram.smallestBits)
    }
}
