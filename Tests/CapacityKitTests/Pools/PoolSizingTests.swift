import Testing
@testable import CapacityKit

@Suite struct PoolSizingTests {
    static func pWaitBeyond(_ connections: Int, load: Double, waitMS: Double = 100) -> Double {
        TimeoutQueue(servers: connections, offeredLoad: load, holdMS: 70, timeoutMS: 30_000)
            .pWaitOrTimeout(longerThanMS: waitMS)
    }

    @Test("the smallest per-instance size meeting the target; one smaller misses it")
    func smallestSize() throws {
        // 150 rps × 2 queries × 70 ms = 21 erlangs; 4 instances per node, 1 node.
        let pool = ConnectionBudgetTests.pool("pg", size: 16, instances: 4, max: 100)
        let sizing = PoolSizing(pool: pool, nodes: 1, offeredLoad: 21, available: 97, perConnectionMB: 8,
                                waitMS: 100, target: 0.01)
        let size = try #require(sizing.recommendedSize)
        #expect(Self.pWaitBeyond(4 * size, load: 21) <= 0.01)
        #expect(Self.pWaitBeyond(4 * (size - 1), load: 21) > 0.01)
        #expect(sizing.pgbouncerPoolSize == nil && sizing.largestSizeWithinBudget == 24)
        let needed = try #require(sizing.connectionsNeeded)
        #expect(Self.pWaitBeyond(needed, load: 21) <= 0.01 && Self.pWaitBeyond(needed - 1, load: 21) > 0.01)
        #expect(size == (needed + 3) / 4)
        #expect(sizing.recommended?.servers == 4 * size && sizing.memoryMB == Double(4 * size * 8))
        #expect(sizing.atLargestSize?.servers == 96)
        // More load needs more connections.
        let busier = PoolSizing(pool: pool, nodes: 1, offeredLoad: 40, available: 97, perConnectionMB: 8,
                                waitMS: 100, target: 0.01)
        #expect(try #require(busier.recommendedSize) > size)
    }

    @Test("too many instances for the budget: no per-instance size fits, a PgBouncer pool does")
    func pgbouncerWhenNoSizeFits() throws {
        // 4 nodes × 30 workers = 120 processes against 97 connections: not even 1 each fits.
        let pool = ConnectionBudgetTests.pool("pg", size: 1, instances: 30, max: 100)
        let sizing = PoolSizing(pool: pool, nodes: 4, offeredLoad: 21, available: 97, perConnectionMB: 8,
                                waitMS: 100, target: 0.01)
        #expect(sizing.largestSizeWithinBudget == 0 && sizing.atLargestSize == nil && sizing.recommendedSize == nil)
        let bouncer = try #require(sizing.pgbouncerPoolSize)
        #expect(bouncer == sizing.connectionsNeeded && bouncer <= 97)
        #expect(Self.pWaitBeyond(bouncer, load: 21) <= 0.01 && Self.pWaitBeyond(bouncer - 1, load: 21) > 0.01)
        #expect(sizing.memoryMB == Double(bouncer * 8))
    }

    @Test("when even the whole budget misses the target, nothing is recommended and the need is stated")
    func nothingFits() throws {
        let pool = ConnectionBudgetTests.pool("pg", size: 16, instances: 4, max: 30)
        let sizing = PoolSizing(pool: pool, nodes: 1, offeredLoad: 40, available: 27, perConnectionMB: nil,
                                waitMS: 100, target: 0.01)
        #expect(sizing.recommendedSize == nil && sizing.pgbouncerPoolSize == nil && sizing.recommended == nil)
        #expect(sizing.largestSizeWithinBudget == 6 && sizing.atLargestSize?.servers == 24)
        #expect(try #require(sizing.connectionsNeeded) > 27)
        #expect(sizing.memoryMB == nil)
    }

    @Test("a pool behind PgBouncer is sized by its pool_size")
    func behindPgBouncer() throws {
        let pool = ConnectionBudgetTests.pool("pg", size: 30, instances: 4, max: 100, pgbouncer: Model.PgBouncer(poolSize: 10))
        let sizing = PoolSizing(pool: pool, nodes: 1, offeredLoad: 21, available: 97, perConnectionMB: 8,
                                waitMS: 100, target: 0.01)
        #expect(sizing.recommendedSize == nil && sizing.largestSizeWithinBudget == nil)
        #expect(sizing.pgbouncerPoolSize == sizing.connectionsNeeded && sizing.pgbouncerPoolSize != nil)
    }

    @Test("the quick form's figures: a = rps × queries × hold, c capped by the budget, ρ = a/c")
    func analysis() {
        let pool = Model.Pool(name: "pg", service: "postgres", size: 16, instancesPerNode: 4, maxConnections: 100,
                              queriesPerRequest: 2, holdMS: 70)
        let analysis = PoolAnalysis(pool: pool, among: [pool], nodes: 1, rps: 150, perConnectionMB: nil,
                                    waitMS: 100, target: 0.01)
        #expect(analysis.queriesPerSecond == 300)
        #expect(abs(analysis.offeredLoad - 21) < 1e-12)
        #expect(analysis.queue.servers == 64 && abs(analysis.queue.utilization - 21.0 / 64) < 1e-15)
        #expect(analysis.meetsTarget && analysis.pWaitBeyondTarget == Self.pWaitBeyond(64, load: analysis.offeredLoad))
        #expect(analysis.poolBudget.headroom == 33 && analysis.server.headroom == 33)
    }
}
