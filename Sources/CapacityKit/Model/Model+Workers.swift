extension Model {
    /// A pool of application workers serving one service's requests (issue #22): on
    /// each node `perNode` requests are served at once (processes × threads, e.g.
    /// Gunicorn workers × threads) and the rest queue. Its month fails when the
    /// response time's P95 (or P99) exceeds the SLO (``WorkerLoad``).
    public struct Worker: Sendable, Equatable {
        public var name: String
        /// The service whose requests the pool serves (its peak rps is the pool's load).
        public var service: String
        /// Requests served at once per node: processes × threads, the c of the queue.
        public var perNode: Int
        /// Threads per process (`threads`, default 1): the pool runs per_node ÷ threads processes per node.
        public var threads: Int
        /// The service's memory per worker, MB (`memory_per_worker_mb`, optional): a plan that raises
        /// `per_node` adds (new − old) × this to the service's memory on each node. Its base memory
        /// already holds the model's own workers. Nil: more workers cost no memory the model knows of.
        public var memoryPerWorkerMB: Double?
        /// The time a worker spends on one request.
        public var serviceTime: ServiceTimeSpec
        public var slo: LatencySLO
        /// CPU per request, ms (optional); with `host.cores`, the pool's CPU utilisation.
        public var cpuMS: Double?

        public init(name: String, service: String, perNode: Int, serviceTime: ServiceTimeSpec, slo: LatencySLO,
                    cpuMS: Double? = nil, threads: Int = 1, memoryPerWorkerMB: Double? = nil) {
            self.name = name
            self.service = service
            self.perNode = perNode
            self.threads = threads
            self.memoryPerWorkerMB = memoryPerWorkerMB
            self.serviceTime = serviceTime
            self.slo = slo
            self.cpuMS = cpuMS
        }

        /// Application processes per node at `perNode` workers: ⌈perNode ÷ threads⌉, at least 1
        /// (the model file's per_node is a multiple of threads, so there it is exact).
        public func processes(perNode: Int) -> Int { max(1, (perNode + threads - 1) / threads) }

        /// Its processes per node at its own `per_node`.
        public var processes: Int { processes(perNode: perNode) }

        /// The memory `perNode` workers add to its service on each node over the model's own
        /// `per_node`, MB: (perNode − per_node) × memory_per_worker_mb (0 without it).
        public func addedMemoryMB(perNode: Int) -> Double {
            guard let perWorker = memoryPerWorkerMB, perNode != self.perNode else { return 0 }
            return Double(perNode - self.perNode) * perWorker
        }
    }

    /// A worker's service time as the model file gives it.
    public enum ServiceTimeSpec: Sendable, Equatable {
        /// `service_ms: 40`: the mean, ms; the service time is taken as exponential (M/M/c).
        case mean(Double)
        /// `service_ms: {p50: 68, p95: 187}`: measured percentiles, ms (p95 > p50); a
        /// lognormal through both (M/G/c).
        case percentiles(p50: Double, p95: Double)
    }

    /// A response-time objective: the P95 and/or the P99 must not exceed these, ms.
    public struct LatencySLO: Sendable, Equatable {
        public var p95MS: Double?
        public var p99MS: Double?

        public init(p95MS: Double? = nil, p99MS: Double? = nil) {
            self.p95MS = p95MS
            self.p99MS = p99MS
        }

        /// The objectives given, as (quantile level, bound in ms): (0.95, p95MS), (0.99, p99MS).
        public var bounds: [(level: Double, ms: Double)] {
            [(0.95, p95MS), (0.99, p99MS)].compactMap { level, ms in ms.map { (level, $0) } }
        }
    }
}

extension Model {
    /// Application processes per node of each pool (model order) with the worker pools at
    /// `workersPerNode` (model order): a pool that follows a worker pool (`workers:`) holds one
    /// pool per process of it, ``Worker/processes(perNode:)``; any other its `instances_per_node`.
    /// The one rule for a pool's instances whatever the plan does to `per_node`.
    func poolInstances(workersPerNode: [Int]) -> [Int] {
        pools.map { pool in
            guard let name = pool.workers, let w = workers.firstIndex(where: { $0.name == name }) else {
                return pool.instancesPerNode
            }
            return workers[w].processes(perNode: workersPerNode[w])
        }
    }

    /// The memory the worker pools at `workersPerNode` (model order) add to each service (model
    /// order) on each node over the model's own, MB: Σ over the service's worker pools of
    /// ``Worker/addedMemoryMB(perNode:)``. All zero at the model's own per_node.
    func workerMemoryMB(workersPerNode: [Int]) -> [Double] {
        var added = [Double](repeating: 0, count: services.count)
        for (w, worker) in workers.enumerated() {
            if let s = services.firstIndex(where: { $0.name == worker.service }) {
                added[s] += worker.addedMemoryMB(perNode: workersPerNode[w])
            }
        }
        return added
    }

    /// Sets worker pool `name`'s `per_node` and the instances of the pools that follow it
    /// (``poolInstances(workersPerNode:)``), as the loader would have read them.
    mutating func setWorkers(_ name: String, perNode: Int) {
        guard let w = workers.firstIndex(where: { $0.name == name }) else { return }
        workers[w].perNode = perNode
        let instances = poolInstances(workersPerNode: workers.map(\.perNode))
        for k in pools.indices { pools[k].instancesPerNode = instances[k] }
    }
}
