/// What a forecast found, month by month: plain values for the writers.
///
/// Every headline — each month's status, the verdict, the host runway — is
/// computed here from the same ``ResourceMonth`` figures the tables show.
public struct ForecastResult: Sendable {
    public var modelName: String
    /// How old the model's inputs are at month 1 (nil: they describe month 1); the
    /// months between were simulated, not shown (``Model/inputsAge``).
    public var inputsAge: InputsAge?
    public var options: ForecastOptions
    /// Paths actually simulated (more than `options.paths` when a precision was asked for).
    public var paths: Int
    /// Usable memory per node, MB.
    public var usableMB: Double
    public var warnMB: Double
    public var criticalMB: Double
    public var nodes: Int
    /// P(fail) at or above which a month is CRITICAL.
    public var risk: Double
    public var serviceNames: [String]
    public var poolNames: [String]
    /// The worker pools' names, model order (empty without a `workers:` section).
    public var workerNames: [String]
    public var months: [MonthForecast]
    /// Every resource (host, containers with a limit, pools, worker pools and their CPU, in
    /// model order) over the horizon.
    public var resources: [ResourceOutlook]
    /// Monthly host totals of the first paths, `samples[path][month]`, MB.
    public var samples: [[Double]]

    /// The host's crossings: the first month whose P90 reaches warn, critical and usable memory.
    public var runway: Runway {
        let host = resources[0].crossings
        return Runway(warn: host.warn, critical: host.critical, usable: host.limit)
    }

    /// The resources by their first failure, earliest first; then those that only
    /// cross critical or warn, earliest first; then the rest, in model order.
    public var verdict: [ResourceOutlook] {
        resources.enumerated().sorted { a, b in
            func key(_ c: Crossings) -> [Int] { [c.firstFailure, c.critical, c.warn].map { $0 ?? .max } }
            let (ka, kb) = (key(a.element.crossings), key(b.element.crossings))
            return ka != kb ? ka.lexicographicallyPrecedes(kb) : a.offset < b.offset
        }.map(\.element)
    }

    /// The largest standard error among the reported probabilities.
    public var largestStandardError: Double { Self.largestStandardError(of: resources) }

    /// The largest standard error of `resources`' probabilities (P(warn), P(critical), P(fail), P(fail by)).
    static func largestStandardError(of resources: [ResourceOutlook]) -> Double {
        resources.flatMap { $0.months.flatMap { [$0.pWarn, $0.pCritical, $0.pFail, $0.pFailBy] } }
            .map(\.standardError).max() ?? 0
    }
}

/// Months until the P90 of host memory crosses each level (nil: not within the horizon).
public struct Runway: Sendable, Equatable {
    public var warn: Int?
    public var critical: Int?
    public var usable: Int?
}

/// One month of the forecast.
public struct MonthForecast: Sendable {
    /// 1-based; month 1 is the model's `start`: the current month, or a later one.
    public var month: Int
    public var date: YearMonth
    /// Monthly average requests/s.
    public var rps: Percentiles
    /// Host (per node) memory demand at the month's peak, MB.
    public var memoryMB: Percentiles
    /// P(host memory > warn · usable), P(> critical · usable), P(> usable).
    public var pWarn: Proportion
    public var pCritical: Proportion
    public var pOOM: Proportion
    /// P(at least one month in 1…m with host memory > usable), along each path.
    public var pOOMBy: Proportion
    public var services: [ServiceMonth]
    public var pools: [PoolMonth]
    /// The worker pools, model order (``WorkerMonth``).
    public var workers: [WorkerMonth]
    /// The worst status over all resources and the resources that decide it.
    public var status: MonthStatus
}

/// One service in one month.
public struct ServiceMonth: Sendable {
    public var name: String
    /// Memory demand at the peak, MB per node.
    public var memoryMB: Percentiles
    /// The container limit, MB; nil when the service has none.
    public var limitMB: Double?
    /// P(memory > limit_mb); nil without a limit.
    public var pOverLimit: Proportion?
    /// P(over the limit in at least one month 1…m); nil without a limit.
    public var pOverLimitBy: Proportion?
}

/// One connection pool in one month.
public struct PoolMonth: Sendable {
    public var name: String
    /// Offered load a = λ·h at the peak, erlangs (connections busy on average).
    public var offeredLoad: Percentiles
    /// ρ = a / c (offered load over the connections available).
    public var utilization: Percentiles
    /// P(ρ ≥ 1): the pool cannot keep up at the month's peak.
    public var pSaturated: Proportion
    /// P(saturated in at least one month 1…m).
    public var pSaturatedBy: Proportion
    /// P(a query waits for a connection) at the month's P90 load, by the M/M/c+D queue
    /// (``TimeoutQueue``; increasing in the load, so it is the P90 of P(wait) across paths).
    public var pWaitP90: Double
}
