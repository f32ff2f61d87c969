/// Turns the chosen schedule into the plan a review reads: a step per change
/// (why, when to order it), the resources still failing under it (what binds and
/// what would hold), and the months, all from the forecast under the schedule.
struct PlanBuilder {
    let space: PlanSpace
    let needs: CapacityNeeds
    let planner: ScalingPlanner
    /// The capacity in force in each month (0-based).
    let schedule: [InstalledCapacity]
    let epochs: [ScalingPlanner.Epoch]
    /// The forecast's outlooks under the schedule (``ForecastResult/resources``).
    let resources: [ResourceOutlook]
    let confidence: Double
    let today: CalendarDay
    /// The search's failing resource-months.
    let failing: Int

    var model: Model { space.model }
    var months: Int { schedule.count }

    func plan() -> ScalingPlan {
        let steps = self.steps()
        let shortfalls = self.shortfalls()
        func worst(_ m: Int) -> (Proportion, Resource) {
            let index = resources.indices.max {
                (resources[$0].months[m].pFail.estimate, -$0) < (resources[$1].months[m].pFail.estimate, -$1)
            }!
            return (resources[index].months[m].pFail, resources[index].resource)
        }
        var cumulative = 0.0
        let planMonths = schedule.indices.map { m in
            let capacity = schedule[m], host = resources[0].months[m]
            cumulative += capacity.costPerMonth
            let (p, resource) = worst(m)
            return PlanMonth(month: m + 1, date: model.start.adding(months: m),
                             actions: steps.indices.filter { steps[$0].month == m + 1 },
                             runsOut: shortfalls.indices.filter { shortfalls[$0].deadline == m + 1 },
                             capacity: capacity, hostP90: host.level.p90, pOOM: host.pFail,
                             worstPFail: p, worstResource: resource,
                             costPerMonth: capacity.costPerMonth, cumulativeCost: cumulative)
        }
        let risk = model.deployment.map {
            ExecutionRisk(changes: steps.count,
                          outcomes: DeploymentOutcomes(stages: $0.stages.map(\.retryOdds), rollbackSuccessRate: $0.rollback.successRate,
                                                       preReleaseCount: $0.preReleaseStageCount))
        }
        return ScalingPlan(steps: steps, months: planMonths, shortfalls: shortfalls, executionRisk: risk,
                           failingResourceMonths: failing)
    }

    // MARK: Steps

    /// The plan's forecast of the resource of `kind` named `name` (the host has one).
    func outlook(_ kind: Resource.Kind, _ name: String) -> ResourceOutlook {
        resources.first { $0.resource.kind == kind && (kind == .host || $0.resource.name == name) }!
    }

    func resource(_ kind: Resource.Kind, _ name: String) -> Resource { outlook(kind, name).resource }

    func date(_ month: Int) -> YearMonth { model.start.adding(months: month - 1) }

    func mb(_ value: Double) -> String { NumberFormat.grouped(Int(value.rounded(.up))) + " MB" }

    /// Every change, month by month, in the order: node size, nodes, connections, workers, limits, pools.
    private func steps() -> [PlanStep] {
        var steps: [PlanStep] = []
        let model = self.model
        for (e, epoch) in epochs.enumerated() where epoch.sizing != nil {
            let t = epoch.first, before = t > 1 ? schedule[t - 2] : space.base, after = schedule[t - 1]
            // The epoch before it (the model's own, empty, when the plan changes month 1 already).
            let previous = e > 0 ? epochs[e - 1]
                : ScalingPlanner.Epoch(first: 1, last: 0, state: space.initial, sizing: nil, sizedThrough: 0)
            func step(_ change: PlanStep.Change, option: String?, lead: Double, added: Double,
                      why: (resource: Resource, reason: String, deadline: Int?, planBy: Int?), sizedThrough: Int? = nil) {
                let actBy = CalendarDay(firstOf: date(t)).adding(days: -Int(lead.rounded(.up)))
                // Plan by: the first month at warn, and at the latest the deadline.
                let planBy = [why.planBy, why.deadline].compactMap { $0 }.min()
                steps.append(PlanStep(change: change, option: option, month: t, leadTimeDays: lead, actBy: actBy,
                                      actNow: actBy < today, addedCostPerMonth: added, resource: why.resource,
                                      reason: why.reason, planBy: planBy.map(date), deadline: why.deadline,
                                      sizedThrough: sizedThrough))
            }
            // The infrastructure in force since the first epoch of the same state (re-sizings keep it).
            let stateSince = epochs[..<e].reversed().prefix { $0.state == previous.state }.last?.first ?? 1
            let infrastructure = binding(of: previous.state, from: t, since: stateSince, poolsOnly: false)
            if after.tier != before.tier {
                let tier = space.tiers[after.tier]
                step(.nodeSize(fromMB: before.nodeMemoryMB, toMB: after.nodeMemoryMB), option: tier.option,
                     lead: tier.leadTimeDays, added: Double(after.nodes) * (after.pricePerNode - before.pricePerNode),
                     why: infrastructure)
            }
            if after.nodes != before.nodes, let horizontal = space.horizontal {
                step(.nodes(from: before.nodes, to: after.nodes), option: horizontal.name, lead: space.lead(horizontal),
                     added: Double(after.nodes - before.nodes) * after.pricePerNode, why: infrastructure)
            }
            for c in after.connectionOptions.subtracting(before.connectionOptions).sorted() {
                let option = space.connectionOptions[c]
                step(.connections, option: option.name, lead: space.lead(option), added: option.costPerMonth,
                     why: binding(of: previous.state, from: t, since: stateSince, poolsOnly: true))
            }
            for w in model.workers.indices where after.workersPerNode[w] != before.workersPerNode[w] {
                let change = workersStep(w, epoch: epoch, previous: previous, before: before, after: after)
                step(.workers(pool: model.workers[w].name, from: before.workersPerNode[w], to: after.workersPerNode[w]),
                     option: change.option, lead: change.lead, added: change.added, why: change.why,
                     sizedThrough: epoch.sizedThrough)
            }
            let sizing = epoch.sizing
            let table = needs.table(nodes: after.nodes, workersPerNode: after.workersPerNode)
            for (s, service) in model.services.enumerated() {
                guard let to = after.limitsMB[s], to != before.limitsMB[s], let need = table.limits[s] else { continue }
                let option = (model.scaling?.options ?? []).first { $0.kind == .limit && $0.service == service.name
                    && sizing?.options.contains($0.name) == true }
                let from = before.limitsMB[s] ?? .infinity
                let deadline = (t...months).first { need[$0 - 1] > from }
                let planBy = warnMonth(.container, service.name, from: previous.first, before: t)
                    ?? (t...months).first { table.limitsWarn[s]![$0 - 1] >= from }
                let through = epoch.sizedThrough
                step(.limit(service: service.name, fromMB: before.limitsMB[s], toMB: to), option: option?.name,
                     lead: option.map(space.lead) ?? space.defaultLeadTimeDays,
                     added: 0,
                     why: (resource(.container, service.name),
                           "\(service.name) needs \(mb(need[(t - 1)..<through].max()!)) through \(date(through)) "
                             + "(P(over limit) < \(percent(model.thresholds.risk)), P\(NumberFormat.short(confidence * 100)) below "
                             + "\(percent(resource(.container, service.name).levels.critical)) of the limit)", deadline, planBy),
                     sizedThrough: through)
            }
            let configured = after.pools(of: model), was = before.pools(of: model)
            for (k, pool) in model.pools.enumerated()
            where after.poolSizes[k] != before.poolSizes[k] || after.bouncerPoolSizes[k] != before.bouncerPoolSizes[k] {
                let option = (model.scaling?.options ?? []).first { $0.kind == .pool && $0.pool == pool.name
                    && sizing?.options.contains($0.name) == true }
                let from = was[k].connectionCapacity(nodes: before.nodes)
                let need = table.pools[k]
                let deadline = (t...months).first { need[$0 - 1] > from }
                let planBy = warnMonth(.pool, pool.name, from: previous.first, before: t)
                    ?? (t...months).first { table.poolsWarn[k][$0 - 1] >= Double(from) }
                let through = epoch.sizedThrough
                step(.poolSize(pool: pool.name, from: before.poolSizes[k], to: after.poolSizes[k],
                               bouncerTo: after.bouncerPoolSizes[k]),
                     option: option?.name, lead: option.map(space.lead) ?? space.defaultLeadTimeDays, added: 0,
                     why: (resource(.pool, pool.name),
                           "pool \(pool.name) needs \(need[(t - 1)..<through].max()!) connections through \(date(through)), "
                             + "\(configured[k].connectionCapacity(nodes: after.nodes)) on \(after.nodes) node\(after.nodes == 1 ? "" : "s")",
                           deadline, planBy),
                     sizedThrough: through)
            }
            // Option costs of limits and pools (the model's options used) go with the month's first step.
            let added = after.costPerMonth - before.costPerMonth - steps.filter { $0.month == t }.map(\.addedCostPerMonth).reduce(0, +)
            if abs(added) > 1e-9, let first = steps.firstIndex(where: { $0.month == t }) { steps[first].addedCostPerMonth += added }
        }
        return steps
    }

    /// The first month from `first` to `t` − 1 at which the resource's q-quantile reaches its warn level
    /// under the plan (those months have the capacity in force before the change at `t`): the same
    /// crossing as the tables', read from the same forecast.
    func warnMonth(_ kind: Resource.Kind, _ name: String, from first: Int, before t: Int) -> Int? {
        guard first < t, let warn = outlook(kind, name).crossings(confidence: confidence, risk: model.thresholds.risk, from: first).warn, warn < t
        else { return nil }
        return warn
    }

    func percent(_ fraction: Double) -> String { NumberFormat.short(fraction * 100) + " %" }

    /// Why the infrastructure of `state` must change from month `t`: the first month from `t` on in
    /// which it fails, with its best limits and pool sizes — the host's memory, the limits that no
    /// longer fit the node, or a server's connections.
    private func binding(of state: PlanSpace.State, from t: Int, since first: Int, poolsOnly: Bool)
        -> (resource: Resource, reason: String, deadline: Int?, planBy: Int?) {
        let tier = space.tiers[state.tier], usable = tier.memoryMB - model.host.reservedMB
        for m in t...months {
            // The state's best sizing for these months: its workers' memory is in the host's and limits' needs.
            let sized = planner.sizing(first: t, last: m, state: state).sizing
            let table = needs.table(nodes: state.nodes).shifted(by: sized.addedMemoryMB)
            if !poolsOnly, table.host[m - 1] > usable {
                let planBy = warnMonth(.host, "host", from: first, before: t) ?? (t...m).first { table.hostWarn[$0 - 1] >= usable }
                return (resource(.host, "host"),
                        "the host needs \(mb(table.host[m - 1])) usable per node in \(date(m)) "
                            + "(P\(NumberFormat.short(confidence * 100)) below \(percent(model.thresholds.levels.critical)), P(out of memory) < \(percent(model.thresholds.risk))), while "
                            + (state.nodes == 1 ? "a \(mb(tier.memoryMB)) node gives " : "\(state.nodes) nodes of \(mb(tier.memoryMB)) give ")
                            + "\(mb(usable)) usable each",
                        m, planBy)
            }
            let rates = sized.workersPerNode == space.base.workersPerNode ? nil : sized.workerRatesPerNode
            if !poolsOnly, let i = needs.failingWorkers(nodes: state.nodes, month: m - 1, rates: rates).first {
                if let reason = workersBinding(i, from: t, month: m, state: state, sizing: sized) {
                    return (resource(.workers, needs.workerResources[i].name), reason, m, nil)
                }
                let worker = needs.workerResources[i], need = table.workers[i][m - 1]
                let unit = worker.kind == .cpu ? "cores" : "requests/s"
                let on = state.nodes == 1 ? "one node gives" : "\(state.nodes) nodes give"
                return (resource(worker.kind, worker.name),
                        "\(worker.label) needs \(NumberFormat.decimal(need, 1)) \(unit) per node in \(date(m)) "
                            + "(P\(NumberFormat.short(confidence * 100)) below \(percent(worker.levels.critical)), "
                            + "P(\(worker.kind.wording.failureProbability)) < \(percent(model.thresholds.risk))), while \(on) "
                            + (worker.kind == .cpu ? "\(NumberFormat.short(worker.capacity)) cores each"
                               : "at most \(NumberFormat.decimal(worker.capacity, 1)) within its SLO each"),
                        m, nil)
            }
            if !poolsOnly, !sized.limitsFit {
                let sum = sized.limitsMB.compactMap { $0 }.reduce(0, +)
                let first = model.services.indices.first { table.limits[$0] != nil }!
                return (resource(.container, model.services[first].name),
                        "the limits needed through \(date(m)) add up to \(mb(sum)), more than the \(mb(usable)) usable on a \(mb(tier.memoryMB)) node",
                        m, nil)
            }
            if let k = model.pools.indices.first(where: { !sized.poolsFit[$0] || !sized.poolsReachNeed[$0] }) {
                let pool = planner.capacity(state).pools(of: model)[k]
                let server = model.pools.indices.filter { model.pools[$0].serverName == pool.serverName }
                let needed = server.map { table.pools[$0][m - 1] }.reduce(0, +)
                return (resource(.pool, model.pools[k].name),
                        "the server \(pool.serverName) accepts \(pool.connectionsAccepted) connections, while "
                            + (server.count == 1 ? "the pool on it needs" : "the pools on it need") + " \(needed) in \(date(m))",
                        m, nil)
            }
        }
        return (resource(.host, "host"), "ahead of need: no resource fails without it before the horizon", nil, nil)
    }

    // MARK: Shortfalls

    /// Every resource that fails its rule under the plan, with what binds and what would hold.
    private func shortfalls() -> [Shortfall] {
        let risk = model.thresholds.risk
        let earliest = space.arrival(leadTimeDays: space.defaultLeadTimeDays) ?? months + 1
        let last = schedule[months - 1], lastTable = needs.table(nodes: last.nodes, workersPerNode: last.workersPerNode)
        let widest = needs.table(nodes: space.nodeCounts.upperBound, workersPerNode: last.workersPerNode)
        var result: [Shortfall] = []
        for outlook in resources {
            let crossings = outlook.crossings(confidence: confidence, risk: risk)
            guard let deadline = crossings.deadline else { continue }
            let from = date(deadline), resource = outlook.resource
            var binding: String, wouldHold: String, onlyEarly = false
            switch resource.kind {
            case .host:
                let need = (deadline...months).map { lastTable.host[$0 - 1] }.max()!
                let needWidest = (deadline...months).map { widest.host[$0 - 1] }.max()!
                binding = "the host needs \(mb(need)) usable per node by \(date(months)) on \(last.nodes) node\(last.nodes == 1 ? "" : "s"), while "
                    + "the largest node in the options gives \(mb(space.tiers.last!.memoryMB - model.host.reservedMB))"
                wouldHold = "nodes of \(mb(roundedUp(need + model.host.reservedMB))) × \(last.nodes)"
                    + (space.nodeCounts.upperBound > last.nodes
                        ? ", or of \(mb(roundedUp(needWidest + model.host.reservedMB))) × \(space.nodeCounts.upperBound)" : "")
            case .container:
                let s = model.services.firstIndex { $0.name == resource.name }!
                let need = (deadline...months).map { lastTable.limits[s]![$0 - 1] }.max()!
                let sum = model.services.indices.compactMap { i in
                    lastTable.limits[i].map { needs in (deadline...months).map { needs[$0 - 1] }.max()! }
                }.reduce(0, +)
                binding = "\(resource.name) needs a limit of \(mb(need)) by \(date(months)), and the limits needed add up to \(mb(sum)), "
                    + "more than the \(mb(last.nodeMemoryMB - model.host.reservedMB)) usable per node"
                wouldHold = "nodes of \(mb(roundedUp(sum + model.host.reservedMB))) (Σ limits + reserved_mb), or `scaling.allow_overcommit: true`"
            case .pool:
                let k = model.pools.firstIndex { $0.name == resource.name }!
                let pool = last.pools(of: model)[k]
                let members = model.pools.indices.filter { model.pools[$0].serverName == pool.serverName }
                let needed = members.map { i in (deadline...months).map { lastTable.pools[i][$0 - 1] }.max()! }.reduce(0, +)
                binding = "the server \(pool.serverName) accepts \(pool.connectionsAccepted) connections, while "
                    + (members.count == 1 ? "the pool on it needs" : "the pools on it need") + " \(needed) by \(date(months))"
                wouldHold = "max_connections ≥ \(needed + pool.reservedConnections) on \(pool.serverName)"
                    + (pool.pgbouncer == nil ? " (with a PgBouncer in front: its pool_size the same)" : "")
            case .workers where scalesWorkers(resource.name):
                (binding, wouldHold) = workersShortfall(resource, deadline: deadline)
            case .workers, .cpu:
                let i = needs.workerResources.firstIndex { $0.kind == resource.kind && $0.name == resource.name }!
                let need = (deadline...months).map { lastTable.workers[i][$0 - 1] }.max()!
                let unit = resource.kind == .cpu ? "cores" : "requests/s"
                binding = "\(resource.label) needs \(NumberFormat.decimal(need, 1)) \(unit) per node by \(date(months)) on "
                    + "\(last.nodes) node\(last.nodes == 1 ? "" : "s"), more than its \(NumberFormat.decimal(resource.capacity, 1))"
                let nodes = needs.nodesHolding(worker: i, months: deadline...months)
                wouldHold = (nodes.map { "\($0) nodes, or " } ?? "")
                    + (resource.kind == .cpu ? "more cores per node (host.cores)"
                       : "more workers per node (per_node) or a faster service time")
            }
            if deadline < earliest {
                binding = "already past its rule in \(from), before any change can be in force (lead time "
                    + "\(NumberFormat.exact(space.defaultLeadTimeDays)) days: \(date(earliest)) at the earliest)"
                    + (deadlineFrom(outlook, earliest) == nil ? "" : ", and later " + binding)
                if deadlineFrom(outlook, earliest) == nil {
                    wouldHold = "acting before \(from) (a shorter lead time)"
                    onlyEarly = true
                }
            }
            result.append(Shortfall(resource: resource, deadline: deadline, failsIn: crossings.risk, binding: binding,
                                    wouldHold: wouldHold + " — outside the model's options", onlyBeforeFirstChange: onlyEarly))
        }
        return result.sorted { $0.deadline < $1.deadline }
    }

    private func deadlineFrom(_ outlook: ResourceOutlook, _ month: Int) -> Int? {
        month <= months ? outlook.crossings(confidence: confidence, risk: model.thresholds.risk, from: month).deadline : nil
    }

    /// Up to the next 1,000 MB.
    private func roundedUp(_ mb: Double) -> Double { (mb / 1000).rounded(.up) * 1000 }
}
