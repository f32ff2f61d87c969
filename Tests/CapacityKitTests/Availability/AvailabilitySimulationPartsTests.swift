import Foundation
import Testing
@testable import CapacityKit

@Suite("Availability simulation parts")
struct AvailabilitySimulationPartsTests {
    @Test("Percentiles invert the empirical distribution within the histogram's bin error")
    func percentiles() {
        // Values 1…1000: the smallest x with F̂(x) ≥ p (Hyndman & Fan's definition 1) is ⌈1000p⌉:
        // 500, 900, 990; the histogram reports each within its relative bin error 2⁻¹¹.
        var histogram = QuantileHistogram()
        (1...1000).map(Double.init).withUnsafeBufferPointer { histogram.add($0) }
        let percentiles = Percentiles(histogram)
        for (reported, exact) in [(percentiles.p50, 500.0), (percentiles.p90, 900), (percentiles.p99, 990)] {
            #expect(abs(reported - exact) <= exact * 0x1p-11, "\(reported) vs \(exact)")
        }
    }

    @Test("A percentile's standard error is √(p(1 − p)/n) / f(Q(p)): 0.015 for the P90 of Exp(1), n = 40,000")
    func percentileStandardError() {
        // A stratified Exp(1) sample xᵢ = −ln(1 − (i + ½)/n). The asymptotic SE of the sample p-quantile
        // is √(p(1 − p)/n) / f(Q(p)) with f(Q(p)) = 1 − p (Exp(1)): p = 0.9 gives 0.0015 / 0.1 = 0.015,
        // p = 0.5 gives 0.0025 / 0.5 = 0.005. Tolerance: one bin at the quantile (2⁻¹⁰ relative, both
        // ends' half-bin errors) plus one rank step Q′(p)/n.
        let n = 40_000
        var histogram = QuantileHistogram()
        (0..<n).map { -log1p(-(Double($0) + 0.5) / Double(n)) }.withUnsafeBufferPointer { histogram.add($0) }
        let percentiles = Percentiles(histogram)
        for (p, reported) in [(0.5, percentiles.p50StandardError), (0.9, percentiles.p90StandardError)] {
            let sigma = (p * (1 - p) / Double(n)).squareRoot()
            let exact = sigma / (1 - p)
            let tolerance = -log(1 - p - sigma) * 0x1p-10 + 1 / ((1 - p - sigma) * Double(n))
            #expect(abs(reported - exact) <= tolerance, "p = \(p): SE \(reported) vs \(exact) ± \(tolerance)")
        }
    }

    @Test("Estimate: mean and standard error of path means, sd with n − 1")
    func estimate() {
        // Values 1, 2, 3, 4: mean 2.5, sample variance 5/3, SE = √(5/3 / 4) = 0.6454972243679028.
        let estimate = OutageSimulation.Estimate(pathMeans: PairwiseMoments([1, 2, 3, 4]))
        #expect(estimate.value == 2.5)
        #expect(abs(estimate.standardError - 0.6454972243679028) < 1e-15)
        #expect(OutageSimulation.Estimate(pathMeans: PairwiseMoments([3])).standardError.isNaN)
    }

    @Test("The event queue merges every replica's events in time order, scanned or in a tree")
    func eventQueue() {
        // Replica i has events at (R − 1 − i) + 0.5, then every R: the merged stream is sorted,
        // one event per unit of time, replicas R − 1 … 0 first.
        for replicas in [1, 3, EventQueue.scanLimit, EventQueue.scanLimit + 1, 37] {
            var queue = EventQueue(times: (0..<replicas).map { Double(replicas - 1 - $0) + 0.5 })
            var seen: [(Int, Double)] = []
            while let (replica, time) = queue.first, time < 50 {
                seen.append((replica, time))
                queue.reschedule(replica, at: time + Double(replicas))
            }
            #expect(seen.map(\.1) == (0..<50).map { Double($0) + 0.5 }, "\(replicas) replicas")
            #expect(seen.prefix(replicas).map(\.0) == Array((0..<replicas).reversed()), "\(replicas) replicas")
        }
        #expect(EventQueue(times: []).first == nil)
    }

    @Test("Equal times come out lowest replica first, whether the queue scans or keeps a tree")
    func eventQueueTies() {
        for replicas in [EventQueue.scanLimit, EventQueue.scanLimit + 1, 64] {
            var queue = EventQueue(times: Array(repeating: 1, count: replicas))
            var order: [Int] = []
            for _ in 0..<replicas {
                let (replica, _) = queue.first!
                order.append(replica)
                queue.reschedule(replica, at: .infinity)
            }
            #expect(order == Array(0..<replicas), "\(replicas) replicas")
            queue.withView { view in
                view.reschedule(5, at: 0.25)
                #expect(view.first() == (5, 0.25))
            }
        }
    }

    /// Cycles 0 ..< Σ batches of `stream`, drawn batch after batch.
    static func cycles(_ lifecycle: SimulatedReplica.Lifecycle, stream: StreamKey, batches: [Int])
        -> (up: [Double], repair: [Double], failed: [UInt8]) {
        let total = batches.reduce(0, +)
        var up = [Double](repeating: 0, count: total), repair = up, failed = [UInt8](repeating: 9, count: total)
        var first = 0
        for count in batches {
            up.withUnsafeMutableBufferPointer { u in repair.withUnsafeMutableBufferPointer { r in
                failed.withUnsafeMutableBufferPointer { f in
                    SimulatedReplica.drawCycles(lifecycle, stream: stream, first: first, count: count,
                                                upMinutes: u.baseAddress! + first, repairMinutes: r.baseAddress! + first,
                                                switchOverFailed: f.baseAddress! + first)
                }
            } }
            first += count
        }
        return (up, repair, failed)
    }

    /// A 1-of-2 component with MTBF 9 h, MTTR 60 min and failover at 70 %.
    static let failingOver = OutageSimulation.ComponentProcess(
        Model.Component(name: "x", reliability: .failureAndRepair(mtbfHours: 9, mttrMinutes: 60),
                        replicas: 2, required: 1, failoverSuccessRate: 0.7),
        modelIndex: 3, options: .init())

    @Test("A replica's cycles depend on the cycle alone, not on how they are drawn in batches")
    func cyclesIndependentOfBatches() {
        let lifecycle = SimulatedReplica.Lifecycle(Self.failingOver, active: true)
        let stream = StreamKey(seed: 5, path: 17, stream: 3 << 32 | 1)
        let whole = Self.cycles(lifecycle, stream: stream, batches: [64])
        let pieces = Self.cycles(lifecycle, stream: stream, batches: [2, 10, 4, 48])
        #expect(whole.up == pieces.up && whole.repair == pieces.repair && whole.failed == pieces.failed)
        #expect(Set(whole.failed).isSubset(of: [0, 1]) && whole.failed.contains(1) && whole.failed.contains(0))
        // A standby draws no switch-overs.
        let standby = Self.cycles(SimulatedReplica.Lifecycle(Self.failingOver, active: false), stream: stream, batches: [8])
        #expect(standby.failed == Array(repeating: 0, count: 8))
        #expect(standby.up == Array(whole.up.prefix(8)) && standby.repair == Array(whole.repair.prefix(8)))
        // A replica up at the start fails after cycle 0's up time, bit for bit as the batch draws it.
        let upAtStart = (0..<64).lazy.map { StreamKey(seed: 5, path: UInt64($0), stream: 3 << 32 | 1) }
            .first { SimulatedReplica.start(lifecycle, stream: $0).isUp }!
        #expect(SimulatedReplica.start(lifecycle, stream: upAtStart).firstTransition
                    == Self.cycles(lifecycle, stream: upAtStart, batches: [2]).up[0])
    }

    @Test("Drawn cycles: up times exponential with mean MTBF, repairs lognormal with mean and sd MTTR, switch-overs failing at 1 − s")
    func cycleDistributions() {
        // MTBF 9 h = 540 min, MTTR 60 min with sd 60 (sd factor 1), s = 0.7; 40,000 cycles from
        // 200 streams. Exp: sd = mean, SE = 540/√n. Lognormal with sd = mean: E[X⁴]-based SE of the
        // sample variance is large, so the sd is checked through E[X²] = sd² + mean² = 7,200 with the
        // SE of X² estimated from the sample. Bernoulli(0.3): SE = √(0.21/n). Tolerance 5 SE.
        let lifecycle = SimulatedReplica.Lifecycle(Self.failingOver, active: true)
        let seed: UInt64 = 31
        var up: [Double] = [], repair: [Double] = [], failed: [UInt8] = []
        for path in 0..<200 {
            let drawn = Self.cycles(lifecycle, stream: StreamKey(seed: seed, path: UInt64(path), stream: 0), batches: [200])
            up += drawn.up; repair += drawn.repair; failed += drawn.failed
        }
        let n = Double(up.count)
        let meanUp = up.reduce(0, +) / n
        #expect(abs(meanUp - 540) <= 5 * 540 / n.squareRoot(), "seed \(seed): mean up time \(meanUp)")
        let meanRepair = repair.reduce(0, +) / n
        let repairSD = (repair.map { ($0 - meanRepair) * ($0 - meanRepair) }.reduce(0, +) / (n - 1)).squareRoot()
        #expect(abs(meanRepair - 60) <= 5 * repairSD / n.squareRoot(), "seed \(seed): mean repair \(meanRepair)")
        let squares = repair.map { $0 * $0 }
        let meanSquare = squares.reduce(0, +) / n
        let squareSD = (squares.map { ($0 - meanSquare) * ($0 - meanSquare) }.reduce(0, +) / (n - 1)).squareRoot()
        #expect(abs(meanSquare - 7_200) <= 5 * squareSD / n.squareRoot(), "seed \(seed): E[repair²] \(meanSquare)")
        let failedShare = Double(failed.reduce(0) { $0 + Int($1) }) / n
        #expect(abs(failedShare - 0.3) <= 5 * (0.21 / n).squareRoot(), "seed \(seed): failed switch-overs \(failedShare)")
        #expect(up.allSatisfy { $0.isFinite && $0 >= 0 } && repair.allSatisfy { $0.isFinite && $0 > 0 })
    }

    @Test("Steady-state start: a replica is down at time 0 with probability q")
    func steadyStateStart() {
        // q = 1 h / (9 h + 1 h) = 0.1; 20,000 independent streams; SE = √(0.1 · 0.9 / 20,000).
        let process = OutageSimulation.ComponentProcess(
            Model.Component(name: "x", reliability: .failureAndRepair(mtbfHours: 9, mttrMinutes: 60)),
            modelIndex: 0, options: .init())
        let lifecycle = SimulatedReplica.Lifecycle(process, active: false)
        let seed: UInt64 = 8
        let count = 20_000
        var down = 0
        var remaining = 0.0
        for path in 0..<count {
            let start = SimulatedReplica.start(lifecycle, stream: StreamKey(seed: seed, path: UInt64(path), stream: 0))
            if !start.isUp { down += 1; remaining += start.firstTransition! }
        }
        let fraction = Double(down) / Double(count)
        let standardError = (0.1 * 0.9 / Double(count)).squareRoot()
        #expect(abs(fraction - 0.1) <= 5 * standardError, "seed \(seed): down fraction \(fraction)")
        // The remaining repair of a replica found down has mean E[X²] / (2 E[X]) = (sd² + mean²) / (2 mean)
        // = 60 min for sd = mean = 60 (renewal theory: the equilibrium residual life). Its sd is below
        // 3 × 60 for these parameters' lognormal; 5 SE with SE ≤ 180 / √down.
        let meanRemaining = remaining / Double(down)
        #expect(abs(meanRemaining - 60) <= 5 * 180 / Double(down).squareRoot(),
                "seed \(seed): mean remaining repair \(meanRemaining) min")
    }
}
