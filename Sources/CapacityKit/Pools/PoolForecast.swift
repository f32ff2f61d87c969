/// The model form of `capacity pools`: every pool, month by month, across the
/// forecast's own paths (same seed, same streams — so a pool and its service's
/// memory agree with `capacity forecast`).
///
/// Every queue figure is increasing in the offered load a (``TimeoutQueue``),
/// so its percentiles across paths are the figure at the load's percentiles:
/// P(wait) at the P50 and P90 load, the P90 of the mean wait and of the timeout
/// share are exact functions of the load's P50/P90 — no queue is evaluated per
/// path. The two probabilities are counts of paths over a threshold load:
///
///     P(saturated)                   = P(a ≥ c)
///     P(timeout share > 0.1 %)       = P(a ≥ a*),  a* = ``TimeoutQueue/thresholdLoad(for:reaching:servers:holdMS:timeoutMS:)``
///
/// The forecast's pool observer counts a ≥ c, and a ≥ a* when asked to
/// (``MemoryForecast/run(_:options:poolThresholds:progress:)``): both on the same
/// paths, in the same run.
public struct PoolForecast: Sendable {
    /// One pool in one month.
    public struct Month: Sendable {
        /// 1-based; month 1 is the model's start month.
        public var month: Int
        public var date: YearMonth
        /// Offered load a = λ·h at the month's peak, erlangs.
        public var offeredLoad: Percentiles
        /// ρ = a / c.
        public var utilization: Percentiles
        /// The queue at the P50 load and at the P90 load.
        public var atP50: TimeoutQueue
        public var atP90: TimeoutQueue
        /// P(a ≥ c).
        public var pSaturated: Proportion
        /// P(saturated in some month 1…m), along each path.
        public var pSaturatedBy: Proportion
        /// P(timeout share > ``PoolForecast/timeoutShareLimit``) = P(a ≥ a*).
        public var pTimeoutShareOver: Proportion
        /// Sizing at this month's P90 load that also keeps P(saturated) and P(timeouts)
        /// below the risk level this month (``PoolSizing/tailLoad``).
        public var sizing: PoolSizing
    }

    /// One pool over the horizon.
    public struct Outlook: Sendable {
        public var pool: Model.Pool
        /// Connections c the queue has.
        public var connections: Int
        /// a*: the offered load at which the timeout share reaches ``PoolForecast/timeoutShareLimit``
        /// (+∞ when it never does below 10³⁰⁰ erlangs).
        public var timeoutThresholdLoad: Double
        public var months: [Month]
        /// The first month (1-based) with P(saturated) ≥ the model's risk level; nil: none.
        public var saturatedFrom: Int?
        /// The first month with P(timeout share > 0.1 %) ≥ the model's risk level; nil: none.
        public var timeoutsFrom: Int?
    }

    /// The timeout share counted as "queries time out": 0.1 %.
    public static let timeoutShareLimit = 0.001

    public var modelName: String
    /// How old the model's inputs are at month 1 (``ForecastResult/inputsAge``); nil: they describe month 1.
    public var inputsAge: InputsAge?
    public var options: ForecastOptions
    /// Paths simulated.
    public var paths: Int
    public var nodes: Int
    public var waitMS: Double
    public var target: Double
    /// The month (1-based) whose P90 load the headline sizing uses.
    public var sizingMonth: Int
    /// P(fail) at or above which a month counts (the model's `thresholds.risk`).
    public var risk: Double
    public var budget: ConnectionBudget
    /// Pools in model order.
    public var pools: [Outlook]

    /// Forecasts every pool of `validated` with `options`; `sizingMonth` defaults to the last month.
    /// Throws ``ForecastError`` as ``MemoryForecast/run(_:options:poolThresholds:progress:)`` does.
    public static func run(_ validated: ValidatedModel, options: ForecastOptions, waitMS: Double, target: Double,
                           sizingMonth: Int? = nil, progress: (@Sendable (Double) -> Void)? = nil) throws -> PoolForecast {
        let result = try MemoryForecast.run(validated, options: options, poolThresholds: thresholdLoads(validated.model),
                                            progress: progress)
        return PoolForecast(result, model: validated.model, waitMS: waitMS, target: target, sizingMonth: sizingMonth)
    }

    /// a* of every pool, by name: the offered load at which ``timeoutShareLimit`` of queries
    /// time out (+∞ when it never does below 10³⁰⁰ erlangs). A forecast run with these
    /// thresholds carries what ``init(_:model:waitMS:target:sizingMonth:)`` needs.
    public static func thresholdLoads(_ model: Model) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: model.pools.map { pool in
            (pool.name, TimeoutQueue.thresholdLoad(for: .timeoutShare, reaching: timeoutShareLimit,
                                                   servers: pool.connectionCapacity(nodes: model.host.nodes),
                                                   holdMS: pool.holdMS, timeoutMS: pool.timeoutMS) ?? .infinity)
        })
    }

    /// The pools of a forecast run with ``thresholdLoads(_:)`` (so that a report runs the paths once).
    public init(_ result: ForecastResult, model: Model, waitMS: Double, target: Double, sizingMonth: Int? = nil) {
        let nodes = model.host.nodes, thresholds = Self.thresholdLoads(model)
        let budget = ConnectionBudget(model.pools, nodes: nodes)
        let risk = model.thresholds.risk
        let outlooks = model.pools.map { pool -> Outlook in
            let connections = pool.connectionCapacity(nodes: nodes)
            let resource = result.resources.first { $0.resource.kind == .pool && $0.resource.name == pool.name }!
            let perConnection = model.services.first { $0.name == pool.service }?.memory.perConnectionMB
            let available = budget.available(to: pool.name)
            let months = resource.months.enumerated().map { m, month -> Month in
                func queue(_ load: Double) -> TimeoutQueue {
                    TimeoutQueue(servers: connections, offeredLoad: Self.finite(load), holdMS: pool.holdMS,
                                 timeoutMS: pool.timeoutMS)
                }
                return Month(month: m + 1, date: model.start.adding(months: m), offeredLoad: month.demand,
                             utilization: month.level, atP50: queue(month.demand.p50), atP90: queue(month.demand.p90),
                             pSaturated: month.pFail, pSaturatedBy: month.pFailBy,
                             pTimeoutShareOver: month.pAboveThreshold ?? Proportion(hits: 0, trials: result.paths),
                             sizing: PoolSizing(pool: pool, nodes: nodes, offeredLoad: Self.finite(month.demand.p90),
                                                available: available, perConnectionMB: perConnection,
                                                waitMS: waitMS, target: target,
                                                tailLoad: Self.finite(month.demandBound(byFewerThan: risk))))
            }
            return Outlook(pool: pool, connections: connections, timeoutThresholdLoad: thresholds[pool.name] ?? .infinity,
                           months: months,
                           saturatedFrom: months.first { $0.pSaturated.estimate >= risk }?.month,
                           timeoutsFrom: months.first { $0.pTimeoutShareOver.estimate >= risk }?.month)
        }
        let horizon = result.months.count
        modelName = model.name
        inputsAge = result.inputsAge
        options = result.options
        paths = result.paths
        self.nodes = nodes
        self.waitMS = waitMS
        self.target = target
        self.sizingMonth = min(max(1, sizingMonth ?? horizon), horizon)
        self.risk = risk
        self.budget = budget
        pools = outlooks
    }

    /// A load percentile the queue can take: beyond the largest double (traffic
    /// grown past it; not a number) it is the largest double, where every figure is at its limit.
    static func finite(_ load: Double) -> Double {
        load.isFinite ? max(0, load) : .greatestFiniteMagnitude
    }
}
