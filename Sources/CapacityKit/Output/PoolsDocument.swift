/// The JSON form of a pool analysis (`capacity pools` quick form): stable
/// snake_case keys, numbers at full precision, the inputs that repeat the run.
/// All figures are exact (no Monte Carlo, so no standard errors); null where a
/// figure does not exist (no size meets the target, no per-connection memory).
struct PoolsDocument: Encodable {
    struct Inputs: Encodable {
        var rps: Double
        var queries_per_request: Double
        var hold_ms: Double
        var size: Int
        var instances_per_node: Int
        var nodes: Int
        var max_connections: Int
        var reserved_connections: Int
        var timeout_ms: Double
        var wait_ms: Double
        var target: Double
        var server: String
        var pgbouncer_pool_size: Int?
        var pgbouncer_max_client_conn: Int?
    }

    struct Queue: Encodable {
        var connections: Int
        var utilization: Double
        var p_wait: Double
        var timeout_share: Double
        var mean_wait_ms: Double
        var mean_wait_served_ms: Double
        var p_wait_over_wait_ms: Double

        init(_ queue: TimeoutQueue, waitMS: Double) {
            connections = queue.servers
            utilization = queue.utilization
            p_wait = queue.pWait
            timeout_share = queue.timeoutShare
            mean_wait_ms = queue.meanWaitMS
            mean_wait_served_ms = queue.meanWaitServedMS
            p_wait_over_wait_ms = queue.pWaitOrTimeout(longerThanMS: waitMS)
        }
    }

    struct Budget: Encodable {
        var client_connections: Int
        var server_connections: Int
        var connections_budget: Int
        var connections_headroom: Int
        var client_limit: Int?
        var broken: Bool
        var server: String
        var server_pools: [String]
        var server_demand: Int
        var server_headroom: Int
        var server_broken: Bool
    }

    struct Sizing: Encodable {
        var recommended_size: Int?
        var pgbouncer_pool_size: Int?
        var recommended: Queue?
        var memory_mb: Double?
        var connections_needed: Int?
        var largest_size_within_budget: Int?
        var at_largest_size: Queue?
        /// The model form: the offered load that fewer than the risk level's share of the month's
        /// paths reach, erlangs; the size has more connections than it (P(saturated) < risk).
        var tail_load: Double?

        init(_ sizing: PoolSizing, waitMS: Double) {
            tail_load = sizing.tailLoad
            recommended_size = sizing.recommendedSize
            pgbouncer_pool_size = sizing.pgbouncerPoolSize
            recommended = sizing.recommended.map { Queue($0, waitMS: waitMS) }
            memory_mb = sizing.memoryMB
            connections_needed = sizing.connectionsNeeded
            largest_size_within_budget = sizing.largestSizeWithinBudget
            at_largest_size = sizing.atLargestSize.map { Queue($0, waitMS: waitMS) }
        }
    }

    var tool = "capacity"
    var version = CapacityVersion.current
    var command = "pools"
    var model: String
    var pool: String
    var inputs: Inputs
    var queries_per_second: Double
    var offered_load: Double
    var queue: Queue
    var meets_target: Bool
    var budget: Budget
    var sizing: Sizing
    var verdict: String
    var notes: [String]

    init(_ analysis: PoolAnalysis, model: String, verdict: String, notes: [String]) {
        let pool = analysis.pool, wait = analysis.sizing.waitMS
        self.model = model
        self.pool = pool.name
        inputs = Inputs(rps: analysis.rps, queries_per_request: pool.queriesPerRequest, hold_ms: pool.holdMS,
                        size: pool.size, instances_per_node: pool.instancesPerNode, nodes: analysis.nodes,
                        max_connections: pool.maxConnections, reserved_connections: pool.reservedConnections,
                        timeout_ms: pool.timeoutMS, wait_ms: wait, target: analysis.sizing.target,
                        server: pool.serverName, pgbouncer_pool_size: pool.pgbouncer?.poolSize,
                        pgbouncer_max_client_conn: pool.pgbouncer?.maxClientConnections)
        queries_per_second = analysis.queriesPerSecond
        offered_load = analysis.offeredLoad
        queue = Queue(analysis.queue, waitMS: wait)
        meets_target = analysis.meetsTarget
        let entry = analysis.poolBudget, server = analysis.server
        budget = Budget(client_connections: entry.clientConnections, server_connections: entry.serverConnections,
                        connections_budget: entry.budget, connections_headroom: entry.headroom,
                        client_limit: entry.clientLimit, broken: entry.isBroken, server: server.name,
                        server_pools: server.pools, server_demand: server.demand, server_headroom: server.headroom,
                        server_broken: server.isBroken)
        sizing = Sizing(analysis.sizing, waitMS: wait)
        self.verdict = verdict
        self.notes = notes
    }
}
