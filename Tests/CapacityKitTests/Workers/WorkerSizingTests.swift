import Foundation
import Testing
@testable import CapacityKit

/// ``WorkerSizing`` and ``WorkerLoad``: the largest rps within an SLO, the fewest workers, and
/// one pool's month on one path, against M/M/1's closed form P(T > t) = e^(−(μ−λ)t).
@Suite struct WorkerSizingTests {
    @Test("M/M/1: the largest rps with P95 ≤ T is μ − ln 20/T, with P99 ≤ U μ − ln 100/U, with both the smaller")
    func maxRPSClosedForm() throws {
        let service = ServiceTime(meanMS: 5)  // μ = 0.2/ms
        let p95 = try #require(WorkerSizing.maxRPS(workers: 1, service: service, slo: .init(p95MS: 100)))
        #expect(abs(p95 - (0.2 - log(20) / 100) * 1000) < 1e-9 * p95)  // 170.0427… rps
        let p99 = try #require(WorkerSizing.maxRPS(workers: 1, service: service, slo: .init(p99MS: 100)))
        #expect(abs(p99 - (0.2 - log(100) / 100) * 1000) < 1e-9 * p99)  // 153.9483… rps
        let both = try #require(WorkerSizing.maxRPS(workers: 1, service: service, slo: .init(p95MS: 100, p99MS: 100)))
        #expect(abs(both - p99) < 1e-9 * p99)
    }

    @Test("the largest rps meets the SLO and a little more misses it, for M/M/c and M/G/c")
    func maxRPSEdge() throws {
        for service in [ServiceTime(meanMS: 40), ServiceTime(p50MS: 30, p95MS: 90)] {
            let slo = Model.LatencySLO(p95MS: 200)
            let most = try #require(WorkerSizing.maxRPS(workers: 8, service: service, slo: slo))
            #expect(WorkerSizing.meets(WorkerQueue(rps: most, workers: 8, service: service), slo))
            #expect(!WorkerSizing.meets(WorkerQueue(rps: most * (1 + 1e-9), workers: 8, service: service), slo))
            let p95 = try #require(WorkerQueue(rps: most, workers: 8, service: service).quantile(0.95))
            #expect(abs(p95 - 200) < 1e-6 * 200)
        }
    }

    @Test("the fewest workers: 150 rps × 40 ms takes 7 within P95 ≤ 200 ms (6 saturate) and 8 within 150 ms (7 give 171.4)")
    func workersNeeded() throws {
        let service = ServiceTime(meanMS: 40)
        #expect(WorkerSizing.workersNeeded(rps: 150, service: service, slo: .init(p95MS: 200)) == 7)
        #expect(WorkerQueue(rps: 150, workers: 6, service: service).isSaturated)  // a = 6 erlangs
        // P95 by the M/M/c formula, solved at 30 digits (mpmath): 131.646 ms on 8; on 7, θ = 7/40 − 0.15 = μ
        // exactly, so P(T > t) = e^(−μt)(1 + Cμt) with C = 0.6138301231449321: 171.4017868009278 ms.
        #expect(WorkerSizing.workersNeeded(rps: 150, service: service, slo: .init(p95MS: 150)) == 8)
        #expect(abs(try #require(WorkerQueue(rps: 150, workers: 7, service: service).quantile(0.95)) - 171.40178680092782) < 1e-8)
        #expect(abs(try #require(WorkerQueue(rps: 150, workers: 8, service: service).quantile(0.95)) - 131.6462981323115) < 1e-8)
        // A light load: one worker (M/M/1 P95 = ln 20/(0.025 − 0.001) = 124.8 ms ≤ 200).
        #expect(WorkerSizing.workersNeeded(rps: 1, service: service, slo: .init(p95MS: 200)) == 1)
    }

    @Test("a service time that alone misses the SLO: no rps, no number of workers")
    func serviceMisses() {
        let service = ServiceTime(meanMS: 100), slo = Model.LatencySLO(p95MS: 200)  // service P95 = 100 ln 20 = 299.6 ms
        #expect(!WorkerSizing.serviceMeets(service, slo))
        #expect(WorkerSizing.maxRPS(workers: 8, service: service, slo: slo) == nil)
        #expect(WorkerSizing.workersNeeded(rps: 10, service: service, slo: slo) == nil)
    }

    @Test("WorkerLoad: per-node load = peak ÷ nodes, utilisation, breach at the largest rps, CPU = rps·cpu_ms/1000/cores")
    func workerLoad() throws {
        let worker = Model.Worker(name: "web", service: "api", perNode: 8, serviceTime: .mean(40), slo: .init(p95MS: 200), cpuMS: 20)
        let load = WorkerLoad(worker, cores: 4)
        let most = try #require(load.maxRPSPerNode)
        let month = load.month(peakRPS: 300, nodes: 2)
        #expect(month.perNodeRPS == 150 && abs(month.utilization - 0.75) < 1e-15 && !month.isSaturated)
        let cpu: Double = try #require(month.cpuUtilization)
        let expectedCPU: Double = 150.0 * 20 / 1000 / 4
        #expect(abs(cpu - expectedCPU) < 1e-15)
        let meets = WorkerSizing.meets(WorkerQueue(rps: 150, workers: 8, service: ServiceTime(meanMS: 40)), worker.slo)
        #expect(month.breachesSLO == !meets)
        // Either side of the largest rps, per node, on three nodes.
        #expect(!load.month(peakRPS: 3 * most * 0.999, nodes: 3).breachesSLO)
        #expect(load.month(peakRPS: 3 * most * 1.001, nodes: 3).breachesSLO)
        let saturated = load.month(peakRPS: 1000, nodes: 2)  // 500 rps × 40 ms = 20 erlangs on 8
        #expect(saturated.isSaturated && saturated.breachesSLO)
        #expect(load.responseMS(perNodeRPS: 500, level: 0.95) == nil)
        #expect(abs(try #require(load.responseMS(perNodeRPS: 150, level: 0.95)) - 131.6462981323115) < 1e-6)
        #expect(WorkerLoad(worker, cores: nil).month(peakRPS: 300, nodes: 2).cpuUtilization == nil)
        // A pool whose service time alone misses the SLO breaches at any load.
        let slow = Model.Worker(name: "slow", service: "api", perNode: 8, serviceTime: .mean(100), slo: .init(p95MS: 200))
        #expect(WorkerLoad(slow, cores: nil).month(peakRPS: 1e-6, nodes: 1).breachesSLO)
    }
}
