/// The plan's words for worker pools that a `workers` option can raise: the step that changes
/// per_node and why, what binds when the options, the node's memory or a server's connections
/// stop it, and what would hold. Decided here, so every writer says the same.
extension PlanBuilder {
    /// Whether a `workers` option can raise worker pool `name`'s per_node.
    func scalesWorkers(_ name: String) -> Bool {
        space.workerOptions.contains { $0.worker == name }
    }


    /// `requests/s` figures as the plan prints them: one decimal.
    private func rps(_ value: Double) -> String { NumberFormat.decimal(value, 1) }

    /// The rule a worker pool's need keeps, in words.
    private func rule(_ resource: Resource) -> String {
        "P\(NumberFormat.short(confidence * 100)) below \(percent(resource.levels.critical)) of the rate within its SLO, "
            + "P(SLO breach) < \(percent(model.thresholds.risk))"
    }

    /// What `perNode` workers of pool `w` would also need where `bound` stopped the plan short of them,
    /// from month `deadline` to the horizon: nodes whose memory holds them (the host's need with their
    /// memory, + reserved_mb, up to the next 1,000 MB), or the connections their processes open.
    private func wouldAlsoNeed(_ bound: EpochSizing.WorkersBound, worker w: Int, perNode: Int, deadline: Int) -> String {
        let last = schedule[months - 1]
        var workers = last.workersPerNode
        workers[w] = perNode
        switch bound {
        case .options:
            return ""
        case .memory:
            let table = needs.table(nodes: last.nodes, workersPerNode: workers)
            let need = (deadline...months).map { table.host[$0 - 1] }.max()!
            return " on nodes of \(mb(((need + model.host.reservedMB) / 1000).rounded(.up) * 1000))"
        case .connections(let name):
            var configured = last
            configured.workersPerNode = workers
            let pools = configured.pools(of: model)
            guard let pool = pools.first(where: { $0.name == name }) else { return "" }
            if let bouncer = pool.pgbouncer {
                return ", with max_client_conn ≥ \(pool.connectionsRequested(nodes: last.nodes)) on the PgBouncer of pool "
                    + "\(name) (now \(bouncer.maxClientConnections))"
            }
            let opened = pools.filter { $0.serverName == pool.serverName }
                .map { $0.pgbouncer?.poolSize ?? $0.connectionsRequested(nodes: last.nodes) }.reduce(0, +)
            return ", with max_connections ≥ \(opened + pool.reservedConnections) on \(pool.serverName)"
        }
    }

    /// Why worker pool `w` stops at a number of workers, after "the most": the options in force, the
    /// node's memory at its memory per worker, or the connections its processes open.
    func workersBoundText(_ bound: EpochSizing.WorkersBound, worker w: Int, nodes: Int, nodeMemoryMB: Double) -> String {
        let worker = model.workers[w]
        switch bound {
        case .options:
            return "its workers options allow"
        case .memory:
            let perWorker = NumberFormat.short(worker.memoryPerWorkerMB ?? 0)
            return (nodes == 1 ? "a \(mb(nodeMemoryMB)) node holds" : "\(nodes) nodes of \(mb(nodeMemoryMB)) hold")
                + " at \(perWorker) MB per worker for \(worker.service)"
        case .connections(let pool):
            let server = model.pools.first { $0.name == pool }?.serverName ?? pool
            return "the server \(server) accepts, each of its \(worker.threads == 1 ? "workers" : "processes") holding a pool \(pool)"
        }
    }

    /// The step that changes worker pool `w`'s per_node in `epoch` (from `before` to `after`): the
    /// option it carries out (the smallest in force that allows the new value), its lead time (the
    /// option's when it comes into force now, else a re-sizing's), its cost and why.
    func workersStep(_ w: Int, epoch: ScalingPlanner.Epoch, previous: ScalingPlanner.Epoch, before: InstalledCapacity,
                     after: InstalledCapacity)
        -> (option: String?, lead: Double, added: Double, why: (resource: Resource, reason: String, deadline: Int?, planBy: Int?)) {
        let worker = model.workers[w], i = needs.rateResource(ofWorker: w)!, t = epoch.first
        let from = before.workersPerNode[w], to = after.workersPerNode[w]
        let mine = { (o: Int) in space.workerOptions[o].worker == worker.name }
        let added = after.workerOptions.subtracting(before.workerOptions).filter(mine).sorted()
        let inForce = after.workerOptions.filter(mine).map { space.workerOptions[$0] }
        let option = inForce.filter { ($0.perNode ?? 0) >= to }.min { ($0.perNode ?? 0) < ($1.perNode ?? 0) }
            ?? inForce.max { ($0.perNode ?? 0) < ($1.perNode ?? 0) }
        let lead = added.isEmpty ? space.defaultLeadTimeDays : added.map { space.lead(space.workerOptions[$0]) }.max()!
        let cost = added.map { space.workerOptions[$0].costPerMonth }.reduce(0, +)
        let table = needs.table(nodes: after.nodes), through = epoch.sizedThrough
        let deadline = (t...months).first { table.workers[i][$0 - 1] > before.workerRatesPerNode[w] }
        let planBy = warnMonth(.workers, worker.name, from: previous.first, before: t)
        let resource = resource(.workers, worker.name)
        var reason = "\(resource.label) needs \(rps(table.workers[i][(t - 1)..<through].max()!)) requests/s per node through "
            + "\(date(through)) (\(rule(resource))): \(to) workers per node carry \(rps(after.workerRatesPerNode[w]))"
        if let perWorker = worker.memoryPerWorkerMB, perWorker > 0 {
            let memory = Double(to - from) * perWorker
            reason += "; \(to - from) \(to > from ? "more" : "fewer") × \(NumberFormat.short(perWorker)) MB = "
                + "\(mb(abs(memory))) per node \(to > from ? "more" : "less") for \(worker.service)"
        }
        if let bound = epoch.sizing?.workerBounds[w] {
            reason += "; short of its need: \(to) is the most "
                + workersBoundText(bound, worker: w, nodes: after.nodes, nodeMemoryMB: after.nodeMemoryMB)
        }
        return (option?.name, lead, cost, (resource, reason, deadline, planBy))
    }

    /// Why the infrastructure of `state` must change in month `m` for the worker resource `i` (an
    /// index into ``CapacityNeeds/workerResources``) when a workers option can raise its pool: its
    /// need against what the state's workers carry, and, when even every workers option would not
    /// hold it on these nodes (sized from month `t`), what stops them. Nil for a CPU or a pool no
    /// option raises (the general wording applies).
    func workersBinding(_ i: Int, from t: Int, month m: Int, state: PlanSpace.State, sizing: EpochSizing) -> String? {
        let resource = needs.workerResources[i]
        guard resource.kind == .workers, scalesWorkers(resource.name) else { return nil }
        let w = needs.workerIndices[i], need = needs.table(nodes: state.nodes).workers[i][m - 1]
        var every = state
        every.workers = (1 << space.workerOptions.count) - 1
        let options = planner.sizing(first: t, last: m, state: every).sizing
        let on = state.nodes == 1 ? "one node gives" : "\(state.nodes) nodes give"
        var reason = "\(resource.label) needs \(rps(need)) requests/s per node in \(date(m)) (\(rule(resource))), while \(on) "
            + "at most \(rps(sizing.workerRatesPerNode[w])) within its SLO each with \(sizing.workersPerNode[w]) workers"
        if options.workerRatesPerNode[w] < need {
            reason += ", the most " + workersBoundText(options.workerBounds[w] ?? .options, worker: w, nodes: state.nodes,
                                                       nodeMemoryMB: space.tiers[state.tier].memoryMB)
        }
        return reason
    }

    /// What binds a worker pool that a workers option can raise and still fails under the plan from
    /// `deadline`, and what would hold through the horizon: the nodes that would, or the per_node
    /// that would and the memory it would cost per node.
    func workersShortfall(_ resource: Resource, deadline: Int) -> (binding: String, wouldHold: String) {
        let w = model.workers.firstIndex { $0.name == resource.name }!, i = needs.rateResource(ofWorker: w)!, worker = model.workers[w]
        let last = schedule[months - 1], table = needs.table(nodes: last.nodes)
        let need = (deadline...months).map { table.workers[i][$0 - 1] }.max()!
        // What stops it with every workers option in force on the last months' nodes.
        var every = epochs.last!.state
        every.workers = (1 << space.workerOptions.count) - 1
        let bound = planner.sizing(first: deadline, last: months, state: every).sizing.workerBounds[w] ?? .options
        let binding = "\(resource.label) needs \(rps(need)) requests/s per node by \(date(months)) on \(last.nodes) "
            + "node\(last.nodes == 1 ? "" : "s"), more than the \(rps(last.workerRatesPerNode[w])) its "
            + "\(last.workersPerNode[w]) workers per node carry, the most "
            + workersBoundText(bound, worker: w, nodes: last.nodes, nodeMemoryMB: last.nodeMemoryMB)
        var holds: [String] = []
        if let nodes = needs.nodesHolding(worker: i, months: deadline...months, capacity: last.workerRatesPerNode[w]) {
            holds.append("\(nodes) nodes")
        }
        if let perNode = planner.rates.perNode(w, carrying: need, from: last.workersPerNode[w]) {
            let memory = worker.addedMemoryMB(perNode: perNode) - worker.addedMemoryMB(perNode: last.workersPerNode[w])
            holds.append("per_node ≥ \(perNode)" + (memory > 0 ? " (\(mb(memory)) more per node for \(worker.service))" : "")
                + wouldAlsoNeed(bound, worker: w, perNode: perNode, deadline: deadline))
        } else {
            holds.append("a faster service time (no per_node up to \(NumberFormat.grouped(WorkerRates.maximumPerNode)) meets the SLO)")
        }
        return (binding, holds.joined(separator: ", or "))
    }
}
