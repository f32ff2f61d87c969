extension Model {
    /// A database connection pool held by the application processes.
    public struct Pool: Sendable, Equatable {
        public var name: String
        /// The service that serves the connections (its per-connection memory applies).
        public var service: String
        /// Connections per application process.
        public var size: Int
        /// Application processes per node, each holding a pool.
        public var instancesPerNode: Int
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

        public init(name: String, service: String, size: Int, instancesPerNode: Int = 1,
                    maxConnections: Int, reservedConnections: Int = 3, queriesPerRequest: Double = 1,
                    holdMS: Double, timeoutMS: Double = 30_000, thresholds: Levels? = nil) {
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
        }

        /// Connections the application instances of `nodes` nodes ask for: size × instancesPerNode × nodes.
        public func connectionsRequested(nodes: Int) -> Int {
            size * instancesPerNode * nodes
        }

        /// Connections the server accepts from applications: maxConnections − reservedConnections.
        public var connectionsAccepted: Int { maxConnections - reservedConnections }

        /// Connections the pools can open on `nodes` nodes:
        /// min(size × instancesPerNode × nodes, maxConnections − reservedConnections).
        public func connectionCapacity(nodes: Int) -> Int {
            min(size * instancesPerNode * nodes, maxConnections - reservedConnections)
        }
    }
}
