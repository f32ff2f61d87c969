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

    /// By hand: the month's P90 load is 10 erlangs, but 1 % of its paths reach L = 15.4. The verdict fails
    /// a month at P(saturated) = P(a ≥ c) ≥ 1 %, so the pool needs c > 15.4: 16 connections, 16 per
    /// instance (1 instance, 1 node). At c = 16 and a = L the timeout share is negligible (patience
    /// τ/h = 30,000/70 ≈ 428 holding times against a drift of c − a = 0.6 per holding time: ≈ e^(−257)),
    /// so the timeout rule does not add to it.
    @Test("with a month's tail load the size keeps P(saturated) below the risk level: c > L = 15.4 → 16 connections")
    func tailLoadBinds() throws {
        let pool = ConnectionBudgetTests.pool("pg", size: 8, instances: 1, max: 100)
        let atP90 = PoolSizing(pool: pool, nodes: 1, offeredLoad: 10, available: 97, perConnectionMB: 8,
                               waitMS: 100, target: 0.01)
        let withTail = PoolSizing(pool: pool, nodes: 1, offeredLoad: 10, available: 97, perConnectionMB: 8,
                                  waitMS: 100, target: 0.01, tailLoad: 15.4)
        // Read at the P90 load alone, the size leaves the tail saturated (fewer than 15.4 connections).
        #expect(try #require(atP90.connectionsNeeded) < 16)
        #expect(withTail.connectionsNeeded == 16 && withTail.recommendedSize == 16 && withTail.recommended?.servers == 16)
        #expect(withTail.tailLoad == 15.4 && withTail.memoryMB == 128)
        #expect(TimeoutQueue(servers: 16, offeredLoad: 15.4, holdMS: 70, timeoutMS: 30_000).timeoutShare < 1e-100)
        // Exactly at the tail load is not enough: c must exceed it.
        let onTheLoad = PoolSizing(pool: pool, nodes: 1, offeredLoad: 10, available: 97, perConnectionMB: 8,
                                   waitMS: 100, target: 0.01, tailLoad: 16)
        #expect(onTheLoad.connectionsNeeded == 17)
        // A short timeout (50 ms, under a holding time) makes the timeout rule bind: 0.1 % of queries at most
        // time out at L, which takes more than c = 16.
        let short = Model.Pool(name: "pg", service: "postgres", size: 8, instancesPerNode: 1, maxConnections: 100,
                               reservedConnections: 3, holdMS: 70, timeoutMS: 50)
        let strict = PoolSizing(pool: short, nodes: 1, offeredLoad: 10, available: 97, perConnectionMB: 8,
                                waitMS: 100, target: 0.01, tailLoad: 15.4)
        let needed = try #require(strict.connectionsNeeded)
        #expect(needed > 16)
        #expect(TimeoutQueue(servers: needed, offeredLoad: 15.4, holdMS: 70, timeoutMS: 50).timeoutShare < 0.001)
        #expect(TimeoutQueue(servers: needed - 1, offeredLoad: 15.4, holdMS: 70, timeoutMS: 50).timeoutShare >= 0.001
                || Self.pWaitBeyond(needed - 1, load: 10) > 0.01)
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
