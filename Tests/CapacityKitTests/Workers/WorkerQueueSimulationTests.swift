import Foundation
import Testing
import CapacityTestSupport
@testable import CapacityKit

/// ``WorkerQueue`` against a discrete-event simulation (CapacityTestSupport
/// `WorkerQueueSimulation`, 20 batches of 20,000 requests): the exact M/M/c percentiles
/// within 5 batch-means standard errors; the M/G/c approximation (lognormal service) within
/// 5 % plus 4 standard errors — it is an approximation: the differences observed are ≤ 3 %.
@Suite struct WorkerQueueSimulationTests {
    static let levels = [0.5, 0.95, 0.99]

    @Test("exact M/M/c percentiles agree with the simulation",
          arguments: [(1, 0.8, UInt64(21)), (4, 0.8, 22), (8, 0.9, 23)])
    func exponential(workers: Int, rho: Double, seed: UInt64) throws {
        let service = ServiceTime(meanMS: 40)
        let rps = rho * Double(workers) / 40 * 1000
        let queue = WorkerQueue(rps: rps, workers: workers, service: service)
        let simulated = WorkerQueueSimulation.responsePercentiles(rps: rps, workers: workers, service: service, levels: Self.levels,
                                                                  batches: 20, customersPerBatch: 20_000, warmUp: 20_000, seed: seed)
        for (level, estimate) in zip(Self.levels, simulated) {
            let exact = try #require(queue.quantile(level))
            #expect(abs(estimate.mean - exact) <= 5 * estimate.standardError,
                    "c \(workers) ρ \(rho) P\(Int(level * 100)): exact \(exact), simulated \(estimate.mean) ± \(estimate.standardError); seed \(seed)")
        }
    }

    @Test("the M/G/c approximation agrees with the simulation within 5 %",
          arguments: [(1, 0.8, 50.0, 150.0, UInt64(31)), (2, 0.7, 100, 200, 32), (4, 0.8, 50, 150, 33),
                      (8, 0.85, 40, 160, 34), (16, 0.9, 20, 60, 35)])
    func lognormal(workers: Int, rho: Double, p50: Double, p95: Double, seed: UInt64) throws {
        let service = ServiceTime(p50MS: p50, p95MS: p95)
        let rps = rho * Double(workers) / service.meanMS * 1000
        let queue = WorkerQueue(rps: rps, workers: workers, service: service)
        let simulated = WorkerQueueSimulation.responsePercentiles(rps: rps, workers: workers, service: service, levels: Self.levels,
                                                                  batches: 20, customersPerBatch: 20_000, warmUp: 20_000, seed: seed)
        for (level, estimate) in zip(Self.levels, simulated) {
            let approximation = try #require(queue.quantile(level))
            let message = "c \(workers) ρ \(rho) P50 \(p50) P95 \(p95), P\(Int(level * 100)): approximation \(approximation), "
                + "simulated \(estimate.mean) ± \(estimate.standardError); seed \(seed)"
            #expect(abs(estimate.mean - approximation) <= 0.05 * estimate.mean + 4 * estimate.standardError, "\(message)")
        }
    }
}
