import Foundation

/// One replica's alternating up/down process on one path, in minutes, drawing
/// only from its own random stream.
///
/// Up times are exponential with mean MTBF, repairs lognormal with the
/// component's mean and sd. The process starts in its steady state, so every
/// simulated year is statistically alike and time averages are unbiased for the
/// exact availability:
///
/// - down with probability q = MTTR / (MTBF + MTTR), else up;
/// - if up, the time to the next failure is exponential again (memoryless);
/// - if down, the repair in progress is length-biased and we stand at a uniform
///   point of it: remaining = U · L with L ~ LogNormal(μ + σ², σ), since the
///   length-biased density x·f(x)/E[X] of LogNormal(μ, σ) is LogNormal(μ + σ², σ).
///
/// An active replica of a component with failover marks each of its down
/// periods as a failed switch-over with probability 1 − s (drawn when it goes
/// down), which keeps the component down until the replica is repaired.
struct SimulatedReplica {
    /// The parameters a replica's process draws from.
    struct Lifecycle: Sendable {
        /// Mean up time, minutes.
        let meanUpMinutes: Double
        /// Repair time, minutes; nil when the replica never changes state.
        let repair: LogNormal?
        /// Steady-state probability of being down: 0 never fails, 1 never up.
        let unavailability: Double
        /// Switch-over success probability when this replica fails; nil for none.
        let switchOverSuccessRate: Double?

        init(_ process: OutageSimulation.ComponentProcess, active: Bool) {
            meanUpMinutes = process.mtbfHours * 60
            unavailability = process.replicaUnavailability
            let changesState = unavailability > 0 && unavailability < 1
            repair = changesState
                ? LogNormal(mean: process.mttrMinutes, standardDeviation: process.repairStandardDeviationMinutes)
                : nil
            switchOverSuccessRate = active ? process.failoverSuccessRate : nil
        }
    }

    /// Index of the component (in the simulation's critical list) this replica belongs to.
    let component: Int
    let lifecycle: Lifecycle
    private var generator: Philox4x32
    private(set) var isUp: Bool
    /// True while down after a failed switch-over.
    private(set) var switchOverFailed = false
    /// Time of the next change of state, minutes from the path's start; +∞ for none.
    private(set) var nextTransition: Double

    /// The replica at time 0, drawn from the steady state.
    init(component: Int, lifecycle: Lifecycle, stream: StreamKey) {
        self.component = component
        self.lifecycle = lifecycle
        generator = stream.generator
        let isDown = generator.nextUniform() < lifecycle.unavailability
        isUp = !isDown
        nextTransition = .infinity
        guard let repair = lifecycle.repair else {
            if isDown { markSwitchOver() }
            return
        }
        if isDown {
            let z = Normal.quantile(generator.nextUniform())
            let sigma = repair.logStandardDeviation
            let lengthBiasedRepair = exp(repair.logMean + sigma * sigma + sigma * z)
            nextTransition = generator.nextUniform() * lengthBiasedRepair
            markSwitchOver()
        } else {
            nextTransition = drawUpTime()
        }
    }

    /// Changes state at `nextTransition` and draws the time of the next change.
    mutating func transition() {
        let now = nextTransition
        if isUp {
            isUp = false
            nextTransition = now + lifecycle.repair!.sample(using: &generator)
            markSwitchOver()
        } else {
            isUp = true
            switchOverFailed = false
            nextTransition = now + drawUpTime()
        }
    }

    /// An exponential up time, −MTBF · ln U.
    private mutating func drawUpTime() -> Double {
        -lifecycle.meanUpMinutes * log(generator.nextUniform())
    }

    private mutating func markSwitchOver() {
        guard let successRate = lifecycle.switchOverSuccessRate else { return }
        switchOverFailed = generator.nextUniform() >= successRate
    }
}
