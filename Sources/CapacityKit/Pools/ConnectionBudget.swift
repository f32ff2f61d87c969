/// Connections the pools open against what their database servers accept,
/// per pool and per server (pools naming the same `server:` share one).
///
///     pool demand    = nodes × instances_per_node × size   (PgBouncer: its pool_size)
///     server budget  = max_connections − reserved_connections
///     headroom       = budget − Σ demand of the server's pools   (negative: broken)
///
/// Four Gunicorn workers with pools of 16 open 64 connections, not 16. With a
/// PgBouncer the application's connections are PgBouncer's clients, limited by
/// its `max_client_conn`, and only its `pool_size` reaches the server.
public struct ConnectionBudget: Sendable, Equatable {
    /// One pool's connections.
    public struct Pool: Sendable, Equatable {
        public var name: String
        public var server: String
        /// Connections the application opens: nodes × instances_per_node × size.
        public var clientConnections: Int
        /// Connections the pool opens on the server: the client connections, or PgBouncer's pool_size.
        public var serverConnections: Int
        /// max_connections − reserved_connections of its server.
        public var budget: Int
        /// budget − serverConnections: what is left for this pool alone (negative: broken).
        public var headroom: Int
        /// PgBouncer's max_client_conn, when the pool goes through one.
        public var clientLimit: Int?

        /// The pool alone opens more connections than its server accepts, or more
        /// clients than its PgBouncer accepts.
        public var isBroken: Bool { headroom < 0 || (clientLimit.map { clientConnections > $0 } ?? false) }
    }

    /// One database server and the pools that use it.
    public struct Server: Sendable, Equatable {
        public var name: String
        /// The pools using it, in model order.
        public var pools: [String]
        /// Σ server connections of its pools.
        public var demand: Int
        /// max_connections − reserved_connections.
        public var budget: Int
        public var maxConnections: Int
        public var reservedConnections: Int

        /// budget − demand (negative: the pools together open more than the server accepts).
        public var headroom: Int { budget - demand }
        public var isBroken: Bool { headroom < 0 }
    }

    public var pools: [Pool]
    /// Servers in order of first appearance.
    public var servers: [Server]

    /// The budget of `pools` on `nodes` nodes each running every application instance.
    /// Pools sharing a server share its limits (the model loader requires them to
    /// agree); sums saturate at `Int.max`.
    public init(_ pools: [Model.Pool], nodes: Int) {
        self.pools = pools.map { pool in
            let clients = pool.connectionsRequested(nodes: nodes)
            let serverConnections = pool.pgbouncer?.poolSize ?? clients
            let budget = pool.maxConnections - pool.reservedConnections
            return Pool(name: pool.name, server: pool.serverName, clientConnections: clients,
                        serverConnections: serverConnections, budget: budget,
                        headroom: budget - min(serverConnections, Int.max / 2),
                        clientLimit: pool.pgbouncer?.maxClientConnections)
        }
        var servers: [Server] = []
        for (pool, entry) in zip(pools, self.pools) {
            if let index = servers.firstIndex(where: { $0.name == entry.server }) {
                servers[index].pools.append(entry.name)
                servers[index].demand = min(Int.max / 2, servers[index].demand + min(entry.serverConnections, Int.max / 2))
            } else {
                servers.append(Server(name: entry.server, pools: [entry.name],
                                      demand: min(entry.serverConnections, Int.max / 2), budget: entry.budget,
                                      maxConnections: pool.maxConnections,
                                      reservedConnections: pool.reservedConnections))
            }
        }
        self.servers = servers
    }

    /// The server of the pool named `pool`.
    public func server(of pool: String) -> Server? {
        guard let entry = pools.first(where: { $0.name == pool }) else { return nil }
        return servers.first { $0.name == entry.server }
    }

    /// Server connections the pool named `pool` may open with the other pools on
    /// its server unchanged: budget − Σ other pools' demand (may be ≤ 0).
    public func available(to pool: String) -> Int {
        guard let entry = pools.first(where: { $0.name == pool }), let server = server(of: pool) else { return 0 }
        return server.budget - (server.demand - min(entry.serverConnections, Int.max / 2))
    }
}
