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

    @Test("The event queue merges every replica's events in time order")
    func eventQueue() {
        // Replica i has events at i + 0.5, i + 0.5 + 7, … (period 7): the merged stream is sorted.
        let replicas = 7
        var queue = EventQueue(times: (0..<replicas).map { Double(6 - $0) + 0.5 })
        var seen: [(Int, Double)] = []
        while let (replica, time) = queue.first, time < 50 {
            seen.append((replica, time))
            queue.rescheduleFirst(at: time + 7)
        }
        #expect(seen.map(\.1) == seen.map(\.1).sorted())
        #expect(seen.count == 50)  // 0.5, 1.5, …, 49.5
        #expect(seen.prefix(7).map(\.0) == [6, 5, 4, 3, 2, 1, 0])
        #expect(EventQueue(times: []).first == nil)
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
            let replica = SimulatedReplica(component: 0, lifecycle: lifecycle,
                                           stream: StreamKey(seed: seed, path: UInt64(path), stream: 0))
            if !replica.isUp { down += 1; remaining += replica.nextTransition }
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
