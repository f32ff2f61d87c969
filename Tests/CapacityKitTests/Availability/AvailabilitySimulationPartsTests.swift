import Testing
@testable import CapacityKit

@Suite("Availability simulation parts")
struct AvailabilitySimulationPartsTests {
    @Test("Type-7 quantiles match NumPy's default: percentile([1, 2, 3, 4], 90) = 3.7")
    func quantiles() {
        // numpy.percentile([1, 2, 3, 4], q) for q = 0, 50, 90, 99, 100: 1, 2.5, 3.7, 3.97, 4.
        let sorted = [1.0, 2, 3, 4]
        let q = OutageSimulation.Percentiles.quantile
        #expect(q(sorted, 0) == 1)
        #expect(abs(q(sorted, 0.5) - 2.5) < 1e-15)
        #expect(abs(q(sorted, 0.9) - 3.7) < 1e-15)
        #expect(abs(q(sorted, 0.99) - 3.97) < 1e-15)
        #expect(q(sorted, 1) == 4)
        #expect(q([7], 0.9) == 7)
        let percentiles = OutageSimulation.Percentiles(of: [4, 1, 3, 2])
        #expect(percentiles == OutageSimulation.Percentiles(p50: 2.5, p90: q(sorted, 0.9), p99: q(sorted, 0.99)))
    }

    @Test("Estimate: mean and standard error of path means, sd with n − 1")
    func estimate() {
        // Values 1, 2, 3, 4: mean 2.5, sample variance 5/3, SE = √(5/3 / 4) = 0.6454972243679028.
        let estimate = OutageSimulation.Estimate(pathMeans: [1, 2, 3, 4])
        #expect(estimate.value == 2.5)
        #expect(abs(estimate.standardError - 0.6454972243679028) < 1e-15)
        #expect(OutageSimulation.Estimate(pathMeans: [3]).standardError.isNaN)
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
