/// What a forecast found, month by month: plain values for the writers.
public struct ForecastResult: Sendable {
    public var modelName: String
    public var options: ForecastOptions
    /// Paths actually simulated (more than `options.paths` when a precision was asked for).
    public var paths: Int
    /// Usable memory per node, MB.
    public var usableMB: Double
    public var warnMB: Double
    public var criticalMB: Double
    public var nodes: Int
    public var serviceNames: [String]
    public var poolNames: [String]
    public var months: [MonthForecast]
    /// Monthly host totals of the first paths, `samples[path][month]`, MB.
    public var samples: [[Double]]

    /// The first month whose P90 host memory reaches each level, if any within the horizon.
    public var runway: Runway {
        func first(_ level: Double) -> Int? { months.first { $0.memoryMB.p90 >= level }?.month }
        return Runway(warn: first(warnMB), critical: first(criticalMB), usable: first(usableMB))
    }

    /// The largest standard error among the reported probabilities.
    public var largestStandardError: Double {
        months.flatMap { month in
            [month.pWarn, month.pCritical, month.pOOM, month.pOOMBy]
                + month.services.compactMap(\.pOverLimit) + month.pools.map(\.pSaturated)
        }.map(\.standardError).max() ?? 0
    }
}

/// Months until the P90 of host memory crosses each level (nil: not within the horizon).
public struct Runway: Sendable, Equatable {
    public var warn: Int?
    public var critical: Int?
    public var usable: Int?
}

/// P50, P90 and P99 of a quantity.
public struct Percentiles: Sendable, Equatable {
    public var p50: Double
    public var p90: Double
    public var p99: Double

    init(_ histogram: QuantileHistogram) {
        p50 = histogram.quantile(0.5)
        p90 = histogram.quantile(0.9)
        p99 = histogram.quantile(0.99)
    }
}

/// One month of the forecast.
public struct MonthForecast: Sendable {
    /// 1-based; month 1 is the current month.
    public var month: Int
    public var date: YearMonth
    /// Monthly average requests/s.
    public var rps: Percentiles
    /// Host (per node) memory at the month's peak, MB.
    public var memoryMB: Percentiles
    /// P(host memory > warn · usable), P(> critical · usable), P(> usable).
    public var pWarn: Proportion
    public var pCritical: Proportion
    public var pOOM: Proportion
    /// P(at least one month in 1…m with host memory > usable), along each path.
    public var pOOMBy: Proportion
    public var services: [ServiceMonth]
    public var pools: [PoolMonth]
    public var status: ForecastStatus
}

/// One service in one month.
public struct ServiceMonth: Sendable {
    public var name: String
    /// Memory at the peak, MB.
    public var memoryMB: Percentiles
    /// P(memory > limit_mb); nil when the service has no limit.
    public var pOverLimit: Proportion?
}

/// One connection pool in one month.
public struct PoolMonth: Sendable {
    public var name: String
    /// ρ = λ·h / c at the peak (offered load over connections available).
    public var utilization: Percentiles
    /// P(ρ ≥ 1): the pool cannot keep up at the month's peak.
    public var pSaturated: Proportion
}

/// A month's verdict, by this rule (first that applies):
/// CRITICAL when P(OOM) ≥ 1 %; ACT when the P90 of host memory reaches the
/// critical threshold; WATCH when it reaches the warn threshold; else SAFE.
public enum ForecastStatus: String, Sendable, CaseIterable {
    case safe = "SAFE"
    case watch = "WATCH"
    case act = "ACT"
    case critical = "CRITICAL"

    static func of(p90: Double, pOOM: Double, warn: Double, critical: Double) -> ForecastStatus {
        if pOOM >= 0.01 { return .critical }
        if p90 >= critical { return .act }
        if p90 >= warn { return .watch }
        return .safe
    }
}
