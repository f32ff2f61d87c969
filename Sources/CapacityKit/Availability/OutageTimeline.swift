/// One path of the outage simulation: every replica of every critical
/// component alternating up and down over `years` continuous years, their
/// events merged in time order, the system's outages cut into calendar years.
///
/// A k-of-n component is down while fewer than k replicas are up or while one
/// of its active replicas is down after a failed switch-over; the system is
/// down while any critical component is. Cost: O(R + E) for E replica events
/// and up to ``EventQueue/scanLimit`` replicas, O(R + E log R) beyond,
/// independent of the time resolution (no stepping).
///
/// Replica r of the component at model index c draws from the stream
/// (seed, path, c · 2³² + r), laid out as ``SimulatedReplica`` says, so a path's
/// outcome depends on nothing else. Its cycles (an up time and a repair) are
/// drawn in vectorised batches when first needed and held per replica in a
/// reused ``Workspace``; the event loop itself does no arithmetic beyond adding
/// a drawn duration and updating counts, and allocates nothing.
struct OutageTimeline: Sendable {
    /// One simulated year of one path.
    struct YearOutcome: Sendable, Equatable {
        /// Minutes the system was down within the year.
        var downtimeMinutes = 0.0
        /// Stretches of system downtime within the year: outages that began in
        /// it, plus one already running at its start (an outage over New Year
        /// counts in both years).
        var incidents = 0
        /// The longest of those stretches, minutes (0 without any).
        var longestOutageMinutes = 0.0
    }

    static let yearMinutes = Downtime.Period.year.minutes

    let components: [OutageSimulation.ComponentProcess]
    /// Lifecycles: component i's active replicas at 2i, its standbys at 2i + 1.
    private let lifecycles: [SimulatedReplica.Lifecycle]
    /// Every simulated replica, component by component.
    private let replicas: [Replica]
    /// Replicas each component needs up (k of k-of-n).
    private let required: [Int]
    /// Slots of drawn cycles all replicas hold together.
    private let bufferSlots: Int
    let seed: UInt64
    let years: Int

    /// What a replica draws from and where its drawn cycles go.
    private struct Replica {
        let component: Int
        /// The low 64 bits of its stream id: model index · 2³² + replica index.
        let stream: UInt64
        /// Index in ``OutageTimeline/lifecycles``.
        let lifecycle: Int
        /// Its first slot in the buffers of drawn cycles, and how many it has (even, 2 … 64).
        let slot: Int
        let capacity: Int
    }

    /// The most cycles drawn ahead per replica, and the most slots all replicas of a path hold.
    static let maximumBatch = 64
    static let maximumBufferSlots = 1 << 18

    init(components: [OutageSimulation.ComponentProcess], seed: UInt64, years: Int) {
        self.components = components
        lifecycles = components.flatMap {
            [SimulatedReplica.Lifecycle($0, active: true), SimulatedReplica.Lifecycle($0, active: false)]
        }
        required = components.map(\.required)
        self.seed = seed
        self.years = years

        // Capacities: a batch for the whole path (at most 64 cycles), and fewer when the replicas
        // are so many that their buffers would pass 2¹⁸ slots (4.5 MB per worker).
        let horizon = Double(years) * Self.yearMinutes
        var batches = lifecycles.enumerated().map { index, lifecycle in
            Self.batch(expectedCycles: horizon / lifecycle.meanCycleMinutes, limit: Self.maximumBatch)
        }
        let slots = components.indices.reduce(0) { sum, index in
            sum + components[index].required * batches[2 * index]
                + (components[index].replicas - components[index].required) * batches[2 * index + 1]
        }
        if slots > Self.maximumBufferSlots {
            let share = Double(Self.maximumBufferSlots) / Double(slots)
            batches = batches.map { max(2, Int(Double($0) * share) / 2 * 2) }
        }
        var replicas: [Replica] = []
        var slot = 0
        for (index, component) in components.enumerated() {
            for replica in 0..<component.replicas {
                let lifecycle = 2 * index + (replica < component.required ? 0 : 1)
                replicas.append(Replica(component: index, stream: UInt64(component.modelIndex) << 32 | UInt64(replica),
                                        lifecycle: lifecycle, slot: slot, capacity: batches[lifecycle]))
                slot += batches[lifecycle]
            }
        }
        self.replicas = replicas
        bufferSlots = slot
    }

    /// Cycles to draw in one batch: the expected count, a quarter more and a pair,
    /// so that one batch usually lasts to the horizon, rounded up to a multiple of
    /// 16 (eight pairs: whole vectors of the batch loop, whose remainder runs
    /// scalar), at most `limit` (even) and at least 2.
    private static func batch(expectedCycles: Double, limit: Int) -> Int {
        let wanted = Int(min(expectedCycles * 1.25 + 2, Double(limit)).rounded(.up))   // expectedCycles ≥ 0
        return max(2, min((wanted + 15) / 16 * 16, limit))
    }

    /// Simulates path `path` and appends its `years` outcomes to `outcomes`,
    /// year 1 first, reusing `workspace`'s storage.
    ///
    /// Per event: the earliest replica (``EventQueue``) changes state, takes its
    /// next duration from its drawn cycles (drawing the next batch when they run
    /// out), and its component's counts decide whether the system went down or
    /// came back up.
    func simulate(path: Int, into outcomes: inout [YearOutcome], workspace: inout Workspace) {
        let base = outcomes.count
        outcomes.append(contentsOf: repeatElement(YearOutcome(), count: years))
        prepare(&workspace)
        var queue = workspace.queue
        workspace.queue = EventQueue()
        defer { workspace.queue = queue }
        workspace.states.withUnsafeMutableBufferPointer { states in
            workspace.upMinutes.withUnsafeMutableBufferPointer { up in
                workspace.repairMinutes.withUnsafeMutableBufferPointer { repair in
                    workspace.switchOverFailed.withUnsafeMutableBufferPointer { failed in
                        workspace.upReplicas.withUnsafeMutableBufferPointer { upReplicas in
                            workspace.failedSwitchOvers.withUnsafeMutableBufferPointer { failedSwitchOvers in
                                let storage = Workspace.Storage(states: states, upMinutes: up, repairMinutes: repair,
                                                      switchOverFailed: failed, upReplicas: upReplicas,
                                                      failedSwitchOvers: failedSwitchOvers)
                                run(path: path, storage, &queue, into: &outcomes, base: base)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The event loop of one path (see ``simulate(path:into:workspace:)``).
    private func run(path: Int, _ storage: Workspace.Storage, _ queue: inout EventQueue, into outcomes: inout [YearOutcome],
                     base: Int) {
        let horizon = Double(years) * Self.yearMinutes
        queue.reset(count: replicas.count)
        for (index, replica) in replicas.enumerated() {
            let lifecycle = lifecycles[replica.lifecycle]
            let stream = StreamKey(seed: seed, path: UInt64(path), stream: replica.stream)
            let start = SimulatedReplica.start(lifecycle, stream: stream)
            let state = ReplicaState(isUp: start.isUp, switchOverFailed: start.switchOverFailed,
                                     cycle: start.isUp ? 0 : -1)
            if state.isUp { storage.upReplicas[replica.component] += 1 }
            if state.switchOverFailed { storage.failedSwitchOvers[replica.component] += 1 }
            storage.states[index] = state
            // Cycles are drawn when first needed: a replica that does not fail on this path draws none.
            queue.setLeaf(index, start.firstTransition ?? .infinity)
        }
        queue.rebuild()

        var componentsDown = components.indices.count { storage.isDown($0, required: required[$0]) }
        var outageStart = componentsDown > 0 ? 0 : Double.nan
        // Components are never empty (≥ 1 replica each), but a system may have no critical component.
        if !replicas.isEmpty { queue.withView { queue in replicas.withUnsafeBufferPointer { replicas in
            required.withUnsafeBufferPointer { required in
                while case let (index, time) = queue.first(), time < horizon {
                    let replica = replicas[index]
                    let component = replica.component
                    let wasDown = storage.isDown(component, required: required[component])
                    var state = storage.states[index]
                    let next: Double
                    if state.isUp {
                        // Fails: the repair of the cycle in progress (drawn with its up time, but cycle 0's
                        // up time comes from the start).
                        if state.cycle - state.firstDrawn >= state.drawn {
                            draw(replica, &state, from: state.cycle, now: time, horizon: horizon, path: path, storage)
                        }
                        let slot = replica.slot + state.cycle - state.firstDrawn
                        next = time + storage.repairMinutes[slot]
                        state.isUp = false
                        storage.upReplicas[component] -= 1
                        if storage.switchOverFailed[slot] != 0 {
                            state.switchOverFailed = true
                            storage.failedSwitchOvers[component] += 1
                        }
                    } else {
                        // Repaired: the next cycle's up time.
                        state.cycle += 1
                        if state.cycle - state.firstDrawn >= state.drawn {
                            draw(replica, &state, from: state.cycle, now: time, horizon: horizon, path: path, storage)
                        }
                        next = time + storage.upMinutes[replica.slot + state.cycle - state.firstDrawn]
                        state.isUp = true
                        storage.upReplicas[component] += 1
                        if state.switchOverFailed {
                            state.switchOverFailed = false
                            storage.failedSwitchOvers[component] -= 1
                        }
                    }
                    storage.states[index] = state
                    queue.reschedule(index, at: next)

                    let nowDown = storage.isDown(component, required: required[component])
                    guard nowDown != wasDown else { continue }
                    componentsDown += nowDown ? 1 : -1
                    if nowDown && componentsDown == 1 {
                        outageStart = time
                    } else if !nowDown && componentsDown == 0 {
                        record(outageFrom: outageStart, to: time, in: &outcomes, base: base)
                        outageStart = .nan
                    }
                }
            }
        } } }
        if !outageStart.isNaN { record(outageFrom: outageStart, to: horizon, in: &outcomes, base: base) }
    }

    /// Sizes the workspace for this timeline's replicas and zeroes the counts.
    private func prepare(_ workspace: inout Workspace) {
        if workspace.states.count != replicas.count {
            workspace.states = Array(repeating: ReplicaState(), count: replicas.count)
        }
        if workspace.upMinutes.count != bufferSlots {
            workspace.upMinutes = Array(repeating: 0, count: bufferSlots)
            workspace.repairMinutes = Array(repeating: 0, count: bufferSlots)
            workspace.switchOverFailed = Array(repeating: 0, count: bufferSlots)
        }
        workspace.upReplicas = Array(repeating: 0, count: components.count)
        workspace.failedSwitchOvers = Array(repeating: 0, count: components.count)
    }

    /// Draws the replica's next batch from cycle `first` (even): enough for the
    /// rest of the path as expected at time `now`, within its capacity. Kept out
    /// of line: the vectorised batch loop would crowd the event loop's registers.
    @inline(never)
    private func draw(_ replica: Replica, _ state: inout ReplicaState, from first: Int, now: Double, horizon: Double,
                      path: Int, _ storage: Workspace.Storage) {
        let lifecycle = lifecycles[replica.lifecycle]
        let expected = (horizon - now) / lifecycle.meanCycleMinutes
        let count = min(Self.batch(expectedCycles: expected, limit: replica.capacity),
                        SimulatedReplica.maximumCycles - first)
        precondition(count >= 2, "a replica ran past the \(SimulatedReplica.maximumCycles) cycles of its stream")
        SimulatedReplica.drawCycles(lifecycle, stream: StreamKey(seed: seed, path: UInt64(path), stream: replica.stream),
                                    first: first, count: count,
                                    upMinutes: storage.upMinutes.baseAddress! + replica.slot,
                                    repairMinutes: storage.repairMinutes.baseAddress! + replica.slot,
                                    switchOverFailed: storage.switchOverFailed.baseAddress! + replica.slot)
        state.firstDrawn = first
        state.drawn = count
    }

    /// Adds the outage [start, end) to the years it spans, one stretch per year.
    private func record(outageFrom start: Double, to end: Double, in outcomes: inout [YearOutcome], base: Int) {
        var year = min(Int(start / Self.yearMinutes), years - 1)
        var stretchStart = start
        while true {
            let yearEnd = Double(year + 1) * Self.yearMinutes
            let stretchEnd = year == years - 1 ? end : min(end, yearEnd)
            if stretchEnd > stretchStart {
                outcomes[base + year].downtimeMinutes += stretchEnd - stretchStart
                outcomes[base + year].incidents += 1
                outcomes[base + year].longestOutageMinutes = max(outcomes[base + year].longestOutageMinutes,
                                                                 stretchEnd - stretchStart)
            }
            guard stretchEnd < end else { return }
            stretchStart = stretchEnd
            year += 1
        }
    }
}
