/// What is provisioned in one month: the capacity of every resource.
///
/// The model gives one provision for the whole horizon; a scaling option (a
/// bigger node, another node, a raised limit, a larger pool, more workers) is
/// another provision from the month it applies, on the same random paths.
public struct Provision: Sendable, Equatable {
    public var nodes: Int
    /// Usable memory per node, MB.
    public var usableMB: Double
    /// Container limit of each service (model order), MB; nil: no limit.
    public var limitsMB: [Double?]
    /// Connections each pool can use on all nodes (model order):
    /// min(size × instances_per_node × nodes, max_connections − reserved_connections).
    public var poolConnections: [Double]
    /// Workers per node of each worker pool (model order): its `per_node`, or what a plan sets.
    /// More than the model's adds (new − old) × `memory_per_worker_mb` to its service's memory
    /// (``MemoryDemand``); the pools that follow it hold more connections (``poolConnections``).
    public var workersPerNode: [Int]
    /// The largest requests/s per node within each worker pool's SLO at ``workersPerNode``
    /// (model order; ``WorkerSizing/maxRPS(workers:service:slo:)``, or
    /// ``WorkerDemand/unmeetableRPS`` when its service time alone misses the SLO): its capacity.
    public var workerRatesPerNode: [Double]

    init(nodes: Int, usableMB: Double, limitsMB: [Double?], poolConnections: [Double], workersPerNode: [Int],
         workerRatesPerNode: [Double]) {
        self.nodes = nodes
        self.usableMB = usableMB
        self.limitsMB = limitsMB
        self.poolConnections = poolConnections
        self.workersPerNode = workersPerNode
        self.workerRatesPerNode = workerRatesPerNode
    }

    /// The model's own capacity.
    public init(_ model: Model) {
        nodes = model.host.nodes
        usableMB = model.host.usableMB
        limitsMB = model.services.map(\.limitMB)
        poolConnections = model.pools.map { Double($0.connectionCapacity(nodes: model.host.nodes)) }
        workersPerNode = model.workers.map(\.perNode)
        workerRatesPerNode = WorkerLoad.all(model).map(\.ratePerNode)
    }
}

extension Provision {
    /// This provision, given in `model`'s order, in `other`'s order: the same
    /// services, pools and worker pools, matched by name (the simulator runs sorted by name).
    ///
    /// - Precondition: `other` has the same service, pool and worker pool names as `model`.
    func reordered(from model: Model, to other: Model) -> Provision {
        var result = self
        result.limitsMB = other.services.map { service in limitsMB[model.services.firstIndex { $0.name == service.name }!] }
        result.poolConnections = other.pools.map { pool in poolConnections[model.pools.firstIndex { $0.name == pool.name }!] }
        let workers = other.workers.map { worker in model.workers.firstIndex { $0.name == worker.name }! }
        result.workersPerNode = workers.map { workersPerNode[$0] }
        result.workerRatesPerNode = workers.map { workerRatesPerNode[$0] }
        return result
    }
}
