/// An epoch's sizing and what fails under it: the worker pools' per_node first, then the
/// limits and pool sizes for the memory and processes they bring (``EpochSizing``).
extension ScalingPlanner {
    /// The sizing of epoch months [first, last] in `state`.
    ///
    /// **Workers.** A worker pool with a workers option in force (``PlanSpace/workerCaps(_:)``) gets
    /// the fewest workers per node, a multiple of its threads, from `floor` (nil: its own per_node)
    /// up to the options' most, whose rate within the SLO reaches the largest need of the months
    /// (``CapacityNeeds/Table/workers``, rps per node on the state's nodes; ``WorkerRates``):
    ///
    ///     per_node = min{ c ≥ c₀, c ≡ 0 (mod threads) : rate(c) ≥ max_{m ∈ [first, last]} need(m) },   c ≤ the options' most
    ///
    /// and no more than the node holds: the largest such c at which nothing that holds at c₀ breaks
    /// — the host in any month (its need with (c − c₀) × memory_per_worker_mb more), the limits
    /// together (Σ ≤ usable) or any limit option's reach, and the connection budget of every pool
    /// (a pool that follows the worker pool opens size × processes × nodes). Found by bisection on
    /// c: each of these only breaks as c grows. Where it stops short of the need, the sizing says
    /// why (``EpochSizing/WorkersBound``) and the worker pool counts as failing.
    ///
    /// **Limits and pools** are then sized as ``EpochSizing`` says, their needs including the
    /// added workers' memory; a pool that follows a worker pool has one instance per process.
    func computeSizing(first: Int, through last: Int, state: PlanSpace.State, floor: [Int]?) -> EpochSizing {
        let model = space.model, table = needs.table(nodes: state.nodes), window = (first - 1)..<last
        let base = capacity(state), caps = space.workerCaps(state)
        let usable = space.tiers[state.tier].memoryMB - model.host.reservedMB
        let limitCap = EpochSizing.limitCapMB(nodeMemoryMB: base.nodeMemoryMB, model: model)
        let poolNeeds = table.pools.map { needs in window.map { needs[$0] }.max()! }

        /// The sizing with the worker pools at `perNode`.
        func sized(_ perNode: [Int]) -> EpochSizing {
            var capacity = base
            if perNode != base.workersPerNode {
                capacity.workersPerNode = perNode
                capacity.workerRatesPerNode = perNode.indices.map { rates.rate($0, perNode: perNode[$0]) }
            }
            let shifted = table.shifted(by: model.workerMemoryMB(workersPerNode: perNode))
            let limitNeeds = shifted.limits.map { $0.map { needs in window.map { needs[$0] }.max()! } }
            return EpochSizing(limitNeeds: limitNeeds, poolNeeds: poolNeeds, capacity: capacity, model: model,
                               limitCapMB: limitCap, choices: choices)
        }
        /// What `trial` breaks that `held` holds: memory first, then a pool's connections; nil: nothing.
        func breaks(_ trial: EpochSizing, _ held: EpochSizing) -> EpochSizing.WorkersBound? {
            let before = held.addedMemoryMB.reduce(0, +), after = trial.addedMemoryMB.reduce(0, +)
            if window.contains(where: { table.hostParts[$0].need(plus: before) <= usable && table.hostParts[$0].need(plus: after) > usable })
                || (held.limitsFit && !trial.limitsFit)
                || zip(held.limitsReachNeed, trial.limitsReachNeed).contains(where: { $0 && !$1 }) {
                return .memory
            }
            if let k = model.pools.indices.first(where: { held.poolsFit[$0] && !trial.poolsFit[$0] }) {
                return .connections(pool: model.pools[k].name)
            }
            return nil
        }

        var perNode = zip(floor ?? base.workersPerNode, caps).map { min($0, $1) }
        var current = sized(perNode)
        guard placesWorkers(in: state, floor: floor) else { return current }
        var reach = current.workersReachNeed, bounds = current.workerBounds
        for w in model.workers.indices {
            guard let i = needs.rateResource(ofWorker: w) else { continue }
            let need = window.map { table.workers[i][$0] }.max()!
            guard rates.rate(w, perNode: perNode[w]) < need else { continue }
            var wanted = caps[w], bound: EpochSizing.WorkersBound? = .options
            if let fewest = rates.perNode(w, carrying: need, from: perNode[w]), fewest <= caps[w] {
                (wanted, bound) = (fewest, nil)
            }
            let step = model.workers[w].threads, from = perNode[w]
            func trial(_ steps: Int) -> EpochSizing {
                var trial = perNode
                trial[w] = from + steps * step
                return sized(trial)
            }
            if wanted > from {
                // Bisection on the number of steps: `low` holds, `high` breaks (with `broken`).
                var low = 0, high = (wanted - from) / step
                if let broken = breaks(trial(high), current) {
                    var reason = broken
                    while high - low > 1 {
                        let middle = (low + high) / 2
                        if let broken = breaks(trial(middle), current) { (high, reason) = (middle, broken) } else { low = middle }
                    }
                    bound = reason
                    perNode[w] = from + low * step
                } else {
                    perNode[w] = wanted
                }
                current = sized(perNode)
            }
            reach[w] = rates.rate(w, perNode: perNode[w]) >= need
            bounds[w] = reach[w] ? nil : bound
        }
        current.workersReachNeed = reach
        current.workerBounds = bounds
        return current
    }

    /// Whether a sizing in `state` has workers to place: a workers option in force raises a pool's
    /// most per_node, or a `floor` is given. Without, the sizing keeps the model's per_node.
    func placesWorkers(in state: PlanSpace.State, floor: [Int]?) -> Bool {
        floor != nil || space.workerCaps(state) != space.base.workersPerNode
    }

    /// The failing resource-months of epoch [first, last] in `state` under `sizing` (the search's first
    /// criterion): the host's months (with the added workers' memory) and each worker pool's or CPU's
    /// months short of their need at the sizing's rates; the containers' months when the limits do not
    /// fit or reach, and each server's whose pools' connections do not.
    func failingMonths(first: Int, last: Int, state: PlanSpace.State, sizing sized: EpochSizing) -> Int {
        let model = space.model, table = needs.table(nodes: state.nodes)
        let usable = space.tiers[state.tier].memoryMB - model.host.reservedMB
        let added = sized.addedMemoryMB.reduce(0, +), length = last - first + 1
        let rates = sized.workersPerNode == space.base.workersPerNode ? nil : sized.workerRatesPerNode
        var failing = 0
        for m in (first - 1)..<last {
            if (added == 0 ? table.host[m] : table.hostParts[m].need(plus: added)) > usable { failing += 1 }
            failing += needs.failingWorkers(nodes: state.nodes, month: m, rates: rates).count
        }
        if !sized.limitsFit || !sized.limitsReachNeed.allSatisfy({ $0 }) { failing += length }
        let servers = Set(model.pools.indices.filter { !sized.poolsFit[$0] || !sized.poolsReachNeed[$0] }
            .map { model.pools[$0].serverName })
        return failing + servers.count * length
    }
}
