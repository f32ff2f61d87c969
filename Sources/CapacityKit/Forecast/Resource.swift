/// A place that can run out: the host (memory per node), a container (a
/// service with `limit_mb`), a connection pool, a worker pool (its response time
/// against its SLO) or a worker pool's CPU.
public struct Resource: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// Fails when demand per node > usable memory.
        case host
        /// Fails when its service's demand > `limit_mb`: the container is OOM-killed.
        case container
        /// Fails when offered load ≥ the connections it can use (ρ ≥ 1).
        case pool
        /// A worker pool: fails when its requests/s per node exceed the largest rate whose
        /// response-time P95 (P99) meets the SLO (``WorkerLoad``), i.e. when the SLO is breached.
        case workers
        /// A worker pool's CPU per node: fails when the cores it keeps busy ≥ the node's cores.
        case cpu

        /// Whether demand equal to the capacity fails (``ResourceObserver``): a pool's and a
        /// CPU's do (ρ = 1: the queue grows without bound); memory fails only above its
        /// capacity, and a worker pool only above the largest rate meeting its SLO (at that
        /// rate the response time equals the SLO: it does not exceed it).
        var failsAtCapacity: Bool { self == .pool || self == .cpu }
    }

    public var kind: Kind
    /// `host`, the service's name, the pool's or the worker pool's name.
    public var name: String
    /// Capacity in ``unit``: usable MB per node, the limit in MB, connections, the largest
    /// requests/s per node within the SLO, or cores per node.
    public var capacity: Double
    /// Warn and critical levels, fractions of ``capacity``.
    public var levels: Model.Levels

    public init(kind: Kind, name: String, capacity: Double, levels: Model.Levels) {
        self.kind = kind
        self.name = name
        self.capacity = capacity
        self.levels = levels
    }
}

/// One resource in one month.
public struct ResourceMonth: Sendable {
    /// Demand in the resource's unit: memory per node at the peak, MB, a pool's offered load,
    /// erlangs, a worker pool's requests/s per node, or the cores its requests keep busy per node.
    public var demand: Percentiles
    /// Demand ÷ capacity (utilisation ρ for a pool).
    public var level: Percentiles
    /// The capacity in force this month, in the resource's unit (a scaling option can change it).
    public var capacity: Double
    /// Every path's demand this month, for quantiles other than the reported ones.
    public var distribution: QuantileHistogram
    public var pWarn: Proportion
    public var pCritical: Proportion
    /// P(the resource fails this month).
    public var pFail: Proportion
    /// P(it failed in at least one month 1…m), along each path.
    public var pFailBy: Proportion
    /// P(demand ≥ the extra threshold the run was asked to count); nil when none was.
    public var pAboveThreshold: Proportion?
}

extension ResourceMonth {
    /// D(k), the k-th smallest demand of the month with k = ⌊n(1 − risk)⌋ + 1: fewer
    /// than risk · n paths exceed it, so a capacity above it keeps P(fail) below `risk`
    /// (to the histogram's bin; sizings add the bin's margin).
    func demandExceeded(byFewerThan risk: Double) -> Double {
        let n = distribution.count
        return distribution.value(atRank: min(n, Int((Double(n) * (1 - risk)).rounded(.down)) + 1))
    }

    /// (1 + w) · D(k): ``demandExceeded(byFewerThan:)`` widened by the histogram's
    /// relative bin width w (2⁻¹⁰, coarser only for values spread over more than
    /// eight octaves: ``QuantileHistogram/relativeBinWidth``), so a capacity above it
    /// keeps P(fail) below `risk` however the bin rounded D(k). A pool's size is read
    /// from it (``PoolSizing/tailLoad``).
    func demandBound(byFewerThan risk: Double) -> Double {
        demandExceeded(byFewerThan: risk) * binMargin
    }

    /// 1 + w, w the histogram's relative bin width (2⁻¹⁰ at full resolution): a capacity
    /// read from the histogram is widened by it.
    var binMargin: Double { 1 + distribution.relativeBinWidth }
}

/// First months (1-based) in which a resource crosses each level, nil when not within the horizon.
public struct Crossings: Sendable, Equatable {
    /// The P90 level reaches warn.
    public var warn: Int?
    /// The P90 level reaches critical.
    public var critical: Int?
    /// The P90 demand reaches the capacity itself.
    public var limit: Int?
    /// P(fail) reaches the model's risk level (`thresholds.risk`).
    public var risk: Int?

    public init(warn: Int? = nil, critical: Int? = nil, limit: Int? = nil, risk: Int? = nil) {
        self.warn = warn
        self.critical = critical
        self.limit = limit
        self.risk = risk
    }

    /// The month of the first failure: P(fail) ≥ risk, or else the P90 at the capacity.
    public var firstFailure: Int? {
        switch (risk, limit) {
        case let (risk?, limit?): min(risk, limit)
        case let (risk, limit): risk ?? limit
        }
    }
}

/// A resource over the horizon: its months and its crossings.
public struct ResourceOutlook: Sendable {
    public var resource: Resource
    public var months: [ResourceMonth]
    public var crossings: Crossings

    /// Crossings computed from the months themselves, so they agree with the tables.
    init(resource: Resource, months: [ResourceMonth], risk: Double) {
        self.resource = resource
        self.months = months
        crossings = Crossings(level: months.map(\.level.p90), pFail: months.map(\.pFail), levels: resource.levels, risk: risk)
    }

    /// The crossings at confidence `q` (0 < q < 1) instead of the P90: the first
    /// month whose q-quantile of demand ÷ that month's capacity reaches warn,
    /// critical and 1, and the first month with P(fail) ≥ `risk`, from `month` on
    /// (1-based; earlier months are skipped). At q = 0.9 from month 1 these are ``crossings``.
    public func crossings(confidence q: Double, risk: Double, from month: Int = 1) -> Crossings {
        Crossings(level: months.map { $0.distribution.quantile(q) / $0.capacity }, pFail: months.map(\.pFail),
                  levels: resource.levels, risk: risk, from: month)
    }
}

extension Crossings {
    /// First months (1-based, ≥ `from`) in which `level` (a quantile of demand ÷ capacity, month by
    /// month) reaches warn, critical and 1, and in which `pFail` reaches `risk`.
    init(level: [Double], pFail: [Proportion], levels: Model.Levels, risk: Double, from: Int = 1) {
        let start = max(0, from - 1)
        func first(_ test: (Int) -> Bool) -> Int? {
            start < level.count ? (start..<level.count).first(where: test).map { $0 + 1 } : nil
        }
        self.init(warn: first { level[$0] >= levels.warn }, critical: first { level[$0] >= levels.critical },
                  limit: first { level[$0] >= 1 }, risk: first { pFail[$0].estimate >= risk })
    }
}
