import Foundation

/// One replica's alternating up/down process on one path, in minutes, drawn
/// only from its own random stream: its state at time 0 and its cycles (an up
/// time, then a repair), which the event loop (``OutageTimeline``) draws in
/// bulk and consumes one by one.
///
/// Up times are exponential with mean MTBF, repairs lognormal with the
/// component's mean and sd. The process starts in its steady state, so every
/// simulated year is statistically alike and time averages are unbiased for the
/// exact availability:
///
/// - down with probability q = MTTR / (MTBF + MTTR), else up;
/// - if up, the time to the next failure is exponential again (memoryless):
///   cycle 0's up time;
/// - if down, the repair in progress is length-biased and we stand at a uniform
///   point of it: remaining = U · L with L ~ LogNormal(μ + σ², σ), since the
///   length-biased density x·f(x)/E[X] of LogNormal(μ, σ) is LogNormal(μ + σ², σ);
///   cycle 0 starts with the repair.
///
/// An active replica of a component with failover marks each of its down
/// periods as a failed switch-over with probability 1 − s (drawn when it goes
/// down), which keeps the component down until the replica is repaired.
///
/// **The stream's layout** (blocks of ``Philox4x32``, each two 64-bit words):
///
///     block 0          state (U < q: down), position U in the repair in progress
///     block 1          the in-progress repair's normal (by inversion), its switch-over
///     block 2 + 3j     up times of cycles 2j and 2j + 1 (−MTBF · ln U)
///     block 3 + 3j     repair normals of cycles 2j and 2j + 1 (one Box–Muller pair)
///     block 4 + 3j     switch-overs of cycles 2j and 2j + 1 (active replicas with failover)
///
/// Cycle c's numbers depend on c alone, so drawing cycles ahead in batches of
/// any size never changes a replica's process; each batch is a branch-free loop
/// that vectorises (``ElementaryFunctions``). A stream holds 2³² − 1 blocks,
/// enough for ``maximumCycles`` cycles.
enum SimulatedReplica {
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

        /// Mean length of a cycle (up, then repair), minutes: MTBF + MTTR; +∞ without changes of state.
        var meanCycleMinutes: Double { repair.map { meanUpMinutes + $0.mean } ?? .infinity }
    }

    /// A replica at time 0, drawn from the steady state.
    struct Start: Equatable {
        let isUp: Bool
        /// True when down at the start after a failed switch-over.
        let switchOverFailed: Bool
        /// Time of the first change of state, minutes: the end of the repair in
        /// progress (down), or cycle 0's up time (up); nil for a replica that never
        /// changes state.
        let firstTransition: Double?
    }

    /// The cycles a stream holds: blocks 2 … 2³² − 2 at three blocks per two cycles.
    static let maximumCycles = (Int(UInt32.max) - 2) / 3 * 2

    /// The replica at time 0, from blocks 0 and 1 of its stream (and, when up,
    /// the up time of cycle 0 from block 2, as ``drawCycles`` would draw it).
    static func start(_ lifecycle: Lifecycle, stream: StreamKey) -> Start {
        let key = Philox4x32.key(stream)
        let (stateWord, positionWord) = Philox4x32.words(Philox4x32.encrypt(Philox4x32.counter(block: 0, of: stream), key: key))
        guard uniform(stateWord) < lifecycle.unavailability else {
            guard lifecycle.repair != nil else { return Start(isUp: true, switchOverFailed: false, firstTransition: nil) }
            let (upWord, _) = Philox4x32.words(Philox4x32.encrypt(Philox4x32.counter(block: 2, of: stream), key: key))
            return Start(isUp: true, switchOverFailed: false,
                         firstTransition: upTime(upWord, meanUpMinutes: lifecycle.meanUpMinutes))
        }
        let (normalWord, switchWord) = Philox4x32.words(Philox4x32.encrypt(Philox4x32.counter(block: 1, of: stream), key: key))
        let switchOverFailed = uniform(switchWord) >= (lifecycle.switchOverSuccessRate ?? 2)
        guard let repair = lifecycle.repair else {
            return Start(isUp: false, switchOverFailed: switchOverFailed, firstTransition: nil)
        }
        let z = Normal.quantile(openUniform(normalWord))
        let sigma = repair.logStandardDeviation
        let lengthBiasedRepair = Foundation.exp(repair.logMean + sigma * sigma + sigma * z)
        return Start(isUp: false, switchOverFailed: switchOverFailed,
                     firstTransition: uniform(positionWord) * lengthBiasedRepair)
    }

    /// An exponential up time from one word: −MTBF · ln u (``uniform(_:)``), in minutes.
    @inline(__always)
    static func upTime(_ word: UInt64, meanUpMinutes: Double) -> Double {
        -meanUpMinutes * ElementaryFunctions.log(uniform(word))
    }

    /// Draws cycles `first ..< first + count` of the stream into the buffers
    /// (element i is cycle first + i): up times and repair times in minutes, and
    /// 1 where the down period ends a failed switch-over, else 0.
    ///
    /// Complexity: O(count), branch-free.
    /// - Precondition: `lifecycle.repair` is not nil; `first` and `count` even;
    ///   `first + count ≤ maximumCycles`.
    static func drawCycles(_ lifecycle: Lifecycle, stream: StreamKey, first: Int, count: Int,
                           upMinutes: UnsafeMutablePointer<Double>, repairMinutes: UnsafeMutablePointer<Double>,
                           switchOverFailed: UnsafeMutablePointer<UInt8>) {
        precondition(first >= 0 && first % 2 == 0 && count % 2 == 0 && first + count <= maximumCycles,
                     "cycles are drawn in pairs within the stream")
        let repair = lifecycle.repair!
        let meanUp = lifecycle.meanUpMinutes, mu = repair.logMean, sigma = repair.logStandardDeviation
        let key = Philox4x32.key(stream)
        let pairs = count / 2
        // Block of pair 0 of the batch; wrapping arithmetic (the bounds are checked above) keeps
        // the loops free of overflow branches, so they vectorise.
        let firstBlock = UInt32(truncatingIfNeeded: 2 + 3 * (first / 2))
        if let successRate = lifecycle.switchOverSuccessRate {
            for pair in 0..<pairs {
                let block = firstBlock &+ 3 &* UInt32(truncatingIfNeeded: pair)
                let (switch0, switch1) = Philox4x32.words(Philox4x32.encrypt(
                    Philox4x32.counter(block: block &+ 2, of: stream), key: key))
                switchOverFailed[pair &* 2] = uniform(switch0) >= successRate ? 1 : 0
                switchOverFailed[pair &* 2 &+ 1] = uniform(switch1) >= successRate ? 1 : 0
            }
        } else {
            switchOverFailed.update(repeating: 0, count: count)
        }
        for pair in 0..<pairs {
            let block = firstBlock &+ 3 &* UInt32(truncatingIfNeeded: pair)
            let (up0, up1) = Philox4x32.words(Philox4x32.encrypt(Philox4x32.counter(block: block, of: stream), key: key))
            let (radius, angle) = Philox4x32.words(Philox4x32.encrypt(
                Philox4x32.counter(block: block &+ 1, of: stream), key: key))
            let (z0, z1) = BoxMuller.pair(radius: radius, angle: angle)
            upMinutes[pair &* 2] = upTime(up0, meanUpMinutes: meanUp)
            upMinutes[pair &* 2 &+ 1] = upTime(up1, meanUpMinutes: meanUp)
            repairMinutes[pair &* 2] = ElementaryFunctions.exp(mu + sigma * z0)
            repairMinutes[pair &* 2 &+ 1] = ElementaryFunctions.exp(mu + sigma * z1)
        }
    }

    /// A uniform double in (0, 1] from the top 53 bits of `word`, built from the
    /// bits without an integer-to-double conversion (as ``BoxMuller``'s radius):
    ///
    ///     u = 1 − ⌊w / 2¹¹⌋ · 2⁻⁵³
    ///
    /// Every multiple of 2⁻⁵³ in (0, 1], each with probability 2⁻⁵³, so −ln u is
    /// finite (at most 36.8) and P(u ≥ s) = 1 − s to within 2⁻⁵³.
    @inline(__always)
    static func uniform(_ word: UInt64) -> Double {
        let one: UInt64 = 0x3FF0_0000_0000_0000
        let halfStep = Double(bitPattern: (0 &- (word >> 11 & 1)) & 0x1p-53.bitPattern)
        return (2 - Double(bitPattern: one | word >> 12)) - halfStep
    }

    /// A uniform double in the open interval (0, 1) from the top 53 bits of `word`, as
    /// ``BitGenerator/nextUniform()``: (min(⌊w / 2¹¹⌋, 2⁵³ − 2) + 1) · 2⁻⁵³, so that
    /// Φ⁻¹(u) is finite.
    static func openUniform(_ word: UInt64) -> Double {
        Double(min(word >> 11, (1 << 53) - 2) + 1) * 0x1p-53
    }
}
