/// What every resource needs, month by month, for each node count the plan
/// may use (``CapacityNeed``): usable memory per node for the host, a limit per
/// container, server connections per pool, the rate within the SLO per node for
/// each worker pool and cores per node for its CPU — and what reaches each warn level.
///
/// Demand depends on the provision only through the node count and the pools'
/// connections (``MemoryDemand``, ``WorkerDemand``), so one pass over the paths with one schedule
/// per node count serves every node size and connection option. Pools are
/// simulated at the most connections any state allows (a pool's held
/// connections add memory), so the memory needs are those of the largest pools.
///
/// Worker pools at a plan's per_node: their rate needs do not depend on it (their capacity
/// does, ``WorkerRates``), and the memory their added workers cost is the same on every
/// path (``MemoryDemand``), a shift δ of the service's demand and the host's: the needs at δ
/// are read from the same histograms, max(D(k) + δ, (Q(q) + δ)/critical) · (1 + w)
/// (``MemoryNeed``, ``table(nodes:workersPerNode:)``), with no pass of their own.
struct CapacityNeeds: Sendable {
    /// The needs of one node count.
    struct Table: Sendable {
        /// Per month (0-based): usable memory per node the host needs, MB.
        var host: [Double]
        /// Per month: usable memory at which the host's q-quantile reaches warn, MB.
        var hostWarn: [Double]
        /// Per service with a limit (model order, nil for the others), per month: the limit it needs, MB.
        var limits: [[Double]?]
        var limitsWarn: [[Double]?]
        /// Per pool (model order), per month: server connections it needs.
        var pools: [[Int]]
        var poolsWarn: [[Double]]
        /// Per worker pool and worker CPU (``CapacityNeeds/workerResources``' order), per month: the
        /// rate within the SLO (rps per node) or the cores per node it needs.
        var workers: [[Double]]
        /// The host's and each limited service's needs per month as read from the histograms, to
        /// shift by the memory of added workers (``shifted(by:)``).
        var hostParts: [MemoryNeed]
        var limitParts: [[MemoryNeed]?]

        /// These needs with `addedMB` (per service, model order, MB per node) more memory on every
        /// path: each limited service's by its own, the host's by their sum. Itself when all are 0.
        func shifted(by addedMB: [Double]) -> Table {
            guard addedMB.contains(where: { $0 != 0 }) else { return self }
            var table = self
            let total = addedMB.reduce(0, +)
            table.host = hostParts.map { $0.need(plus: total) }
            table.hostWarn = hostParts.map { $0.atWarn(plus: total) }
            for s in limitParts.indices {
                guard let parts = limitParts[s] else { continue }
                table.limits[s] = parts.map { $0.need(plus: addedMB[s]) }
                table.limitsWarn[s] = parts.map { $0.atWarn(plus: addedMB[s]) }
            }
            return table
        }
    }

    /// One table per node count, from ``PlanSpace/nodeCounts``'s lower bound.
    let tables: [Table]
    let firstNodeCount: Int
    /// The worker pools and their CPU (kinds ``Resource/Kind/workers`` and ``Resource/Kind/cpu``), in the
    /// forecast's order, with the model's capacity (a CPU's cores no plan changes; a worker pool's rate
    /// is its per_node's, ``capacities(rates:)``).
    let workerResources: [Resource]
    /// Per entry of ``workerResources``, the index of its worker pool in the model.
    let workerIndices: [Int]
    /// The model: its worker pools' memory per worker shifts the memory needs (``table(nodes:workersPerNode:)``).
    let model: Model

    func table(nodes: Int) -> Table { tables[nodes - firstNodeCount] }

    /// The index in ``workerResources`` of worker pool `w`'s (model order) SLO resource (its rate
    /// within the SLO, kind ``Resource/Kind/workers``); nil when the forecast has none for it.
    func rateResource(ofWorker w: Int) -> Int? {
        workerResources.indices.first { workerResources[$0].kind == .workers && workerIndices[$0] == w }
    }

    /// The needs on `nodes` nodes with the worker pools at `workersPerNode` (model order): the host and
    /// the limits shifted by the memory of the workers above the model's (``Model/workerMemoryMB(workersPerNode:)``).
    func table(nodes: Int, workersPerNode: [Int]) -> Table {
        table(nodes: nodes).shifted(by: model.workerMemoryMB(workersPerNode: workersPerNode))
    }

    /// The capacity of each of ``workerResources`` with the worker pools' rates within their SLO at
    /// `rates` (rps per node, model order): a pool's rate, a CPU's cores.
    func capacities(rates: [Double]) -> [Double] {
        workerResources.indices.map { workerResources[$0].kind == .workers ? rates[workerIndices[$0]] : workerResources[$0].capacity }
    }

    /// The worker resources (indices into ``workerResources``) that fail their deadline rule in month
    /// `m` (0-based) on `nodes` nodes with the pools' rates at `rates` (model order; nil: the model's):
    /// what they need above their capacity.
    func failingWorkers(nodes: Int, month m: Int, rates: [Double]? = nil) -> [Int] {
        let needs = table(nodes: nodes).workers
        let capacity = rates.map(capacities(rates:)) ?? workerResources.map(\.capacity)
        return workerResources.indices.filter { needs[$0][m] > capacity[$0] }
    }

    /// The fewest nodes (within the plan's node counts) on which worker resource `i` holds in months
    /// `months` (1-based) at `capacity` (nil: the model's); nil when none does.
    func nodesHolding(worker i: Int, months: ClosedRange<Int>, capacity: Double? = nil) -> Int? {
        let capacity = capacity ?? workerResources[i].capacity
        return tables.indices.first { t in months.allSatisfy { tables[t].workers[i][$0 - 1] <= capacity } }
            .map { $0 + firstNodeCount }
    }

    /// The schedules of the pass: one per node count of `space`, each with the most server
    /// connections each pool can reach in any state.
    static func schedules(_ space: PlanSpace, months: Int) -> [[Provision]] {
        let model = space.model
        let widest = space.capacity(PlanSpace.State.widest(space), from: space.base)
        let own = Provision(model)
        return space.nodeCounts.map { nodes in
            var provision = own
            provision.nodes = nodes
            provision.poolConnections = widest.pools(of: model).map { Double($0.connectionsAccepted) }
            return Array(repeating: provision, count: months)
        }
    }

    /// The needs from each node count's ``Table`` (from ``PlanSpace/nodeCounts``'s lower bound) and the
    /// worker resources of its outlooks (``workerResources(_:)``, the first node count's).
    init(space: PlanSpace, tables: [Table], workerResources: [Resource]) {
        let model = space.model
        firstNodeCount = space.nodeCounts.lowerBound
        self.tables = tables
        self.workerResources = workerResources
        workerIndices = workerResources.map { resource in model.workers.firstIndex { $0.name == resource.name }! }
        self.model = model
    }

    /// The worker pools and CPUs among one pass's outlooks, with their capacity.
    static func workerResources(_ outlooks: [ResourceOutlook]) -> [Resource] {
        outlooks.filter(isWorker).map(\.resource)
    }

    /// Whether an outlook is a worker pool's or its CPU's (kinds ``Resource/Kind/workers`` and ``Resource/Kind/cpu``).
    static func isWorker(_ outlook: ResourceOutlook) -> Bool { outlook.resource.kind == .workers || outlook.resource.kind == .cpu }
}

extension CapacityNeeds.Table {
    /// One node count's needs from its outlooks (``ForecastResult/resources`` of its schedule in the
    /// pass of ``CapacityNeeds/schedules(_:months:)``), read at confidence `q` and the model's risk level.
    init(model: Model, outlooks resources: [ResourceOutlook], confidence q: Double) {
        let risk = model.thresholds.risk
        let host = resources[0]
        let critical = host.resource.levels.critical, warn = host.resource.levels.warn
        func container(_ service: Model.Service) -> ResourceOutlook? {
            resources.first { $0.resource.kind == .container && $0.resource.name == service.name }
        }
        let pools = model.pools.map { pool in resources.first { $0.resource.kind == .pool && $0.resource.name == pool.name }! }
        self.init(
            host: host.months.map { CapacityNeed.memoryMB($0, risk: risk, confidence: q, critical: critical) },
            hostWarn: host.months.map { CapacityNeed.atLevel($0, confidence: q, level: warn) },
            limits: model.services.map { service in
                container(service).map { outlook in
                    outlook.months.map { CapacityNeed.memoryMB($0, risk: risk, confidence: q, critical: outlook.resource.levels.critical) }
                }
            },
            limitsWarn: model.services.map { service in
                container(service).map { outlook in
                    outlook.months.map { CapacityNeed.atLevel($0, confidence: q, level: outlook.resource.levels.warn) }
                }
            },
            pools: pools.map { outlook in
                outlook.months.map { CapacityNeed.connections($0, risk: risk, confidence: q, critical: outlook.resource.levels.critical) }
            },
            poolsWarn: pools.map { outlook in
                outlook.months.map { CapacityNeed.atLevel($0, confidence: q, level: outlook.resource.levels.warn) }
            },
            workers: resources.filter(CapacityNeeds.isWorker).map { outlook in
                outlook.months.map { CapacityNeed.memoryMB($0, risk: risk, confidence: q, critical: outlook.resource.levels.critical) }
            },
            hostParts: host.months.map { MemoryNeed($0, risk: risk, confidence: q, critical: critical, warn: warn) },
            limitParts: model.services.map { service in
                container(service).map { outlook in
                    outlook.months.map { MemoryNeed($0, risk: risk, confidence: q, critical: outlook.resource.levels.critical,
                                                    warn: outlook.resource.levels.warn) }
                }
            })
    }
}

extension PlanSpace.State {
    /// The state with every connection and workers option (the most connections any state allows).
    static func widest(_ space: PlanSpace) -> PlanSpace.State {
        PlanSpace.State(tier: space.tiers.count - 1, nodes: space.nodeCounts.upperBound,
                        connections: (1 << space.connectionOptions.count) - 1, workers: (1 << space.workerOptions.count) - 1)
    }
}
