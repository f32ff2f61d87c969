/// One change of the plan: what changes, from which month, when to order it,
/// what it costs, and why — the resource that needs it and the constraint that binds.
public struct PlanStep: Sendable {
    public enum Change: Sendable, Equatable {
        /// Every node becomes `toMB` (a `vertical` option).
        case nodeSize(fromMB: Double, toMB: Double)
        /// More nodes of the size in force (the `horizontal` option).
        case nodes(from: Int, to: Int)
        /// A `connections` option: a server's max_connections raised, or a PgBouncer in front of a pool.
        case connections
        /// A container's limit.
        case limit(service: String, fromMB: Double?, toMB: Double)
        /// A pool's size per app process (and its PgBouncer's server connections, when it has one).
        case poolSize(pool: String, from: Int, to: Int, bouncerTo: Int?)
        /// A worker pool's workers per node (`per_node`), within the `workers` options in force.
        case workers(pool: String, from: Int, to: Int)
    }

    public var change: Change
    /// The model's scaling option it carries out; nil when the plan proposes it (right-sizing).
    public var option: String?
    /// Month (1-based) from which it is in force.
    public var month: Int
    public var leadTimeDays: Double
    /// First day of ``month`` − the lead time.
    public var actBy: CalendarDay
    /// Act-by is before today: order it now (the month is the first its lead time reaches).
    public var actNow: Bool
    public var addedCostPerMonth: Double
    /// The resource it is for, and what binds ("host needs 3,620 MB usable per node from 2027-02; a 4,000 MB node has 3,500").
    public var resource: Resource
    public var reason: String
    /// The first month at the resource's warn level before the change (capped at the deadline).
    public var planBy: YearMonth?
    /// The month the resource would fail without it (1-based); nil when it comes ahead of need.
    public var deadline: Int?
    /// Limits, pool sizes and workers per node: the month they are sized through.
    public var sizedThrough: Int?

    /// What the step does, in words: "upgrade to 8GB (4000 → 8000 MB per node)", "api limit 500 → 620 MB",
    /// "workers api per_node 125 → 160 (more api workers)".
    public var label: String {
        switch change {
        case .nodeSize(let from, let to):
            "\(option ?? "node size") (\(NumberFormat.decimal(from, 0)) → \(NumberFormat.decimal(to, 0)) MB per node)"
        case .nodes(let from, let to):
            "\(option ?? "add a node"): \(from) → \(to) nodes"
        case .connections:
            option ?? "connections"
        case .limit(let service, let from, let to):
            "\(service) limit \(from.map { NumberFormat.decimal($0, 0) } ?? "none") → \(NumberFormat.decimal(to, 0)) MB"
                + (option.map { " (\($0))" } ?? "")
        case .poolSize(let pool, let from, let to, let bouncer):
            "pool \(pool) size \(from) → \(to)" + (bouncer.map { ", PgBouncer pool_size \($0)" } ?? "")
                + (option.map { " (\($0))" } ?? "")
        case .workers(let pool, let from, let to):
            "workers \(pool) per_node \(from) → \(to)" + (option.map { " (\($0))" } ?? "")
        }
    }

    /// The kind of change: "node size", "nodes", "connections", "limit", "pool size", "workers".
    public var kind: String {
        switch change {
        case .nodeSize: "node size"
        case .nodes: "nodes"
        case .connections: "connections"
        case .limit: "limit"
        case .poolSize: "pool size"
        case .workers: "workers"
        }
    }
}
