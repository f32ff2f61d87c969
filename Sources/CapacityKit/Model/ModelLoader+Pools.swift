import Foundation
import Yams

/// The `pools:` section (and a pool's `pgbouncer:`; a pool's `workers:`, the worker pool whose
/// processes hold it).
extension ModelLoader {
    static func readPools(_ top: Fields, services: [Model.Service], workers: [Model.Worker], workerNames: Set<String>, defaults: Model.Thresholds?,
                          _ reader: YAMLReader) -> [Model.Pool] {
        var pools: [Model.Pool] = []
        var seen: [String: String] = [:], columns: [String: String] = [:]
        let allowed = ["name", "service", "size", "instances_per_node", "max_connections", "reserved_connections",
                       "queries_per_request", "hold_ms", "timeout_ms", "thresholds", "server", "pgbouncer", "workers"]
        for (node, path) in top.list("pools") {
            guard let fields = reader.fields(node, at: path, allowed: allowed) else { continue }
            let name = fields.string("name")
            if let name { checkUnique(name, at: fields, in: &seen, columns: &columns, reader) }
            let service = serviceReference(fields, services: services, reader)
            let size = fields.integer("size", .poolSize)
            // `workers:` ties the instances to a worker pool's processes (one pool each); then
            // instances_per_node is theirs, not a number of its own.
            var worker: Model.Worker?
            if fields.has("workers") {
                worker = workerReference(fields, key: "workers", workers: workers, declared: workerNames,
                                         hint: "name the worker pool whose processes hold the pool", reader)
                if fields.has("instances_per_node") {
                    reader.report(fields["instances_per_node"], fields.path("instances_per_node"),
                                  "\(fields.path("instances_per_node")) and \(fields.path("workers")) are both given",
                                  hint: "with `workers:` the pool's instances are the worker pool's processes "
                                    + "(per_node ÷ threads); remove instances_per_node")
                }
            }
            let instances = worker.map(\.processes) ?? fields.integer("instances_per_node", .instancesPerNode, fallback: 1)
            let maxConnections = fields.integer("max_connections", .maxConnections)
            let reserved = fields.integer("reserved_connections", .reservedConnections, fallback: 3)
            let queries = fields.number("queries_per_request", .queriesPerRequest, fallback: 1)
            let hold = fields.number("hold_ms", .holdMS)
            let timeout = fields.number("timeout_ms", .timeoutMS, fallback: 30_000)
            let levels = readLevels(fields, defaults: defaults)
            let server = fields.has("server") ? fields.string("server") : nil
            let pgbouncer = readPgBouncer(fields)
            if let name, let service, let size, let instances, let maxConnections, let reserved, let queries,
               let hold, let timeout, let levels, fields.has("server") == (server != nil), let pgbouncer,
               fields.has("workers") == (worker != nil) {
                pools.append(Model.Pool(name: name, service: service, size: size, instancesPerNode: instances,
                                        maxConnections: maxConnections, reservedConnections: reserved,
                                        queriesPerRequest: queries, holdMS: hold, timeoutMS: timeout, thresholds: levels,
                                        server: server, pgbouncer: pgbouncer, workers: worker?.name))
            }
        }
        return pools
    }

    /// A pool's optional `pgbouncer: {pool_size, max_client_conn}`: `.some(nil)` when
    /// absent, nil when invalid (reported). ``ModelRules`` checks pool_size against the server.
    static func readPgBouncer(_ pool: Fields) -> Model.PgBouncer?? {
        guard pool.has("pgbouncer") else { return .some(nil) }
        guard let fields = pool.fields("pgbouncer", allowed: ["pool_size", "max_client_conn"]) else { return nil }
        let size = fields.integer("pool_size", .poolSize)
        let clients = fields.integer("max_client_conn", .clientConnections, fallback: 100)
        guard let size, let clients else { return nil }
        return .some(Model.PgBouncer(poolSize: size, maxClientConnections: clients))
    }
}
