/// One pool at one moment's traffic: its queue, its connection budget and the
/// size it should have — the quick form of `capacity pools`.
///
///     λ = rps × queries_per_request           queries/s
///     a = λ × hold_ms / 1000                  offered load, erlangs
///     c = min(nodes × instances × size, max_connections − reserved)   (PgBouncer: its pool_size)
///     ρ = a / c                               utilisation; ≥ 1 is saturated
///
/// The queue is an M/M/c+D queue (``TimeoutQueue``): waits and timeouts are
/// exact at any load. The pool meets its target when P(wait > W or time out)
/// ≤ target.
public struct PoolAnalysis: Sendable, Equatable {
    public var pool: Model.Pool
    public var nodes: Int
    /// Requests per second the figures are for.
    public var rps: Double
    /// λ = rps × queries_per_request, queries/s.
    public var queriesPerSecond: Double
    /// a = λ·h, erlangs.
    public var offeredLoad: Double
    /// The pool's queue at its present connections c.
    public var queue: TimeoutQueue
    /// P(wait > W or time out) at the present size.
    public var pWaitBeyondTarget: Double
    /// ``pWaitBeyondTarget`` ≤ the sizing target.
    public var meetsTarget: Bool
    public var budget: ConnectionBudget
    public var sizing: PoolSizing

    /// The budget line of this pool.
    public var poolBudget: ConnectionBudget.Pool { budget.pools.first { $0.name == pool.name }! }
    /// This pool's server, shared or not.
    public var server: ConnectionBudget.Server { budget.server(of: pool.name)! }

    /// Analyses `pool` (one of `pools`, which share servers) at `rps` requests/s on
    /// `nodes` nodes; `perConnectionMB` is the owning service's, when known.
    /// - Precondition: `pool` is among `pools`; rps ≥ 0 finite; 0 < target < 1; waitMS ≥ 0.
    public init(pool: Model.Pool, among pools: [Model.Pool], nodes: Int, rps: Double, perConnectionMB: Double?,
                waitMS: Double, target: Double) {
        precondition(pools.contains(pool) && rps >= 0 && rps.isFinite, "PoolAnalysis needs a listed pool and rps ≥ 0")
        self.pool = pool
        self.nodes = nodes
        self.rps = rps
        queriesPerSecond = rps * pool.queriesPerRequest
        offeredLoad = queriesPerSecond * pool.holdMS / 1000
        queue = TimeoutQueue(servers: pool.connectionCapacity(nodes: nodes), offeredLoad: offeredLoad,
                             holdMS: pool.holdMS, timeoutMS: pool.timeoutMS)
        pWaitBeyondTarget = queue.pWaitOrTimeout(longerThanMS: waitMS)
        meetsTarget = pWaitBeyondTarget <= target
        budget = ConnectionBudget(pools, nodes: nodes)
        sizing = PoolSizing(pool: pool, nodes: nodes, offeredLoad: offeredLoad,
                            available: budget.available(to: pool.name), perConnectionMB: perConnectionMB,
                            waitMS: waitMS, target: target)
    }
}
