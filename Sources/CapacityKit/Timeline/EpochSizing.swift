/// Limits and pool sizes for one epoch of a plan (the months between two
/// changes), right-sized to what the epoch's months need, and whether they fit
/// together:
///
///     Σ limits ≤ usable memory per node (memory_mb − reserved_mb)      unless scaling.allow_overcommit;
///                                                                       a model that starts overcommitted keeps its own Σ
///     Σ server connections of the pools on one server ≤ max_connections − reserved_connections
///
/// A pool's server connections are size × instances_per_node × nodes, or with a
/// PgBouncer its `pool_size` (then size × instances × nodes ≤ its `max_client_conn`);
/// a pool that follows a worker pool has one instance per process of it at the epoch's
/// per_node. A service or pool that the model's `limit`/`pool` options name takes the
/// cheapest of their values (and its current one) that holds; any other is sized to its
/// need (proposed). The worker pools' per_node is chosen first
/// (``ScalingPlanner/computeSizing(first:through:state:floor:)``): the limits' needs include
/// the memory of its added workers.
struct EpochSizing: Sendable, Equatable {
    /// Why a worker pool's per_node stops short of what its SLO needs.
    enum WorkersBound: Sendable, Equatable {
        /// The workers options in force allow no more (the largest of their per_node).
        case options
        /// More workers would not fit the node: the host's memory, or the limits together.
        case memory
        /// More processes would open more connections than this pool's server (or PgBouncer) accepts.
        case connections(pool: String)
    }

    /// Per service (model order): the limit, MB, nil for services without one.
    var limitsMB: [Double?]
    /// Per pool: size per app process, and PgBouncer server connections when it has one.
    var poolSizes: [Int]
    var bouncerPoolSizes: [Int?]
    /// Names of the `limit`/`pool` options whose values are used, and their monthly cost.
    var options: [String]
    var optionCosts: Double
    /// The limits fit the node (or overcommit is allowed).
    var limitsFit: Bool
    /// Per pool: its server takes all its pools' connections and its PgBouncer its clients.
    var poolsFit: [Bool]
    /// Per service / pool: the value reaches the need (false only where the model's options cannot).
    var limitsReachNeed: [Bool]
    var poolsReachNeed: [Bool]
    /// Per worker pool (model order): workers per node, the rate within its SLO they carry (rps per
    /// node), whether that reaches its need, and why not.
    var workersPerNode: [Int]
    var workerRatesPerNode: [Double]
    var workersReachNeed: [Bool]
    var workerBounds: [WorkersBound?]
    /// Per service (model order): the memory its added workers cost per node, MB.
    var addedMemoryMB: [Double]

    var fits: Bool { limitsFit && poolsFit.allSatisfy { $0 } }
}

extension EpochSizing {
    /// The sizing that meets `limitNeeds` (MB per service, nil without a limit) and `poolNeeds`
    /// (server connections per pool) in `capacity` (node size and count, servers, PgBouncers and the
    /// worker pools' per_node set; every worker pool taken as reaching its need), choosing among
    /// `choices` (the model's options for each service and pool).
    init(limitNeeds: [Double?], poolNeeds: [Int], capacity: InstalledCapacity, model: Model, limitCapMB: Double,
         choices: Choices) {
        var names: [String] = [], costs = 0.0
        var limits: [Double?] = [], reachLimits: [Bool] = []
        for (s, service) in model.services.enumerated() {
            guard let need = limitNeeds[s] else {
                limits.append(service.limitMB)
                reachLimits.append(true)
                continue
            }
            let named = choices.limits[s]
            if named.isEmpty {
                limits.append(need.rounded(.up))
                reachLimits.append(true)
                continue
            }
            // The model's options for it, and its current limit (free).
            let candidates = [(name: String?.none, value: service.limitMB ?? need, cost: 0.0)] + named.map { option in
                switch option.limit ?? .auto {
                case .megabytes(let value): (name: Optional(option.name), value: value, cost: option.costPerMonth)
                case .auto: (name: Optional(option.name), value: need.rounded(.up), cost: option.costPerMonth)
                }
            }
            let holding = candidates.filter { $0.value >= need }
            let chosen = holding.min { ($0.cost, $0.value) < ($1.cost, $1.value) } ?? candidates.max { $0.value < $1.value }!
            limits.append(chosen.value)
            reachLimits.append(chosen.value >= need)
            if let name = chosen.name { names.append(name); costs += chosen.cost }
        }
        var sizes: [Int] = [], bouncers: [Int?] = [], reachPools: [Bool] = []
        let instances = model.poolInstances(workersPerNode: capacity.workersPerNode)
        for (k, pool) in model.pools.enumerated() {
            let need = poolNeeds[k], processes = instances[k] * capacity.nodes
            let bouncerCap = capacity.bouncerPoolSizes[k]
            let wanted = max(1, (need + processes - 1) / processes)
            let named = choices.pools[k]
            var size = wanted, reaches = true
            if !named.isEmpty {
                let candidates = [(name: String?.none, size: pool.size, cost: 0.0)]
                    + named.map { (name: Optional($0.name), size: $0.size ?? wanted, cost: $0.costPerMonth) }
                let holding = candidates.filter { $0.size >= wanted }
                let chosen = holding.min { ($0.cost, $0.size) < ($1.cost, $1.size) } ?? candidates.max { $0.size < $1.size }!
                size = chosen.size
                reaches = chosen.size >= wanted
                if let name = chosen.name { names.append(name); costs += chosen.cost }
            }
            sizes.append(size)
            if let cap = bouncerCap {
                bouncers.append(min(need, cap))
                reachPools.append(reaches && need <= cap)
            } else {
                bouncers.append(nil)
                reachPools.append(reaches)
            }
        }
        var configured = capacity
        configured.poolSizes = sizes
        configured.bouncerPoolSizes = bouncers
        let budget = ConnectionBudget(configured.pools(of: model), nodes: capacity.nodes)
        limitsMB = limits
        poolSizes = sizes
        bouncerPoolSizes = bouncers
        self.options = names
        optionCosts = costs
        limitsFit = Self.limitsFit(limits, capMB: limitCapMB)
        poolsFit = budget.pools.map { entry in
            !entry.isBroken && !(budget.servers.first { $0.name == entry.server }?.isBroken ?? false)
        }
        limitsReachNeed = reachLimits
        poolsReachNeed = reachPools
        workersPerNode = capacity.workersPerNode
        workerRatesPerNode = capacity.workerRatesPerNode
        workersReachNeed = Array(repeating: true, count: model.workers.count)
        workerBounds = Array(repeating: nil, count: model.workers.count)
        addedMemoryMB = model.workerMemoryMB(workersPerNode: capacity.workersPerNode)
    }

    /// The model's `limit` options for each service and `pool` options for each pool (model order),
    /// found once for all the sizings of a plan.
    struct Choices: Sendable {
        var limits: [[Model.ScalingOption]]
        var pools: [[Model.ScalingOption]]

        init(_ model: Model) {
            let options = model.scaling?.options ?? []
            limits = model.services.map { service in options.filter { $0.kind == .limit && $0.service == service.name } }
            pools = model.pools.map { pool in options.filter { $0.kind == .pool && $0.pool == pool.name } }
        }
    }

    /// Whether `limits` (MB, nil for services without one) fit under `capMB` together (``limitCapMB(nodeMemoryMB:model:)``).
    static func limitsFit(_ limits: [Double?], capMB: Double) -> Bool {
        limits.compactMap { $0 }.reduce(0, +) <= capMB
    }

    /// The largest Σ limits a node of `capacity`'s size takes: its usable memory, or the model's own Σ
    /// when the model starts overcommitted (the plan never makes it worse); unbounded with `allow_overcommit`.
    static func limitCapMB(nodeMemoryMB: Double, model: Model) -> Double {
        if model.scaling?.allowOvercommit == true { return .infinity }
        return max(nodeMemoryMB - model.host.reservedMB, model.services.compactMap(\.limitMB).reduce(0, +))
    }

    /// This sizing in `capacity`, keeping each value of `previous` that still holds (a limit or pool
    /// size at least the one wanted, while everything still fits): nothing changes that need not.
    func settled(keeping previous: InstalledCapacity, in capacity: InstalledCapacity, model: Model) -> InstalledCapacity {
        var next = capacity
        next.limitsMB = limitsMB
        next.poolSizes = poolSizes
        next.bouncerPoolSizes = bouncerPoolSizes
        next.workersPerNode = workersPerNode
        next.workerRatesPerNode = workerRatesPerNode
        next.optionCosts += optionCosts
        let cap = Self.limitCapMB(nodeMemoryMB: capacity.nodeMemoryMB, model: model)
        for s in model.services.indices {
            guard let kept = previous.limitsMB[s], let wanted = limitsMB[s], kept > wanted else { continue }
            var trial = next
            trial.limitsMB[s] = kept
            if Self.limitsFit(trial.limitsMB, capMB: cap) { next = trial }
        }
        for k in model.pools.indices where previous.poolSizes[k] > poolSizes[k] {
            var trial = next
            trial.poolSizes[k] = previous.poolSizes[k]
            if let bouncer = previous.bouncerPoolSizes[k], let wanted = bouncerPoolSizes[k], bouncer > wanted {
                trial.bouncerPoolSizes[k] = min(bouncer, capacity.bouncerPoolSizes[k] ?? bouncer)
            }
            let budget = ConnectionBudget(trial.pools(of: model), nodes: trial.nodes)
            if !budget.pools.contains(where: \.isBroken) && !budget.servers.contains(where: \.isBroken) { next = trial }
        }
        return next
    }
}
