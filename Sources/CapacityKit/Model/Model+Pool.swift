extension Model {
    /// A database connection pool held by the application processes.
    public struct Pool: Sendable, Equatable {
        public var name: String
        /// The service that serves the connections (its per-connection memory applies).
        public var service: String
        /// Connections per application process.
        public var size: Int
        /// Application processes per node, each holding a pool (with ``workers``: the worker
        /// pool's processes, ``Model/poolInstances(workersPerNode:)``).
        public var instancesPerNode: Int
        /// The worker pool whose processes hold this pool, one each (`workers:`); nil: a fixed
        /// `instances_per_node`. More worker processes then ask for more connections.
        public var workers: String?
        /// Server-side connection limit.
        public var maxConnections: Int
        /// Connections kept for superusers and maintenance.
        public var reservedConnections: Int
        public var queriesPerRequest: Double
        /// Mean time a query holds a connection, ms.
        public var holdMS: Double
        /// How long a request waits for a connection before failing, ms.
        public var timeoutMS: Double
        /// Warn and critical levels as fractions of the connections; nil: the model's `thresholds`.
        public var thresholds: Levels?
        /// The database server this pool's connections go to; pools naming the same
        /// server share its `max_connections`. Nil: a server of its own.
        public var server: String?
        /// A transaction-mode PgBouncer between the application and the server, if any.
        public var pgbouncer: PgBouncer?

        public init(name: String, service: String, size: Int, instancesPerNode: Int = 1,
                    maxConnections: Int, reservedConnections: Int = 3, queriesPerRequest: Double = 1,
                    holdMS: Double, timeoutMS: Double = 30_000, thresholds: Levels? = nil, server: String? = nil,
                    pgbouncer: PgBouncer? = nil, workers: String? = nil) {
            self.workers = workers
            self.thresholds = thresholds
            self.name = name
            self.service = service
            self.size = size
            self.instancesPerNode = instancesPerNode
            self.maxConnections = maxConnections
            self.reservedConnections = reservedConnections
            self.queriesPerRequest = queriesPerRequest
            self.holdMS = holdMS
            self.timeoutMS = timeoutMS
            self.server = server
            self.pgbouncer = pgbouncer
        }

        /// The name of the database server the pool uses: `server`, or the pool's own name.
        public var serverName: String { server ?? name }

        /// Connections the application instances of `nodes` nodes ask for:
        /// size × instancesPerNode × nodes (to the server, or to PgBouncer when there
        /// is one); `Int.max` if the product does not fit.
        public func connectionsRequested(nodes: Int) -> Int {
            let (perNode, overflow) = size.multipliedReportingOverflow(by: instancesPerNode)
            let (total, overflowAgain) = perNode.multipliedReportingOverflow(by: nodes)
            return overflow || overflowAgain ? .max : total
        }

        /// Connections the server accepts from applications: maxConnections − reservedConnections.
        public var connectionsAccepted: Int { maxConnections - reservedConnections }

        /// Server connections the pool's queries can use on `nodes` nodes, the c of
        /// its queue: min(size × instancesPerNode × nodes, maxConnections − reservedConnections),
        /// with at most PgBouncer's `pool_size` when queries queue at a PgBouncer.
        public func connectionCapacity(nodes: Int) -> Int {
            min(connectionsRequested(nodes: nodes), pgbouncer.map { min($0.poolSize, connectionsAccepted) } ?? connectionsAccepted)
        }
    }

    /// A transaction-mode PgBouncer in front of a pool's server: the application's
    /// connections are clients of PgBouncer (at most `maxClientConnections`),
    /// which runs each transaction on one of its `poolSize` server connections.
    public struct PgBouncer: Sendable, Equatable {
        /// Server connections PgBouncer opens (`default_pool_size`).
        public var poolSize: Int
        /// Client connections PgBouncer accepts (`max_client_conn`, PgBouncer's default 100).
        public var maxClientConnections: Int

        public init(poolSize: Int, maxClientConnections: Int = 100) {
            self.poolSize = poolSize
            self.maxClientConnections = maxClientConnections
        }
    }
}
