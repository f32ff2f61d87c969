import Testing
@testable import CapacityKit

/// `scaling.options` of every kind, and located errors for what cannot work.
@Suite struct ScalingOptionLoaderTests {
    static let head = """
    version: 1
    name: scaling
    start: 2026-12
    host: {memory_mb: 4000, reserved_mb: 500, cost_per_month: 25}
    traffic: {rps: 100, growth: {mean: 0.2}}
    services:
      - {name: api, memory: {base_mb: 250, per_rps_mb: 1.2}, limit_mb: 500}
      - {name: postgres, memory: {base_mb: 400, per_connection_mb: 8}}
    pools:
      - {name: pg, service: postgres, size: 16, max_connections: 50, hold_ms: 70}
    scaling:
      lead_time_days: 14
      options:

    """

    func load(_ options: String) throws -> Model { try ModelLoader.parse(Self.head + options, file: "s.yaml") }

    func errors(_ options: String) -> [String] { printedErrors(Self.head + options, file: "s.yaml") }

    @Test("every kind reads, with its own lead time or the model's")
    func kinds() throws {
        let model = try load("""
            - {name: 8GB, kind: vertical, memory_mb: 8000, cost_per_month: 50}
            - {name: node, kind: horizontal, memory_mb: 4000, cost_per_month: 25, lead_time_days: 21}
            - {name: api 800, kind: limit, service: api, limit_mb: 800}
            - {name: api auto, kind: limit, service: api, limit_mb: auto, cost_per_month: 1}
            - {name: pg 24, kind: pool, pool: pg, size: 24}
            - {name: bouncer, kind: connections, pool: pg, pgbouncer: {pool_size: 40}, cost_per_month: 5}
            - {name: pg 200, kind: connections, server: pg, max_connections: 200, lead_time_days: 3}
        """)
        let options = try #require(model.scaling?.options)
        #expect(options.map(\.kind) == [.vertical, .horizontal, .limit, .limit, .pool, .connections, .connections])
        #expect(options.map(\.leadTimeDays) == [nil, 21, nil, nil, nil, nil, 3])
        // A node alike: the host's size and price; max_nodes defaults to host.nodes + 3.
        #expect(options[1].memoryMB == 4000 && options[1].costPerMonth == 25 && options[1].maxNodes == 4)
        #expect(options[5].pool == "pg" && options[5].pgbouncer == Model.PgBouncer(poolSize: 40) && options[5].costPerMonth == 5)
        #expect(options[6].server == "pg" && options[6].maxConnections == 200)
        #expect(options[2].limit == .megabytes(800) && options[3].limit == .auto && options[3].costPerMonth == 1)
        #expect(options[4].pool == "pg" && options[4].size == 24 && options[4].costPerMonth == 0)
    }

    @Test("located errors: a limit option naming no limited service, a missing limit_mb, an unknown pool, a stray key")
    func errors() {
        #expect(errors("    - {name: x, kind: limit, service: apj, limit_mb: 800}\n") == [
            "s.yaml:14:39: scaling.options[0].service must name a service with a limit_mb; got apj; did you mean `api`?"])
        #expect(errors("    - {name: x, kind: limit, service: postgres, limit_mb: 800}\n").first?
            .contains("scaling.options[0].service must name a service with a limit_mb; got postgres") == true)
        #expect(errors("    - {name: x, kind: limit, service: api}\n").first?
            .contains("scaling.options[0] is missing required key `limit_mb`") == true)
        #expect(errors("    - {name: x, kind: limit, service: api, limit_mb: 200}\n").first?
            .contains("scaling.options[0].limit_mb must be > memory.base_mb of `api` (250); got 200") == true)
        #expect(errors("    - {name: x, kind: pool, pool: pgg, size: 20}\n").first?
            .contains("scaling.options[0].pool names no pool; got pgg; did you mean `pg`?") == true)
        #expect(errors("    - {name: x, kind: pool, pool: pg, size: 20, memory_mb: 4}\n").first?
            .contains("scaling.options[0].memory_mb does not apply to a `pool` option") == true)
        #expect(errors("    - {name: x, kind: diagonal, memory_mb: 4, cost_per_month: 1}\n").first?
            .contains("scaling.options[0].kind must be one of `vertical`, `horizontal`, `limit`, `pool`, `connections`, `workers`; got diagonal") == true)
    }

    @Test("located errors: a horizontal node unlike the host, two horizontal options, max_nodes, connections")
    func planErrors() {
        #expect(errors("    - {name: n, kind: horizontal, memory_mb: 8000}\n") == [
            "s.yaml:14:46: scaling.options[0].memory_mb must equal host.memory_mb (4000 MB) when given; got 8000; nodes are alike: "
                + "a new node has the size and per-node cost in force; give larger sizes as `vertical` options, or leave the key out"])
        #expect(errors("    - {name: n, kind: horizontal, cost_per_month: 30}\n").first?
            .contains("scaling.options[0].cost_per_month must equal host.cost_per_month (25) when given; got 30") == true)
        #expect(errors("    - {name: a, kind: horizontal}\n    - {name: b, kind: horizontal}\n").first?
            .contains("scaling.options[1] is a second `horizontal` option (the first is `a`)") == true)
        #expect(errors("    - {name: n, kind: horizontal, max_nodes: 1}\n").first?
            .contains("scaling.options[0].max_nodes must be > host.nodes (1); got 1") == true)
        // The plan's search space: 2 sizes × 100 node counts × 2^2 = 800 states > 512.
        #expect(errors("""
                - {name: n, kind: horizontal, max_nodes: 100}
                - {name: big, kind: vertical, memory_mb: 8000, cost_per_month: 50}
                - {name: c1, kind: connections, server: pg, max_connections: 100}
                - {name: c2, kind: connections, server: pg, max_connections: 200}

            """).first?.contains("scaling.options give the plan 800 infrastructure states to search "
                                 + "(2 node sizes × 100 node counts × 2^2 sets of connection options); at most 512") == true)
        #expect(errors("    - {name: c, kind: connections, server: pgg, max_connections: 100}\n").first?
            .contains("scaling.options[0].server names no database server; got pgg; did you mean `pg`?") == true)
        #expect(errors("    - {name: c, kind: connections, server: pg, max_connections: 40}\n").first?
            .contains("scaling.options[0].max_connections must be > the server's max_connections (50); got 40") == true)
        #expect(errors("    - {name: c, kind: connections, pool: pg, pgbouncer: {pool_size: 10}, max_connections: 100}\n").first?
            .contains("scaling.options[0].max_connections does not apply to a `connections` option") == true)
    }
}
