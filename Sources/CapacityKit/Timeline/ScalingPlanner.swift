/// The exact search behind the plan: the cheapest schedule of infrastructure
/// states over the horizon, with limits and pool sizes right-sized per epoch.
///
/// A schedule is a sequence of epochs [a, b] (1-based months), each in one state
/// of ``PlanSpace`` with one ``EpochSizing``. Its score, compared in order:
///
///     1. failing resource-months: a month counts once for the host when its usable memory is below the
///        host's need (with the memory of the epoch's added workers), once per worker pool (or its CPU)
///        short of its need on the state's nodes at the epoch's per_node, once for the containers when
///        their limits do not fit the node (or an option cannot reach a need), once per server whose
///        pools' connections do not fit (or per pool short of its need);
///     2. total cost over the horizon (Σ monthly cost) — with `fewest-changes`, 2 and 3 swap;
///     3. changes: a new node size, more nodes, each connection option, each re-sizing without them.
///
/// A workers option is part of the state (as a connections option is); the epoch's sizing
/// right-sizes its pool's per_node up to it: the fewest workers meeting the need, never so
/// many that the node's memory or a server's connections would break where they held without
/// them (``computeSizing(first:through:state:floor:)``).
///
/// Rules: states only move up (``PlanSpace/State/precedes(_:)``); a change is in force no earlier than
/// its lead times allow, counted from today (re-sizing takes `scaling.lead_time_days`); an epoch's
/// limits and pool sizes are sized for its months and at least one review cycle (R months, when that
/// still fits; else for its own months), and an epoch that ends without an infrastructure change lasts
/// at least R months — so no limit changes twice within a cycle unless its node changes. The first
/// epoch keeps the model's own limits and pool sizes.
///
/// Dynamic programming over (first month of an epoch, state): best(a, s) = min over b of the epoch's
/// score + the best continuation from b + 1. O(M² · S) epoch evaluations and O(M · S²) transitions.
struct ScalingPlanner: Sendable {
    struct Score: Sendable, Comparable {
        var failing: Int
        var cost: Double
        var changes: Int
        /// Σ over changes of the months left after them: among equals, changes come as late as they can.
        var earliness: Int = 0
        var fewestChanges: Bool

        static func + (a: Score, b: Score) -> Score {
            Score(failing: a.failing + b.failing, cost: a.cost + b.cost, changes: a.changes + b.changes,
                  earliness: a.earliness + b.earliness, fewestChanges: a.fewestChanges)
        }

        static func < (a: Score, b: Score) -> Bool {
            a.fewestChanges ? (a.failing, a.changes, a.cost, a.earliness) < (b.failing, b.changes, b.cost, b.earliness)
                            : (a.failing, a.cost, a.changes, a.earliness) < (b.failing, b.cost, b.changes, b.earliness)
        }

        static func == (a: Score, b: Score) -> Bool {
            a.failing == b.failing && a.cost == b.cost && a.changes == b.changes && a.earliness == b.earliness
        }
    }

    /// One epoch of the chosen schedule.
    struct Epoch: Sendable {
        /// 1-based months, inclusive.
        var first: Int
        var last: Int
        var state: PlanSpace.State
        /// nil for the first epoch (the model's own limits and pool sizes).
        var sizing: EpochSizing?
        /// The months the limits and pool sizes were sized through.
        var sizedThrough: Int
    }

    let space: PlanSpace
    let needs: CapacityNeeds
    let reviewMonths: Int
    let fewestChanges: Bool
    /// The worker pools' rates within their SLO per per_node, each solved once.
    let rates: WorkerRates
    /// The model's options for each service and pool, which every sizing chooses among.
    let choices: EpochSizing.Choices
    /// Each state's capacity before sizing (``capacity(_:)``), computed once.
    private let capacities: [PlanSpace.State: InstalledCapacity]
    /// Each epoch's sizing is computed once: the search asks for the same ones again and again.
    private let cache = SizingCache()

    init(space: PlanSpace, needs: CapacityNeeds, reviewMonths: Int, fewestChanges: Bool) {
        self.space = space
        self.needs = needs
        self.reviewMonths = reviewMonths
        self.fewestChanges = fewestChanges
        rates = WorkerRates(space.model)
        choices = EpochSizing.Choices(space.model)
        capacities = Dictionary(uniqueKeysWithValues: space.states.map { ($0, space.capacity($0, from: space.base)) })
    }

    /// The chosen epochs, in order, and the schedule's score.
    func plan() -> (epochs: [Epoch], score: Score) {
        let months = space.months, states = space.states
        let index = Dictionary(uniqueKeysWithValues: states.enumerated().map { ($1, $0) })
        let zero = Score(failing: 0, cost: 0, changes: 0, fewestChanges: fewestChanges)
        let resizeArrival = space.arrival(leadTimeDays: space.defaultLeadTimeDays) ?? months + 1
        // Earliest month each transition can be in force (nil: beyond the horizon).
        let arrival: [[Int?]] = states.map { a in
            states.map { b in
                guard a.precedes(b), a != b else { return nil }
                let lead = space.leadTimes(from: a, to: b).max() ?? 0
                return space.arrival(leadTimeDays: lead).map { max($0, resizeArrival) }
            }
        }
        // best[a][s]: the best schedule of months a…M whose first epoch (not the model's own) starts at a in s.
        var best = Array(repeating: [Score?](repeating: nil, count: states.count), count: months + 2)
        var choice = Array(repeating: [(last: Int, next: Int?)?](repeating: nil, count: states.count), count: months + 2)

        /// The best move at month t from state s to another state (best[t] is final when asked: t > a),
        /// computed once per (t, s): O(M · S²) in all.
        var moves = Array(repeating: [(Score, Int)??](repeating: nil, count: states.count), count: months + 2)
        func move(at t: Int, from s: Int) -> (Score, Int)? {
            if let known = moves[t][s] { return known }
            var result: (Score, Int)?
            for s2 in states.indices where s2 != s {
                guard let score = best[t][s2], let earliest = arrival[s][s2], t >= earliest else { continue }
                let count = space.changeCount(from: states[s], to: states[s2]) + 1
                let total = score + Score(failing: 0, cost: 0, changes: count, earliness: count * (months - t + 1),
                                          fewestChanges: fewestChanges)
                if result == nil || total < result!.0 { result = (total, s2) }
            }
            moves[t][s] = .some(result)
            return result
        }

        /// The best continuation at month t from state s: another state, or the same one re-sized.
        func continuation(at t: Int, from s: Int, resizeAllowed: Bool) -> (Score, Int)? {
            var result = move(at: t, from: s)
            if resizeAllowed, t >= resizeArrival, let score = best[t][s] {
                let total = score + Score(failing: 0, cost: 0, changes: 1, earliness: months - t + 1, fewestChanges: fewestChanges)
                if result == nil || total < result!.0 { result = (total, s) }
            }
            return result
        }

        for a in stride(from: months, through: 1, by: -1) {
            for (s, state) in states.enumerated() {
                var bestHere: (Score, Int, Int?)?
                for (b, epoch) in epochScores(first: a, state: state).enumerated() {
                    let last = a + b
                    var total = epoch.score
                    var next: Int?
                    if last < months {
                        guard let cont = continuation(at: last + 1, from: s, resizeAllowed: last - a + 1 >= reviewMonths) else { continue }
                        total = total + cont.0
                        next = cont.1
                    }
                    if bestHere == nil || total < bestHere!.0 { bestHere = (total, last, next) }
                }
                if let bestHere {
                    best[a][s] = bestHere.0
                    choice[a][s] = (bestHere.1, bestHere.2)
                }
            }
        }

        // The first epoch: the model as it is, from month 1.
        let s0 = index[space.initial]!
        let initialScores = initialEpochScores()
        var start: (Score, Int, Int?)?
        for (b, score) in initialScores.enumerated() {
            let last = 1 + b
            var total = score
            var next: Int?
            if last < months {
                guard let cont = continuation(at: last + 1, from: s0, resizeAllowed: true) else { continue }
                total = total + cont.0
                next = cont.1
            }
            if start == nil || total < start!.0 { start = (total, last, next) }
        }
        // A change ordered today may be in force in month 1 already (today well before it).
        var startsChanged = false
        if let cont = continuation(at: 1, from: s0, resizeAllowed: true), start == nil || cont.0 < start!.0 {
            start = (cont.0, 0, cont.1)
            startsChanged = true
        }
        // The model as it is through the horizon is always a candidate (b = M − 1 above).
        let (score, firstLast, firstNext) = start ?? (zero, months, nil)
        var epochs = startsChanged ? [] : [Epoch(first: 1, last: firstLast, state: space.initial, sizing: nil, sizedThrough: firstLast)]
        var cursor = (month: firstLast + 1, state: firstNext)
        while cursor.month <= months, let s = cursor.state, let chosen = choice[cursor.month][s] {
            let sized = sizing(first: cursor.month, last: chosen.last, state: states[s])
            epochs.append(Epoch(first: cursor.month, last: chosen.last, state: states[s], sizing: sized.sizing, sizedThrough: sized.through))
            cursor = (chosen.last + 1, chosen.next)
        }
        return (epochs, score)
    }

    /// Forgets the sizings computed so far (a later call computes them again): a planner kept after its
    /// search holds no more than its needs.
    func forgetSizings() {
        cache.sizings = [:]
    }

    /// The model's own capacity in `state` (node size and count, connection and workers options), before sizing.
    func capacity(_ state: PlanSpace.State) -> InstalledCapacity {
        capacities[state] ?? space.capacity(state, from: space.base)
    }

    /// The sizing of epoch [first, last] in `state`: for its months and a review cycle when that
    /// fits, else for its own months; and the month it holds through.
    func sizing(first: Int, last: Int, state: PlanSpace.State) -> (sizing: EpochSizing, through: Int) {
        let extended = min(space.months, max(last, first + reviewMonths - 1))
        let long = sizing(first: first, through: extended, state: state)
        if long.fits || extended == last { return (long, extended) }
        let short = sizing(first: first, through: last, state: state)
        return short.fits ? (short, last) : (long, extended)
    }

    /// The sizing of epoch months [first, last] in `state`, its worker pools at `floor` workers per node at
    /// least (nil: their own per_node), computed once.
    func sizing(first: Int, through last: Int, state: PlanSpace.State, floor: [Int]? = nil) -> EpochSizing {
        let key = SizingCache.Key(first: first, through: last, state: state, floor: floor)
        if let known = cache.sizings[key] { return known }
        var sized: EpochSizing
        if state.tier > 0, !placesWorkers(in: state, floor: floor) {
            // No workers to place: the node size decides only whether the limits fit together
            // (``EpochSizing/limitCapMB(nodeMemoryMB:model:)``), so the smallest size's sizing serves.
            var smallest = state
            smallest.tier = 0
            sized = sizing(first: first, through: last, state: smallest)
            sized.limitsFit = EpochSizing.limitsFit(sized.limitsMB, capMB: EpochSizing.limitCapMB(
                nodeMemoryMB: space.tiers[state.tier].memoryMB, model: space.model))
        } else {
            sized = computeSizing(first: first, through: last, state: state, floor: floor)
        }
        cache.sizings[key] = sized
        return sized
    }

    /// The scores of epochs [first, first + b] in `state` for b = 0, 1, …, up to the horizon.
    private func epochScores(first: Int, state: PlanSpace.State) -> [(score: Score, fits: Bool)] {
        let months = space.months, cost = space.cost(state)
        var scores: [(score: Score, fits: Bool)] = []
        for last in first...months {
            let sized = sizing(first: first, last: last, state: state).sizing
            let failing = failingMonths(first: first, last: last, state: state, sizing: sized)
            scores.append((Score(failing: failing, cost: Double(last - first + 1) * (cost + sized.optionCosts), changes: 0,
                                 fewestChanges: fewestChanges), sized.fits))
        }
        return scores
    }

    /// The scores of the model's own epoch [1, 1 + b]: its limits and pools as they are, month by month.
    private func initialEpochScores() -> [Score] {
        let model = space.model, state = space.initial, table = needs.table(nodes: state.nodes)
        let capacity = capacity(state), usable = model.host.usableMB
        let connections = capacity.pools(of: model).map { $0.connectionCapacity(nodes: state.nodes) }
        var scores: [Score] = [], failing = 0
        for m in 0..<space.months {
            if table.host[m] > usable { failing += 1 }
            failing += needs.failingWorkers(nodes: state.nodes, month: m).count
            for (s, service) in model.services.enumerated() {
                if let limit = service.limitMB, let need = table.limits[s]?[m], need > limit { failing += 1 }
            }
            for k in model.pools.indices where table.pools[k][m] > connections[k] { failing += 1 }
            scores.append(Score(failing: failing, cost: Double(m + 1) * capacity.costPerMonth, changes: 0, fewestChanges: fewestChanges))
        }
        return scores
    }
}

/// The sizings an ``ScalingPlanner`` has computed, by epoch and state. A planner is used by one thread.
private final class SizingCache: @unchecked Sendable {
    struct Key: Hashable {
        var first: Int
        var through: Int
        var state: PlanSpace.State
        var floor: [Int]?
    }

    var sizings: [Key: EpochSizing] = [:]
}
