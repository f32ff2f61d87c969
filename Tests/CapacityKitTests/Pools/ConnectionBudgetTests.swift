import Testing
@testable import CapacityKit

@Suite struct ConnectionBudgetTests {
    static func pool(_ name: String, size: Int, instances: Int = 1, max: Int, reserved: Int = 3,
                     server: String? = nil, pgbouncer: Model.PgBouncer? = nil) -> Model.Pool {
        Model.Pool(name: name, service: "postgres", size: size, instancesPerNode: instances, maxConnections: max,
                   reservedConnections: reserved, holdMS: 70, server: server, pgbouncer: pgbouncer)
    }

    @Test("four workers with pools of 16 need 64 connections, not 16: broken against max_connections 30")
    func aloneBroken() throws {
        let budget = ConnectionBudget([Self.pool("pg", size: 16, instances: 4, max: 30)], nodes: 1)
        let pool = try #require(budget.pools.first)
        #expect(pool.clientConnections == 64 && pool.serverConnections == 64)
        #expect(pool.budget == 27 && pool.headroom == -37 && pool.isBroken)
        #expect(budget.servers == [ConnectionBudget.Server(name: "pg", pools: ["pg"], demand: 64, budget: 27,
                                                           maxConnections: 30, reservedConnections: 3)])
        #expect(budget.servers[0].isBroken && budget.available(to: "pg") == 27)
        // Scaling out doubles the demand: two nodes of one instance with 16 each against 30 − 3.
        let twoNodes = ConnectionBudget([Self.pool("pg", size: 16, max: 30)], nodes: 2)
        #expect(twoNodes.pools[0].headroom == -5 && twoNodes.pools[0].isBroken)
        let fits = ConnectionBudget([Self.pool("pg", size: 16, max: 30)], nodes: 1)
        #expect(fits.pools[0].headroom == 11 && !fits.pools[0].isBroken && !fits.servers[0].isBroken)
    }

    @Test("two pools on one server: each fits alone, together they break it")
    func sharedServer() {
        let pools = [Self.pool("web", size: 16, max: 40, server: "main"), Self.pool("jobs", size: 4, max: 40, server: "main")]
        let budget = ConnectionBudget(pools, nodes: 2)
        #expect(budget.pools.map(\.serverConnections) == [32, 8])
        #expect(budget.pools.allSatisfy { !$0.isBroken })          // 32 ≤ 37 and 8 ≤ 37
        #expect(budget.servers.count == 1 && budget.servers[0].pools == ["web", "jobs"])
        #expect(budget.servers[0].demand == 40 && budget.servers[0].headroom == -3 && budget.servers[0].isBroken)
        #expect(budget.available(to: "web") == 29 && budget.available(to: "jobs") == 5)
        // Without `server:` each pool has a server of its own.
        let apart = ConnectionBudget([Self.pool("web", size: 16, max: 40), Self.pool("jobs", size: 4, max: 40)], nodes: 2)
        #expect(apart.servers.map(\.name) == ["web", "jobs"] && apart.servers.allSatisfy { !$0.isBroken })
    }

    @Test("PgBouncer: only its pool_size reaches the server; the application's connections are its clients")
    func pgbouncer() {
        let bounced = Self.pool("pg", size: 30, instances: 4, max: 100, pgbouncer: Model.PgBouncer(poolSize: 20))
        let budget = ConnectionBudget([bounced], nodes: 1)
        #expect(budget.pools[0].clientConnections == 120 && budget.pools[0].serverConnections == 20)
        #expect(budget.pools[0].headroom == 77 && budget.servers[0].headroom == 77)
        // 120 clients against PgBouncer's default max_client_conn of 100.
        #expect(budget.pools[0].clientLimit == 100 && budget.pools[0].isBroken)
        #expect(bounced.connectionCapacity(nodes: 1) == 20)
        // Without PgBouncer the same pools would be capped at 97 and break the server.
        let direct = Self.pool("pg", size: 30, instances: 4, max: 100)
        #expect(direct.connectionCapacity(nodes: 1) == 97 && ConnectionBudget([direct], nodes: 1).pools[0].headroom == -23)
        let roomy = Self.pool("pg", size: 30, instances: 4, max: 100,
                              pgbouncer: Model.PgBouncer(poolSize: 20, maxClientConnections: 200))
        #expect(!ConnectionBudget([roomy], nodes: 1).pools[0].isBroken)
    }
}
