/// The capacity in force in one month under a plan: the node size and count,
/// the connection and workers options in force, every limit, pool size and
/// worker pool's per_node — what the forecast sees (``provision``) and what it costs.
///
///     cost per month = nodes × price per node + Σ costs of the limit, pool, connection and workers options in force
public struct InstalledCapacity: Sendable, Equatable {
    /// Index into ``PlanSpace/tiers``: the node size in force (0: the model's host).
    public var tier: Int
    /// Physical memory per node, MB.
    public var nodeMemoryMB: Double
    public var pricePerNode: Double
    public var nodes: Int
    /// Container limit of each service (model order), MB; nil: no limit.
    public var limitsMB: [Double?]
    /// Pool sizes (connections per app process), model order.
    public var poolSizes: [Int]
    /// Server connections of each pool's PgBouncer (model order); nil: no PgBouncer.
    public var bouncerPoolSizes: [Int?]
    /// PgBouncer `max_client_conn` of each pool's PgBouncer (model order), when it has one.
    public var bouncerClientLimits: [Int?]
    /// `max_connections` of each pool's server (model order; pools on one server agree).
    public var maxConnections: [Int]
    /// Indices into ``PlanSpace/connectionOptions`` of the connection options in force.
    public var connectionOptions: Set<Int>
    /// Workers per node of each worker pool (model order).
    public var workersPerNode: [Int]
    /// The largest requests/s per node within each worker pool's SLO at ``workersPerNode`` (model order).
    public var workerRatesPerNode: [Double]
    /// Indices into ``PlanSpace/workerOptions`` of the workers options in force.
    public var workerOptions: Set<Int>
    /// Monthly cost of the connection, workers, limit and pool options in force.
    public var optionCosts: Double

    /// The model's own capacity.
    public init(_ model: Model) {
        tier = 0
        nodeMemoryMB = model.host.memoryMB
        pricePerNode = model.host.costPerMonth
        nodes = model.host.nodes
        limitsMB = model.services.map(\.limitMB)
        poolSizes = model.pools.map(\.size)
        bouncerPoolSizes = model.pools.map { $0.pgbouncer?.poolSize }
        bouncerClientLimits = model.pools.map { $0.pgbouncer?.maxClientConnections }
        maxConnections = model.pools.map(\.maxConnections)
        connectionOptions = []
        let provision = Provision(model)
        workersPerNode = provision.workersPerNode
        workerRatesPerNode = provision.workerRatesPerNode
        workerOptions = []
        optionCosts = 0
    }

    /// What this capacity costs per month.
    public var costPerMonth: Double { Double(nodes) * pricePerNode + optionCosts }

    /// Σ limits, MB.
    public var limitSumMB: Double { limitsMB.compactMap { $0 }.reduce(0, +) }

    /// The model's pools as configured here: sizes, PgBouncers, servers' `max_connections`, and
    /// the instances of a pool that follows a worker pool at its per_node here.
    public func pools(of model: Model) -> [Model.Pool] {
        let instances = model.poolInstances(workersPerNode: workersPerNode)
        return model.pools.enumerated().map { k, pool in
            var configured = pool
            configured.size = poolSizes[k]
            configured.instancesPerNode = instances[k]
            configured.maxConnections = maxConnections[k]
            configured.pgbouncer = bouncerPoolSizes[k].map {
                Model.PgBouncer(poolSize: $0, maxClientConnections: bouncerClientLimits[k] ?? 100)
            }
            return configured
        }
    }

    /// What the forecast sees: usable memory per node (memory − reserved), the limits, each
    /// pool's connections (``Model/Pool/connectionCapacity(nodes:)``, the one rule for them) and
    /// each worker pool's per_node and rate within its SLO.
    public func provision(_ model: Model) -> Provision {
        Provision(nodes: nodes, usableMB: nodeMemoryMB - model.host.reservedMB, limitsMB: limitsMB,
                  poolConnections: pools(of: model).map { Double($0.connectionCapacity(nodes: nodes)) },
                  workersPerNode: workersPerNode, workerRatesPerNode: workerRatesPerNode)
    }
}
