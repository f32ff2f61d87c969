/// What the planner may choose among: the node sizes (the model's host and its
/// `vertical` options, smallest first), the node counts (up to the `horizontal`
/// option's `max_nodes`), the `connections` options and the `workers` options;
/// an infrastructure state is one of each (``State``), and a plan only ever moves
/// up: no smaller node, no fewer nodes, no option taken back. A workers option in
/// force lets the epochs' sizing raise its pool's per_node up to the option's
/// (``workerCaps(_:)``), as a PgBouncer option's pool_size is sized up to its own.
///
/// A change is in force from the first month that starts on or after today plus
/// its lead time (``arrival(leadTimeDays:)``).
struct PlanSpace: Sendable {
    /// A node size.
    struct Tier: Sendable, Equatable {
        /// The option's name; nil for the model's own host.
        var option: String?
        var memoryMB: Double
        var pricePerNode: Double
        var leadTimeDays: Double
    }

    /// One infrastructure state.
    struct State: Hashable, Sendable {
        var tier: Int
        var nodes: Int
        /// Bit c: connection option c is in force.
        var connections: Int
        /// Bit o: workers option o is in force.
        var workers: Int = 0

        /// Whether `other` is reachable from this state: nothing goes down or is taken back.
        func precedes(_ other: State) -> Bool {
            other.tier >= tier && other.nodes >= nodes && other.connections & connections == connections
                && other.workers & workers == workers
        }
    }

    let model: Model
    let tiers: [Tier]
    /// Vertical options that are no larger than the host: never a move up.
    let smallerTiers: [String]
    let nodeCounts: ClosedRange<Int>
    /// The horizontal option, if any.
    let horizontal: Model.ScalingOption?
    let connectionOptions: [Model.ScalingOption]
    /// The `workers` options, in the model's order.
    let workerOptions: [Model.ScalingOption]
    let states: [State]
    /// The model's own capacity (``InstalledCapacity/init(_:)``, solved once: its worker rates take bisections).
    let base: InstalledCapacity
    let months: Int
    /// Month m (1-based) in which a change ordered today with lead time d is in force: the first
    /// month starting on or after today + ⌈d⌉ days; nil beyond the horizon.
    private let start: YearMonth
    private let today: CalendarDay
    let defaultLeadTimeDays: Double

    init(_ model: Model, months: Int, today: CalendarDay) {
        self.model = model
        self.months = months
        start = model.start
        self.today = today
        let scaling = model.scaling
        defaultLeadTimeDays = scaling?.leadTimeDays ?? 0
        let options = scaling?.options ?? []
        let host = Tier(option: nil, memoryMB: model.host.memoryMB, pricePerNode: model.host.costPerMonth, leadTimeDays: 0)
        let vertical = options.filter { $0.kind == .vertical }
        tiers = [host] + vertical.filter { $0.memoryMB > host.memoryMB }
            .map { Tier(option: $0.name, memoryMB: $0.memoryMB, pricePerNode: $0.costPerMonth,
                        leadTimeDays: $0.leadTimeDays ?? scaling?.leadTimeDays ?? 0) }
            .sorted { ($0.memoryMB, $0.pricePerNode) < ($1.memoryMB, $1.pricePerNode) }
        smallerTiers = vertical.filter { $0.memoryMB <= host.memoryMB }.map(\.name)
        horizontal = options.first { $0.kind == .horizontal }
        nodeCounts = model.host.nodes...max(model.host.nodes, horizontal?.maxNodes ?? model.host.nodes)
        connectionOptions = options.filter { $0.kind == .connections }
        workerOptions = options.filter { $0.kind == .workers }
        var states: [State] = []
        for tier in tiers.indices {
            for nodes in nodeCounts {
                for mask in 0..<(1 << connectionOptions.count) {
                    for workers in 0..<(1 << workerOptions.count) {
                        states.append(State(tier: tier, nodes: nodes, connections: mask, workers: workers))
                    }
                }
            }
        }
        self.states = states
        base = InstalledCapacity(model)
    }

    /// The model's own state.
    var initial: State { State(tier: 0, nodes: model.host.nodes, connections: 0) }

    /// Cost per month of the infrastructure of `state` (nodes, connection and workers options).
    func cost(_ state: State) -> Double {
        Double(state.nodes) * tiers[state.tier].pricePerNode
            + connectionOptions.indices.filter { state.connections & (1 << $0) != 0 }.map { connectionOptions[$0].costPerMonth }.reduce(0, +)
            + workerOptions.indices.filter { state.workers & (1 << $0) != 0 }.map { workerOptions[$0].costPerMonth }.reduce(0, +)
    }

    /// The most workers per node of each worker pool (model order) in `state`: its own per_node, or
    /// the largest `per_node` of its workers options in force.
    func workerCaps(_ state: State) -> [Int] {
        model.workers.map { worker in
            workerOptions.indices.filter { state.workers & (1 << $0) != 0 && workerOptions[$0].worker == worker.name }
                .compactMap { workerOptions[$0].perNode }.reduce(worker.perNode, max)
        }
    }

    func arrival(leadTimeDays: Double) -> Int? {
        let ready = today.adding(days: Int(leadTimeDays.rounded(.up)))
        return (1...months).first { CalendarDay(firstOf: start.adding(months: $0 - 1)) >= ready }
    }

    func lead(_ option: Model.ScalingOption) -> Double { option.leadTimeDays ?? defaultLeadTimeDays }

    /// Lead times (days) of what changes from `a` to `b`: the new tier, more nodes, each new connection and workers option.
    func leadTimes(from a: State, to b: State) -> [Double] {
        var leads: [Double] = []
        if b.tier != a.tier { leads.append(tiers[b.tier].leadTimeDays) }
        if b.nodes != a.nodes, let horizontal { leads.append(lead(horizontal)) }
        for c in connectionOptions.indices where b.connections & (1 << c) != 0 && a.connections & (1 << c) == 0 {
            leads.append(lead(connectionOptions[c]))
        }
        for o in workerOptions.indices where b.workers & (1 << o) != 0 && a.workers & (1 << o) == 0 {
            leads.append(lead(workerOptions[o]))
        }
        return leads
    }

    /// The number of changes from `a` to `b`: a new size, more nodes, each new connection and workers option.
    func changeCount(from a: State, to b: State) -> Int {
        (a.tier != b.tier ? 1 : 0) + (a.nodes != b.nodes ? 1 : 0) + (b.connections & ~a.connections).nonzeroBitCount
            + (b.workers & ~a.workers).nonzeroBitCount
    }

    /// The capacity of `state` before limits, pool sizes and workers are set: node size and count, the
    /// servers' `max_connections` and PgBouncers of its connection options, its workers options, their costs.
    func capacity(_ state: State, from base: InstalledCapacity) -> InstalledCapacity {
        var capacity = base
        let tier = tiers[state.tier]
        capacity.tier = state.tier
        capacity.nodeMemoryMB = tier.memoryMB
        capacity.pricePerNode = tier.pricePerNode
        capacity.nodes = state.nodes
        capacity.connectionOptions = Set(connectionOptions.indices.filter { state.connections & (1 << $0) != 0 })
        capacity.optionCosts = capacity.connectionOptions.map { connectionOptions[$0].costPerMonth }.reduce(0, +)
        capacity.workerOptions = Set(workerOptions.indices.filter { state.workers & (1 << $0) != 0 })
        capacity.optionCosts += capacity.workerOptions.sorted().map { workerOptions[$0].costPerMonth }.reduce(0, +)
        // Servers' max_connections first, then PgBouncers, whose server connections (`pool_size`, the
        // plan right-sizes them) are at most the option's and what the server accepts.
        for c in capacity.connectionOptions.sorted() {
            let option = connectionOptions[c]
            for (k, pool) in model.pools.enumerated() {
                if let server = option.server, let raised = option.maxConnections, pool.serverName == server {
                    capacity.maxConnections[k] = max(capacity.maxConnections[k], raised)
                }
            }
        }
        for (k, pool) in model.pools.enumerated() {
            let accepted = capacity.maxConnections[k] - pool.reservedConnections
            if let own = pool.pgbouncer {
                capacity.bouncerPoolSizes[k] = max(own.poolSize, accepted)
            } else if let option = capacity.connectionOptions.sorted().map({ connectionOptions[$0] })
                .first(where: { $0.pool == pool.name && $0.pgbouncer != nil }), let bouncer = option.pgbouncer {
                capacity.bouncerPoolSizes[k] = min(bouncer.poolSize, accepted)
                capacity.bouncerClientLimits[k] = bouncer.maxClientConnections
            }
        }
        return capacity
    }
}
