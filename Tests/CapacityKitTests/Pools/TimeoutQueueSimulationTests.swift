import Foundation
import Testing
import CapacityTestSupport
@testable import CapacityKit

/// The exact M/M/c+D figures against a discrete-event simulation
/// (CapacityTestSupport `TimeoutQueueSimulation`): within 5 batch-means standard
/// errors at ρ = 0.5, 0.9, 1 and 1.3 on 8 connections with τ = h/2.
@Suite struct TimeoutQueueSimulationTests {
    @Test("P(wait), timeout share and mean wait of served agree with the simulation",
          arguments: [(0.5, UInt64(11)), (0.9, 12), (1.0, 13), (1.3, 14)])
    func agreesWithSimulation(rho: Double, seed: UInt64) {
        let c = 8, patience = 0.5
        let exact = TimeoutQueue(servers: c, offeredLoad: rho * Double(c), holdMS: 1, timeoutMS: patience)
        let simulated = TimeoutQueueSimulation.run(servers: c, offeredLoad: rho * Double(c), patience: patience,
                                                   batches: 40, customersPerBatch: 10_000, warmUp: 2_000, seed: seed)
        let pairs: [(String, Double, TimeoutQueueSimulation.Estimate)] = [
            ("P(wait)", exact.pWait, simulated.pWait),
            ("timeout share", exact.timeoutShare, simulated.timeoutShare),
            ("mean wait of served", exact.meanWaitServedMS, simulated.meanWaitServed),
        ]
        for (name, value, estimate) in pairs {
            #expect(estimate.standardError > 0)
            #expect(abs(estimate.mean - value) <= 5 * estimate.standardError,
                    "ρ \(rho) \(name): exact \(value), simulated \(estimate.mean) ± \(estimate.standardError); seed \(seed)")
        }
    }
}
