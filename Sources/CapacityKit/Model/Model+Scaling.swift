extension Model {
    /// Ways to add capacity and how long they take.
    public struct Scaling: Sendable, Equatable {
        /// Days from deciding to having the capacity, for options without their own.
        public var leadTimeDays: Double
        public var options: [ScalingOption]
        /// `allow_overcommit`: the plan may set limits that add up past a node's usable memory
        /// (a policy some teams choose); false: Σ limits + reserved_mb ≤ node memory in every month.
        public var allowOvercommit: Bool

        public init(leadTimeDays: Double, options: [ScalingOption], allowOvercommit: Bool = false) {
            self.leadTimeDays = leadTimeDays
            self.options = options
            self.allowOvercommit = allowOvercommit
        }
    }

    /// One way to add capacity, in force from the month it applies.
    public struct ScalingOption: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable, CaseIterable {
            /// A node size (tier): `memoryMB` replaces every node's memory; `costPerMonth` is per node.
            case vertical
            /// One more node of the size and per-node cost in force; repeats up to `maxNodes`.
            case horizontal
            /// A new `limit_mb` for one service (free unless a cost is given).
            case limit
            /// A new `size` for one pool (free unless a cost is given).
            case pool
            /// More server connections: a server's `max_connections` raised to `maxConnections`,
            /// or a transaction-mode PgBouncer (`pgbouncer`) put in front of `pool`.
            case connections
            /// More workers per node for one worker pool (`worker`): `per_node` up to `perNode`
            /// (the plan right-sizes it), with the service's memory per worker when given.
            case workers
        }

        /// The new limit of a `limit` option.
        public enum LimitTarget: Sendable, Equatable {
            /// This many MB.
            case megabytes(Double)
            /// What the forecast says the service needs (see ``ScalingTimeline``'s right-sizing).
            case auto
        }

        public var name: String
        public var kind: Kind
        /// Node memory, MB (vertical, horizontal); 0 for the other kinds.
        public var memoryMB: Double
        /// Added to the bill each month (vertical: the price of each node, replacing `host.cost_per_month`).
        public var costPerMonth: Double
        /// Its own lead time, days; nil: `scaling.lead_time_days`.
        public var leadTimeDays: Double?
        /// The service of a `limit` option.
        public var service: String?
        /// The new limit of a `limit` option.
        public var limit: LimitTarget?
        /// The pool of a `pool` option.
        public var pool: String?
        /// The new pool size (connections per app process) of a `pool` option.
        public var size: Int?
        /// The most nodes a `horizontal` option may reach.
        public var maxNodes: Int?
        /// The database server whose `max_connections` a `connections` option raises.
        public var server: String?
        /// The new `max_connections` of a `connections` option's server.
        public var maxConnections: Int?
        /// The PgBouncer a `connections` option puts in front of `pool` (its `poolSize` is
        /// the largest the plan may set; the plan right-sizes it).
        public var pgbouncer: PgBouncer?
        /// The worker pool of a `workers` option.
        public var worker: String?
        /// The most workers per node a `workers` option allows (its `per_node`, above the pool's
        /// own; the plan right-sizes per_node up to it).
        public var perNode: Int?

        public init(name: String, kind: Kind, memoryMB: Double = 0, costPerMonth: Double = 0,
                    leadTimeDays: Double? = nil, service: String? = nil, limit: LimitTarget? = nil,
                    pool: String? = nil, size: Int? = nil, maxNodes: Int? = nil, server: String? = nil,
                    maxConnections: Int? = nil, pgbouncer: PgBouncer? = nil, worker: String? = nil, perNode: Int? = nil) {
            self.worker = worker
            self.perNode = perNode
            self.maxNodes = maxNodes
            self.server = server
            self.maxConnections = maxConnections
            self.pgbouncer = pgbouncer
            self.name = name
            self.kind = kind
            self.memoryMB = memoryMB
            self.costPerMonth = costPerMonth
            self.leadTimeDays = leadTimeDays
            self.service = service
            self.limit = limit
            self.pool = pool
            self.size = size
        }
    }
}
