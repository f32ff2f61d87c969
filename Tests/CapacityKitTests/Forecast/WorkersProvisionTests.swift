import Foundation
import Testing
@testable import CapacityKit

/// A worker pool's per_node in the provision (issue #22 item 4): the forecast under a schedule
/// that raises it runs on the same paths as the model as it is; from that month the pool's
/// capacity is the new rate within its SLO, its service's memory has the added workers'
/// memory, and a pool that follows its processes has their connections.
@Suite struct WorkersProvisionTests {
    /// ``WorkerForecastTests/model`` (no noise: λ_m = 10 · 1.2^(m−1), api 100 + 10 · λ MB, 4 workers of
    /// 100 ms, SLO P95 ≤ 500 ms) with 20 MB per worker and a database pool of 1 connection per process
    /// of `web` (postgres 50 MB + 8 MB per connection held).
    static func model() -> Model {
        var model = WorkerForecastTests.model
        model.workers[0].memoryPerWorkerMB = 20
        model.services.append(Model.Service(name: "postgres", memory: Model.Memory(baseMB: 50, perConnectionMB: 8)))
        model.pools = [Model.Pool(name: "pg", service: "postgres", size: 1, instancesPerNode: 4, maxConnections: 100,
                                  queriesPerRequest: 1, holdMS: 100, workers: "web")]
        return model
    }

    @Test("7 workers from month 3: the rate within the SLO, +60 MB for api, 7 connections; months 1–2 unchanged")
    func raisedFromMonth3() throws {
        let model = Self.model(), validated = try ValidatedModel(model)
        var capacity = InstalledCapacity(model)
        let asIs = capacity.provision(model)
        capacity.workersPerNode = [7]
        capacity.workerRatesPerNode = [try #require(WorkerSizing.maxRPS(workers: 7, service: ServiceTime(.mean(100)),
                                                                         slo: model.workers[0].slo))]
        let raised = capacity.provision(model)
        // 62.2577 requests/s per node within the SLO at 7 workers (mpmath: Tests/CapacityCLITests/Scripts/mmc_p95.py).
        #expect(abs(raised.workerRatesPerNode[0] - 62.2576584838) < 1e-6)
        // One pool per process: 7 processes × 1 connection on one node.
        #expect(asIs.poolConnections == [4] && raised.poolConnections == [7])
        let options = ForecastOptions(months: 6, paths: 50)
        let before = try MemoryForecast.run(validated, options: options)
        let after = try MemoryForecast.run(validated, options: options, schedule: [asIs, asIs] + Array(repeating: raised, count: 4))
        for m in 0..<6 {
            let api = (before.months[m].services[0].memoryMB.p50, after.months[m].services[0].memoryMB.p50)
            if m < 2 {
                #expect(api.0 == api.1 && before.months[m].memoryMB.p90 == after.months[m].memoryMB.p90, "month \(m + 1)")
                #expect(after.months[m].workers[0].perNode == 4)
            } else {
                // (7 − 4) × 20 MB on every path: the same shift of every quantile (to the histogram's bin, 2⁻¹¹).
                #expect(abs(api.1 - api.0 - 60) <= (api.1 + api.0) / 2048, "month \(m + 1): \(api)")
                #expect(after.months[m].workers[0].perNode == 7)
                #expect(abs(after.months[m].workers[0].sloRPSPerNode - 62.2576584838) < 1e-6)
                let lambda = 10 * pow(1.2, Double(m))
                #expect(abs(after.months[m].workers[0].utilization.p50 - lambda * 0.1 / 7) < 1e-3)
            }
        }
        let pool = try #require(after.resources.first { $0.resource.kind == .pool })
        #expect(pool.months.map(\.capacity) == [4, 4, 7, 7, 7, 7])
    }
}
