import Foundation
import Testing
@testable import CapacityKit

/// A pool held by a worker pool's processes (`workers:` on the pool, issue #22 item 4): its
/// instances are per_node ÷ threads, so more workers ask for more connections — in the pools
/// analysis, its budget, and under a plan's per_node.
@Suite struct PoolsFollowingWorkersTests {
    /// Two nodes; worker pool `web` of 12 workers per node in processes of 3 threads: 4 processes per
    /// node, each holding a pool of 5 connections. Load: a = 100 rps · 1.5 · 2 queries · 0.05 s = 15 erlangs.
    static let text = """
    version: 1
    name: following
    start: 2027-01
    host: {memory_mb: 64000, reserved_mb: 0, nodes: 2}
    traffic: {rps: 100, growth: {mean: 20%}, peak_factor: 1.5}
    services:
      - {name: api, memory: {base_mb: 100}}
      - {name: db, memory: {base_mb: 100, per_connection_mb: 10}}
    workers:
      - {name: web, service: api, per_node: 12, threads: 3, service_ms: 40, slo: {p95_ms: 500}}
    pools:
      - {name: main, service: db, size: 5, workers: web, max_connections: 100, queries_per_request: 2, hold_ms: 50}

    """

    @Test("connections requested = size × processes × nodes: 5 × (12 ÷ 3) × 2 = 40")
    func analysis() throws {
        let validated = try ModelLoader.validate(Self.text, file: "following.yaml", today: nil)
        let pool = validated.model.pools[0]
        #expect(pool.instancesPerNode == 4)
        #expect(pool.connectionsRequested(nodes: 2) == 40 && pool.connectionCapacity(nodes: 2) == 40)
        let analysis = PoolAnalysis(pool: pool, among: validated.model.pools, nodes: 2, rps: 100 * 1.5, perConnectionMB: 10,
                                    waitMS: 100, target: 0.01)
        #expect(analysis.poolBudget.clientConnections == 40 && analysis.poolBudget.headroom == 97 - 40)
        #expect(abs(analysis.offeredLoad - 15) < 1e-12 && analysis.queue.servers == 40)
        let forecast = try PoolForecast.run(validated, options: ForecastOptions(months: 3, paths: 100), waitMS: 100, target: 0.01)
        #expect(forecast.pools[0].connections == 40 && forecast.budget.pools[0].clientConnections == 40)
    }

    @Test("under a plan's per_node the pool follows: 18 workers are 6 processes, 5 × 6 × 2 = 60 connections")
    func underAPlan() throws {
        let model = try ModelLoader.parse(Self.text, file: "following.yaml")
        var capacity = InstalledCapacity(model)
        #expect(capacity.pools(of: model)[0].connectionsRequested(nodes: 2) == 40)
        capacity.workersPerNode = [18]
        #expect(capacity.pools(of: model)[0].instancesPerNode == 6)
        #expect(capacity.pools(of: model)[0].connectionsRequested(nodes: 2) == 60)
        #expect(capacity.provision(model).poolConnections == [60])
        #expect(ConnectionBudget(capacity.pools(of: model), nodes: 2).pools[0].clientConnections == 60)
    }
}
