/// The smallest pool that keeps waits below a target at a given offered load,
/// within the connection budget, and what to do when no such pool fits.
///
/// The target is on P(V > min(W, τ)), the share of queries that wait longer
/// than W or time out (``TimeoutQueue/pWaitOrTimeout(longerThanMS:)``; defaults
/// W = 100 ms, 1 %). It falls as connections c grow, so the smallest c meeting it
/// is found by doubling from a·(1 − target) (fewer connections serve too little
/// to meet it), then bisection (O(c log c)), and the smallest
/// per-instance size is ⌈c / (instances_per_node × nodes)⌉: one size smaller
/// gives fewer than c connections and misses the target.
///
/// Over a month of forecast paths (``PoolForecast``) the size also obeys the
/// rule the month's verdict uses — P(fail) below the model's risk level — for
/// both ways a pool fails: with L the month's offered load that fewer than
/// risk · n paths reach (``tailLoad``: D(k), k = ⌊n(1 − risk)⌋ + 1, widened by the
/// histogram's bin, see ``ResourceMonth/demandBound(byFewerThan:)``),
///
///     c > L                                  P(saturated) = P(a ≥ c) < risk
///     timeout share(c, L) < 0.1 %            P(timeout share > 0.1 %) = P(a ≥ a*(c)) < risk
///
/// (both figures rise with a and fall with c, so the search above still finds
/// the smallest c meeting all three).
public struct PoolSizing: Sendable, Equatable {
    /// W, ms.
    public var waitMS: Double
    /// The highest acceptable P(wait > W or time out).
    public var target: Double
    /// a = λ·h at which the pool is sized, erlangs.
    public var offeredLoad: Double
    /// L: the offered load that fewer than the risk level's share of the month's paths
    /// reach, erlangs; the size keeps P(saturated) and P(timeouts) below the risk level
    /// by serving it (see above). Nil without a month of paths (the quick form).
    public var tailLoad: Double?
    /// Server connections this pool may open: its budget less the other pools on its server.
    public var available: Int
    /// The largest per-instance size within ``available`` (0: not even one connection per instance fits).
    /// Nil for a pool behind PgBouncer (its size does not reach the server).
    public var largestSizeWithinBudget: Int?
    /// The queue at ``largestSizeWithinBudget``: the waits a pool cut down to fit implies.
    public var atLargestSize: TimeoutQueue?
    /// The smallest number of server connections meeting the target, ignoring the
    /// budget; nil when even ``maximumConnections`` do not.
    public var connectionsNeeded: Int?
    /// The smallest per-instance size within the budget meeting the target; nil when
    /// none does, or for a pool behind PgBouncer.
    public var recommendedSize: Int?
    /// The PgBouncer `pool_size` meeting the target within the budget: for a pool
    /// behind PgBouncer, or when no per-instance size does; nil otherwise or when
    /// even the whole budget misses the target.
    public var pgbouncerPoolSize: Int?
    /// The `max_connections` the server would need for ``connectionsNeeded``:
    /// that many plus the reserved connections and the other pools' on its server.
    public var maxConnectionsNeeded: Int?
    /// With a suggested PgBouncer: the `max_client_conn` it needs, the application's
    /// connections or PgBouncer's default 100, whichever is more.
    public var pgbouncerMaxClientConnections: Int?
    /// The queue at the recommended size or PgBouncer pool size.
    public var recommended: TimeoutQueue?
    /// Database memory the recommended connections take, MB: connections × per_connection_mb.
    public var memoryMB: Double?

    /// The most connections searched: PostgreSQL's largest `max_connections`
    /// (MAX_BACKENDS = 2¹⁸ − 1), also the model file's limit.
    public static let maximumConnections = 262_143

    /// Sizes `pool` on `nodes` nodes for `offeredLoad` erlangs, with `available`
    /// server connections (``ConnectionBudget/available(to:)``) and the owning
    /// service's `perConnectionMB` (nil when unknown); with `tailLoad` (L above, finite, ≥ 0)
    /// the size also keeps P(saturated) and P(timeouts) below the risk level L was read at.
    public init(pool: Model.Pool, nodes: Int, offeredLoad: Double, available: Int, perConnectionMB: Double?,
                waitMS: Double, target: Double, tailLoad: Double? = nil) {
        self.waitMS = waitMS
        self.target = target
        self.offeredLoad = offeredLoad
        self.tailLoad = tailLoad
        self.available = available
        func queue(_ connections: Int, at load: Double = offeredLoad) -> TimeoutQueue {
            TimeoutQueue(servers: connections, offeredLoad: load, holdMS: pool.holdMS, timeoutMS: pool.timeoutMS)
        }
        func meets(_ connections: Int) -> Bool {
            guard queue(connections).pWaitOrTimeout(longerThanMS: waitMS) <= target else { return false }
            guard let tailLoad else { return true }
            return Double(connections) > tailLoad
                && queue(connections, at: tailLoad).timeoutShare < PoolForecast.timeoutShareLimit
        }
        // At most c of the a erlangs are served, so P(timeout) ≥ 1 − c/a and the target needs c ≥ a·(1 − target);
        // and c > L.
        let lowest = max(offeredLoad * (1 - target), tailLoad ?? 0)
        connectionsNeeded = lowest > Double(Self.maximumConnections) ? nil
            : Self.smallestConnections(from: max(1, Int(lowest)), upTo: Self.maximumConnections, meeting: meets)
        maxConnectionsNeeded = connectionsNeeded.map { $0 + (pool.maxConnections - available) }
        var connections: Int?
        if pool.pgbouncer == nil {
            let (product, overflow) = pool.instancesPerNode.multipliedReportingOverflow(by: nodes)
            let perSize = overflow ? Int.max : product      // connections per unit of size
            let largest = max(0, available) / max(1, perSize)
            largestSizeWithinBudget = largest
            if largest >= 1 { atLargestSize = queue(largest * perSize) }
            if let needed = connectionsNeeded {
                let size = needed / perSize + (needed % perSize == 0 ? 0 : 1)
                if size <= largest {
                    recommendedSize = size
                    connections = size * perSize
                }
            }
        }
        if connections == nil, let needed = connectionsNeeded, needed <= available {
            pgbouncerPoolSize = needed
            pgbouncerMaxClientConnections = max(pool.pgbouncer?.maxClientConnections ?? 100,
                                                pool.connectionsRequested(nodes: nodes))
            connections = needed
        }
        if let connections {
            recommended = queue(connections)
            memoryMB = perConnectionMB.map { Double(connections) * $0 }
        }
    }

    /// The smallest c in `start`…limit with `meets(c)`, for `meets` false then true as c grows
    /// and false below `start`; nil if none. Doubles from `start`, then bisects.
    static func smallestConnections(from start: Int, upTo limit: Int, meeting meets: (Int) -> Bool) -> Int? {
        var low = start - 1     // fails (or is 0)
        var high = start
        while !meets(high) {
            guard high < limit else { return nil }
            low = high
            high = min(limit, high * 2)
        }
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if meets(middle) { high = middle } else { low = middle }
        }
        return high
    }
}
