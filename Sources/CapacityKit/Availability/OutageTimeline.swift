/// One path of the outage simulation: every replica of every critical
/// component alternating up and down over `years` continuous years, their
/// events merged in time order, the system's outages cut into calendar years.
///
/// A k-of-n component is down while fewer than k replicas are up or while one
/// of its active replicas is down after a failed switch-over; the system is
/// down while any critical component is. Cost: O(E log R) for E replica events
/// and R replicas, independent of the time resolution (no stepping).
///
/// Replica r of the component at model index c draws from the stream
/// (seed, path, c · 2³² + r), so a path's outcome depends on nothing else.
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
    /// Lifecycles of each component's active and standby replicas.
    private let activeLifecycles: [SimulatedReplica.Lifecycle]
    private let standbyLifecycles: [SimulatedReplica.Lifecycle]
    let seed: UInt64
    let years: Int

    init(components: [OutageSimulation.ComponentProcess], seed: UInt64, years: Int) {
        self.components = components
        activeLifecycles = components.map { SimulatedReplica.Lifecycle($0, active: true) }
        standbyLifecycles = components.map { SimulatedReplica.Lifecycle($0, active: false) }
        self.seed = seed
        self.years = years
    }

    /// Simulates path `path` and appends its `years` outcomes to `outcomes`, year 1 first.
    func simulate(path: Int, into outcomes: inout [YearOutcome]) {
        let base = outcomes.count
        outcomes.append(contentsOf: repeatElement(YearOutcome(), count: years))
        let horizon = Double(years) * Self.yearMinutes

        var replicas: [SimulatedReplica] = []
        var upReplicas = [Int](repeating: 0, count: components.count)
        var failedSwitchOvers = [Int](repeating: 0, count: components.count)
        for (index, component) in components.enumerated() {
            for replica in 0..<component.replicas {
                let stream = StreamKey(seed: seed, path: UInt64(path),
                                       stream: UInt64(component.modelIndex) << 32 | UInt64(replica))
                let lifecycle = replica < component.required ? activeLifecycles[index] : standbyLifecycles[index]
                let state = SimulatedReplica(component: index, lifecycle: lifecycle, stream: stream)
                if state.isUp { upReplicas[index] += 1 }
                if state.switchOverFailed { failedSwitchOvers[index] += 1 }
                replicas.append(state)
            }
        }
        func isDown(_ component: Int) -> Bool {
            upReplicas[component] < components[component].required || failedSwitchOvers[component] > 0
        }

        var componentsDown = components.indices.count(where: isDown)
        var outageStart: Double? = componentsDown > 0 ? 0 : nil
        var queue = EventQueue(times: replicas.map(\.nextTransition))
        while let (index, time) = queue.first, time < horizon {
            let component = replicas[index].component
            let wasDown = isDown(component)
            let (wasUp, hadFailedSwitchOver) = (replicas[index].isUp, replicas[index].switchOverFailed)
            replicas[index].transition()
            upReplicas[component] += (replicas[index].isUp ? 1 : 0) - (wasUp ? 1 : 0)
            failedSwitchOvers[component] += (replicas[index].switchOverFailed ? 1 : 0) - (hadFailedSwitchOver ? 1 : 0)
            queue.rescheduleFirst(at: replicas[index].nextTransition)

            let nowDown = isDown(component)
            guard nowDown != wasDown else { continue }
            componentsDown += nowDown ? 1 : -1
            if nowDown && componentsDown == 1 {
                outageStart = time
            } else if !nowDown && componentsDown == 0, let start = outageStart {
                record(outageFrom: start, to: time, in: &outcomes, base: base)
                outageStart = nil
            }
        }
        if let start = outageStart { record(outageFrom: start, to: horizon, in: &outcomes, base: base) }
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
