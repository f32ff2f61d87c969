/// What a month's peak traffic demands of memory and connections: each pool's
/// offered load, the connections it holds, each service's memory and the host
/// total, per node.
///
///     a_k = peak · queries_per_request · hold_s        offered load of pool k (erlangs)
///     connections in use = min(a_k, c_k)               Little's law, capped by the pool
///     memory_s = max(0, 1 + noise_s · Z) · (base_s + per_rps_s · peak / nodes
///                                           + per_connection_s · connections / nodes)
///                + Σ_w (workers_w − per_node_w) · memory_per_worker_w    worker pools w of service s
///     host = Σ_s memory_s                               per node
///
/// The last term is what a plan's workers add to the service on each node (a worker pool's
/// `per_node` raised by a `workers` option, ``Provision/workersPerNode``): its base memory
/// already holds the model's own workers, so the term is 0 for the model as it is. It is
/// deterministic, outside the noise: each worker costs the same memory on every path.
///
/// With several nodes every node runs every service: base memory repeats and
/// traffic and connections split evenly across nodes. Memory is demand: what
/// each service needs for that traffic, whether or not its limit allows it.
///
/// Its rows (``ResourceDemand``): the host (0), each service's memory (1 + s), the
/// connections each service holds (1 + S + s, scratch) and each pool's offered load
/// (1 + 2S + k); its resources: the host, every service (a container when it has a
/// limit) and every pool, in the model's order.
struct MemoryDemand: ResourceDemand {
    struct Service: Sendable {
        var base: Double
        var perPeakRPS: Double
        var perConnection: Double
        var noise: Double
    }

    struct Pool: Sendable {
        /// Offered load per peak request/s: queries_per_request · hold_ms / 1000, erlangs.
        var loadPerRPS: Double
        /// Index of the service that holds the connections.
        var service: Int
    }

    /// A worker pool whose workers cost its service memory.
    struct Workers: Sendable {
        /// Index of the worker pool in the model (and in ``Provision/workersPerNode``).
        var index: Int
        var worker: Model.Worker
        /// Index of its service.
        var service: Int
    }

    let services: [Service]
    let pools: [Pool]
    /// The worker pools with `memory_per_worker_mb`, model order.
    let workers: [Workers]
    let streams: [String]
    let resources: [ResourceSpec]

    init(_ model: Model) {
        services = model.services.map {
            Service(base: $0.memory.baseMB, perPeakRPS: $0.memory.perRPSMB,
                    perConnection: $0.memory.perConnectionMB, noise: $0.memory.noise)
        }
        pools = model.pools.map { pool in
            Pool(loadPerRPS: pool.queriesPerRequest * pool.holdMS / 1000,
                 service: model.services.firstIndex { $0.name == pool.service } ?? 0)
        }
        workers = model.workers.enumerated().compactMap { w, worker in
            guard let perWorker = worker.memoryPerWorkerMB, perWorker > 0,
                  let service = model.services.firstIndex(where: { $0.name == worker.service }) else { return nil }
            return Workers(index: w, worker: worker, service: service)
        }
        streams = model.services.map { "services.\($0.name).noise" }
        let levels = model.thresholds.levels, serviceCount = model.services.count
        let host = ResourceSpec(Resource(kind: .host, name: "host", capacity: model.host.usableMB, levels: levels),
                                row: 0) { $0.usableMB }
        let containers = model.services.enumerated().map { s, service in
            ResourceSpec(Resource(kind: .container, name: service.name, capacity: service.limitMB ?? .infinity,
                                  levels: service.thresholds ?? levels),
                         row: 1 + s, isReported: service.limitMB != nil) { $0.limitsMB[s] ?? .infinity }
        }
        let connections = model.pools.map { Double($0.connectionCapacity(nodes: model.host.nodes)) }
        let pools = model.pools.enumerated().map { k, pool in
            ResourceSpec(Resource(kind: .pool, name: pool.name, capacity: connections[k], levels: pool.thresholds ?? levels),
                         row: 1 + 2 * serviceCount + k) { $0.poolConnections[k] }
        }
        resources = [host] + containers + pools
    }

    var rows: Int { 1 + 2 * services.count + pools.count }

    /// Demand depends on the provision only through the nodes (per-node shares), the
    /// pools' sizes (connections held) and the workers that cost memory, not through memory or limits.
    func isShared(between a: Provision, and b: Provision) -> Bool {
        a.nodes == b.nodes && a.poolConnections == b.poolConnections
            && workers.allSatisfy { a.workersPerNode[$0.index] == b.workersPerNode[$0.index] }
    }

    /// Row 0 (the host) reads every service and pool; a service's memory (1 + s) and held
    /// connections (1 + S + s) its own figures and the pools it holds for; a pool's offered load its
    /// load per rps.
    func signature(ofRow row: Int) -> [Double] {
        let serviceCount = services.count
        func service(_ s: Int) -> [Double] {
            let own = services[s]
            var figures = [own.base, own.perPeakRPS, own.perConnection, own.noise]
            for (k, pool) in pools.enumerated() where pool.service == s { figures += [Double(k), pool.loadPerRPS] }
            for entry in workers where entry.service == s {
                figures += [Double(entry.index), Double(entry.worker.perNode), entry.worker.memoryPerWorkerMB ?? 0]
            }
            return figures
        }
        switch row {
        case 0: return services.indices.flatMap(service)
        case 1...(2 * serviceCount): return service((row - 1) % serviceCount)
        default: return [pools[row - 1 - 2 * serviceCount].loadPerRPS]
        }
    }

    /// Fills, for `count` paths, the rows above; `normals(s)` gives service s's noise. The
    /// held connections of service s are written by the first pool it holds (no zero-fill).
    /// A service's memory given (``ResourceDemand/compute(count:peak:normals:provision:given:into:)``) is
    /// only added to the host, in its turn: the same sum, bit for bit.
    func compute(count: Int, peak: UnsafePointer<Double>, normals: (Int) -> UnsafePointer<Double>, provision: Provision,
                 given: (Int) -> UnsafePointer<Double>?, into out: UnsafeMutablePointer<Double>) {
        let kernels = VectorKernels.best
        let host = out, memory = out + count, held = memory + services.count * count, load = held + services.count * count
        var holds = [Bool](repeating: false, count: services.count)
        for (k, pool) in pools.enumerated() {
            kernels.poolLoad(count: count, peak: peak, perRPS: pool.loadPerRPS, capacity: provision.poolConnections[k],
                             accumulate: holds[pool.service], offered: load + k * count, held: held + pool.service * count)
            holds[pool.service] = true
        }
        let nodes = Double(provision.nodes)
        // Drivers → services as a loop (a C kernel), faster than the (rows × 3) · (3 × 5) DGEMM
        // plus the noise product (benchmarks/work-estimates.md).
        // A service no pool holds connections for has none: the formula without them (the
        // same value: per_connection · 0 adds +0 to a sum ≥ +0, and the product commutes).
        // A service whose plan adds workers' memory (after the sum below) is always computed: a given
        // row holds that memory already, and the host must add it in the same order as alone.
        let adds = services.indices.map { s in
            workers.contains { $0.service == s && provision.workersPerNode[$0.index] != $0.worker.perNode }
        }
        let parameters = services.enumerated().map { s, service in
            let perConnection = service.perConnection / nodes
            return VectorKernels.Service(base: service.base, perPeak: service.perPeakRPS / nodes, perConnection: perConnection,
                                         noise: service.noise, z: normals(s),
                                         held: perConnection == 0 || !holds[s] ? nil : UnsafePointer(held + s * count),
                                         out: memory + s * count, given: adds[s] ? nil : given(1 + s))
        }
        kernels.serviceMemory(count: count, peak: peak, services: parameters, host: host)
        // The plan's workers above the model's: the same MB on every path, in the service and the host.
        for entry in workers where provision.workersPerNode[entry.index] != entry.worker.perNode {
            let added = entry.worker.addedMemoryMB(perNode: provision.workersPerNode[entry.index])
            let row = memory + entry.service * count
            for i in 0..<count {
                row[i] += added
                host[i] += added
            }
        }
    }
}
