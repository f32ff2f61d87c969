import Foundation
import Testing
@testable import CapacityKit

/// Pool keys of the model file: `server`, `pgbouncer` and the ranges of the queue's inputs.
@Suite struct ModelLoaderPoolTests {
    /// A valid model with two pools; each test changes one thing.
    static let base = """
    version: 1
    name: pools
    start: 2026-12
    host: {memory_mb: 4000, reserved_mb: 500, nodes: 2}
    traffic: {rps: 100, growth: {mean: 0.2}}
    services:
      - {name: postgres, memory: {base_mb: 400, per_connection_mb: 8}}
    pools:
      - {name: web, service: postgres, size: 16, max_connections: 100, hold_ms: 70, server: main}
      - {name: jobs, service: postgres, size: 4, max_connections: 100, hold_ms: 200, server: main}

    """

    static func diagnostics(replacing old: String, with new: String) -> [Diagnostic] {
        precondition(base.contains(old), "test setup: \(old) is not in the base model")
        do {
            _ = try ModelLoader.parse(base.replacingOccurrences(of: old, with: new), file: "pools.yaml")
            return []
        } catch let error as ModelError {
            return error.diagnostics
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    @Test("server and pgbouncer are read; pgbouncer's max_client_conn defaults to 100")
    func validKeys() throws {
        let model = try ModelLoader.parse(Self.base.replacingOccurrences(of: "hold_ms: 200, server: main",
                                                                         with: "hold_ms: 200, server: main, pgbouncer: {pool_size: 20}"),
                                          file: "pools.yaml")
        #expect(model.pools.map(\.server) == ["main", "main"])
        #expect(model.pools[0].pgbouncer == nil)
        #expect(model.pools[1].pgbouncer == Model.PgBouncer(poolSize: 20, maxClientConnections: 100))
        // PgBouncer's pool_size is the c of the queue; without it, nodes × instances × size capped by the budget.
        #expect(model.pools[1].connectionCapacity(nodes: 2) == 8)        // 2 × 1 × 4 clients < 20
        #expect(model.pools[0].connectionCapacity(nodes: 2) == 32)
        let withoutServer = try ModelLoader.parse(Self.base.replacingOccurrences(of: ", server: main", with: ""),
                                                  file: "pools.yaml")
        #expect(withoutServer.pools.map(\.serverName) == ["web", "jobs"])
    }

    @Test("bad pool values: location, key path, value and allowed range")
    func badValues() {
        #expect(Self.diagnostics(replacing: "hold_ms: 70", with: "hold_ms: 0").map(\.description)
                == ["pools.yaml:9:77: pools[0].hold_ms must be > 0 ms and ≤ 10,000,000 ms; got 0"])
        #expect(Self.diagnostics(replacing: "hold_ms: 70", with: "hold_ms: -5").first?.message
                == "pools[0].hold_ms must be > 0 ms and ≤ 10,000,000 ms; got -5")
        #expect(Self.diagnostics(replacing: "size: 16", with: "size: 0").map(\.description)
                == ["pools.yaml:9:42: pools[0].size must be ≥ 1 and ≤ 10,000; got 0"])
        #expect(Self.diagnostics(replacing: "size: 16,", with: "size: 16, queries_per_request: 0,").first?.message
                == "pools[0].queries_per_request must be > 0 and ≤ 10,000; got 0")
        #expect(Self.diagnostics(replacing: "size: 16, max_connections: 100", with: "size: 16, max_connections: 300000")
                    .first?.message
                == "pools[0].max_connections must be ≥ 1 and ≤ 262,143 (PostgreSQL's largest max_connections); got 300000")
        #expect(Self.diagnostics(replacing: "name: web, service: postgres", with: "name: web, service: postgress")
                    .first?.description
                == "pools.yaml:9:26: pools[0].service names no service; got postgress; did you mean `postgres`?")
    }

    @Test("pgbouncer.pool_size above max_connections − reserved, and unknown PgBouncer keys")
    func badPgBouncer() {
        let found = Self.diagnostics(replacing: "hold_ms: 70, server: main",
                                     with: "hold_ms: 70, server: main, pgbouncer: {pool_size: 98}")
        #expect(found.map(\.description) == [
            "pools.yaml:9:118: pools[0].pgbouncer.pool_size must be ≤ max_connections − reserved_connections (97); got 98; "
                + "PgBouncer's server connections count against the server's max_connections",
        ])
        #expect(Self.diagnostics(replacing: "hold_ms: 70, server: main",
                                 with: "hold_ms: 70, server: main, pgbouncer: {pool_size: 0}").first?.message
                == "pools[0].pgbouncer.pool_size must be ≥ 1 and ≤ 10,000; got 0")
        #expect(Self.diagnostics(replacing: "hold_ms: 70, server: main",
                                 with: "hold_ms: 70, server: main, pgbouncer: {pool_size: 10, max_clients: 5}")
                    .first?.description
                == "pools.yaml:9:122: unknown key `max_clients` in pools[0].pgbouncer; did you mean `max_client_conn`?")
    }

    @Test("pools sharing a server must agree on its limits")
    func sharedServer() {
        let found = Self.diagnostics(replacing: "size: 4, max_connections: 100", with: "size: 4, max_connections: 50")
        #expect(found.map(\.description) == [
            "pools.yaml:10:63: pools[1].max_connections must be 100 like pool `web`'s, which shares server `main`; got 50; "
                + "pools naming one server share its limits",
        ])
        #expect(Self.diagnostics(replacing: "size: 4, max_connections: 100, hold_ms: 200, server: main",
                                 with: "size: 4, max_connections: 50, hold_ms: 200, server: other").isEmpty)
    }

    static func warnings(replacing old: String, with new: String) throws -> [String] {
        precondition(base.contains(old), "test setup: \(old) is not in the base model")
        let model = try ModelLoader.validate(base.replacingOccurrences(of: old, with: new), file: "pools.yaml", today: nil)
        return model.findings.filter { $0.severity == .warning }.map(\.description)
    }

    @Test("warnings: pools that together break their shared server, clients beyond PgBouncer's max_client_conn")
    func budgetWarnings() throws {
        // 2 nodes × 16 + 2 nodes × 4 = 40 against 40 − 3: each alone fits, together they do not.
        let shared = try Self.warnings(replacing: "max_connections: 100", with: "max_connections: 40")
        #expect(shared == [
            "pools.yaml:10:89: warning: the pools on server `main` (web, jobs) open 40 connections together, more than it "
                + "accepts (max_connections 40 − reserved 3 = 37); smaller pools, or a PgBouncer in front "
                + "(pgbouncer: {pool_size: N}); `capacity pools` sizes them",
        ])
        // 2 nodes × 16 = 32 clients against max_client_conn 20; PgBouncer's 10 server connections fit.
        let clients = try Self.warnings(replacing: "hold_ms: 70, server: main",
                                        with: "hold_ms: 70, server: main, pgbouncer: {pool_size: 10, max_client_conn: 20}")
        #expect(clients.count == 1 && clients[0].contains("warning: pools[0] opens 32 connections to PgBouncer, more than its max_client_conn (20)"))
    }
}
