import Foundation
import Yams

/// The `scaling:` section: lead time and options.
extension ModelLoader {
    /// The most infrastructure states (node sizes × node counts × sets of connection and workers options) a plan searches.
    static let maximumPlanStates = 512

    /// `scaling`: a default lead time, `allow_overcommit`, and options of five kinds, each with the keys its kind needs:
    /// vertical `memory_mb` and `cost_per_month` (a node size); horizontal optional `memory_mb` and `cost_per_month`
    /// (equal to the host's when given: nodes are alike) and `max_nodes`; limit `service` and `limit_mb` (MB or `auto`);
    /// pool `pool` and `size`; connections `server` and `max_connections`, or `pool` and `pgbouncer`; workers
    /// `worker` and `per_node` (above the pool's own, a multiple of its threads); any `lead_time_days`.
    static func readScaling(_ fields: Fields, host: Model.Host?, services: [Model.Service], pools: [Model.Pool],
                            workers: [Model.Worker], workerNames: Set<String>, _ reader: YAMLReader) -> Model.Scaling {
        let lead = fields.number("lead_time_days", .leadTimeDays) ?? 0
        let overcommit = fields.bool("allow_overcommit", fallback: false) ?? false
        var options: [Model.ScalingOption] = []
        var seen: [String: String] = [:]
        var horizontal: String?
        let kinds = Model.ScalingOption.Kind.allCases.map { "`\($0.rawValue)`" }
        for (node, path) in fields.list("options", required: true, nonEmpty: true) {
            guard let option = reader.fields(node, at: path, allowed: ["name", "kind", "memory_mb", "cost_per_month",
                                                                       "lead_time_days", "service", "limit_mb",
                                                                       "pool", "size", "max_nodes", "server",
                                                                       "max_connections", "pgbouncer", "worker", "per_node"])
            else { continue }
            let name = option.string("name")
            if let name { checkUnique(name, at: option, in: &seen, reader) }
            var kind: Model.ScalingOption.Kind?
            if let text = option.string("kind") {
                kind = Model.ScalingOption.Kind(rawValue: text)
                if kind == nil {
                    reader.report(option["kind"], option.path("kind"),
                                  "\(option.path("kind")) must be one of \(kinds.joined(separator: ", ")); got \(YAMLReader.shown(text))")
                }
            }
            let optionLead = option.has("lead_time_days") ? option.number("lead_time_days", .leadTimeDays) : nil
            guard let name, let kind else { continue }
            /// Reports a key this kind does not take.
            func refuse(_ keys: [String]) {
                for key in keys where option.has(key) {
                    reader.report(option[key], option.path(key), "\(option.path(key)) does not apply to a `\(kind.rawValue)` option",
                                  hint: "remove it, or choose the kind it belongs to")
                }
            }
            /// The pool named by `pool`, reported when it names none.
            func namedPool() -> Model.Pool? {
                guard let pool = option.string("pool", hint: "name the pool") else { return nil }
                guard let found = pools.first(where: { $0.name == pool }) else {
                    reader.report(option["pool"], option.path("pool"), "\(option.path("pool")) names no pool; got \(pool)",
                                  hint: YAMLReader.suggestion(for: pool, among: pools.map(\.name))
                                    .replacingOccurrences(of: "allowed keys", with: "pools are"))
                    return nil
                }
                return found
            }
            switch kind {
            case .vertical:
                refuse(["service", "limit_mb", "pool", "size", "max_nodes", "server", "max_connections", "pgbouncer", "worker", "per_node"])
                let memory = option.number("memory_mb", .memoryMB)
                let cost = option.number("cost_per_month", .cost)
                if let memory, let cost {
                    options.append(Model.ScalingOption(name: name, kind: kind, memoryMB: memory, costPerMonth: cost,
                                                       leadTimeDays: optionLead))
                }
            case .horizontal:
                refuse(["service", "limit_mb", "pool", "size", "server", "max_connections", "pgbouncer", "worker", "per_node"])
                if let first = horizontal {
                    reader.report(option.node, path, "\(path) is a second `horizontal` option (the first is `\(first)`)",
                                  hint: "nodes are alike: one horizontal option adds a node of the size in force, up to its max_nodes")
                }
                horizontal = name
                // Nodes are alike: a new node has the size and per-node cost in force (the vertical options are the sizes).
                for (key, expected, unit) in [("memory_mb", host?.memoryMB, " MB"), ("cost_per_month", host?.costPerMonth, "")] {
                    if option.has(key), let value = option.number(key, key == "memory_mb" ? .memoryMB : .cost),
                       let expected, value != expected {
                        reader.report(option[key], option.path(key),
                                      "\(option.path(key)) must equal host.\(key) (\(NumberFormat.exact(expected))\(unit)) when given; got \(NumberFormat.exact(value))",
                                      hint: "nodes are alike: a new node has the size and per-node cost in force; "
                                        + "give larger sizes as `vertical` options, or leave the key out")
                    }
                }
                let nodes = host?.nodes ?? 1
                let maxNodes = option.integer("max_nodes", .nodes, fallback: min(nodes + 3, 1_000))
                if let maxNodes, maxNodes <= nodes {
                    reader.report(option["max_nodes"] ?? option.node, option.has("max_nodes") ? option.path("max_nodes") : path,
                                  option.has("max_nodes")
                                    ? "\(option.path("max_nodes")) must be > host.nodes (\(nodes)); got \(maxNodes)"
                                    : "\(path) adds nodes, but host.nodes is already \(nodes), the most",
                                  hint: "the option adds nodes up to max_nodes")
                }
                if let host, let maxNodes, maxNodes > nodes {
                    options.append(Model.ScalingOption(name: name, kind: kind, memoryMB: host.memoryMB, costPerMonth: host.costPerMonth,
                                                       leadTimeDays: optionLead, maxNodes: maxNodes))
                }
            case .limit:
                refuse(["memory_mb", "pool", "size", "max_nodes", "server", "max_connections", "pgbouncer", "worker", "per_node"])
                let cost = option.number("cost_per_month", .cost, fallback: 0)
                let service = option.string("service", hint: "name the service whose limit_mb changes")
                if let service, !services.contains(where: { $0.name == service && $0.limitMB != nil }) {
                    let limited = services.filter { $0.limitMB != nil }.map(\.name)
                    reader.report(option["service"], option.path("service"),
                                  "\(option.path("service")) must name a service with a limit_mb; got \(service)",
                                  hint: YAMLReader.suggestion(for: service, among: limited)
                                    .replacingOccurrences(of: "allowed keys", with: "services with a limit are"))
                }
                var target: Model.ScalingOption.LimitTarget?
                if let node = option.value("limit_mb", required: true, hint: "a number of MB, or `auto` (what the forecast says it needs)") {
                    if node.scalar?.string == "auto" {
                        target = .auto
                    } else if let value = Fields.number(node, at: option.path("limit_mb"), .memoryMB, percent: false, reader: reader) {
                        target = .megabytes(value)
                        if let base = services.first(where: { $0.name == service })?.memory.baseMB, value <= base {
                            reader.report(node, option.path("limit_mb"),
                                          "\(option.path("limit_mb")) must be > memory.base_mb of `\(service ?? "")` (\(NumberFormat.exact(base))); got \(NumberFormat.exact(value))",
                                          hint: "the container could not start")
                        }
                    }
                }
                if let service, let target, let cost {
                    options.append(Model.ScalingOption(name: name, kind: kind, costPerMonth: cost, leadTimeDays: optionLead,
                                                       service: service, limit: target))
                }
            case .pool:
                refuse(["memory_mb", "service", "limit_mb", "max_nodes", "server", "max_connections", "pgbouncer", "worker", "per_node"])
                let cost = option.number("cost_per_month", .cost, fallback: 0)
                let pool = namedPool()
                let size = option.integer("size", .poolSize)
                if let pool, let size, let cost {
                    options.append(Model.ScalingOption(name: name, kind: kind, costPerMonth: cost, leadTimeDays: optionLead,
                                                       pool: pool.name, size: size))
                }
            case .connections:
                refuse(["memory_mb", "service", "limit_mb", "size", "max_nodes", "worker", "per_node"])
                let cost = option.number("cost_per_month", .cost, fallback: 0)
                if option.has("pgbouncer") {
                    refuse(["server", "max_connections"])
                    let pool = namedPool()
                    var bouncer: Model.PgBouncer?
                    if let fields = option.fields("pgbouncer", allowed: ["pool_size", "max_client_conn"]) {
                        let size = fields.integer("pool_size", .poolSize, fallback: 10_000)
                        let clients = fields.integer("max_client_conn", .clientConnections, fallback: 100)
                        if let size, let clients { bouncer = Model.PgBouncer(poolSize: size, maxClientConnections: clients) }
                    }
                    if let pool, pool.pgbouncer != nil {
                        reader.report(option["pgbouncer"], option.path("pgbouncer"),
                                      "\(option.path("pgbouncer")) puts a PgBouncer in front of pool `\(pool.name)`, which has one already",
                                      hint: "raise the server's max_connections instead (`server:` and `max_connections:`)")
                    } else if let pool, let bouncer, let cost {
                        options.append(Model.ScalingOption(name: name, kind: kind, costPerMonth: cost, leadTimeDays: optionLead,
                                                           pool: pool.name, pgbouncer: bouncer))
                    }
                } else {
                    refuse(["pool"])
                    let servers = pools.map(\.serverName)
                    let server = option.string("server", hint: "name the database server (a pool's `server`, or its name), "
                                                + "or give `pool` and `pgbouncer: {pool_size}`")
                    if let server, !servers.contains(server) {
                        reader.report(option["server"], option.path("server"), "\(option.path("server")) names no database server; got \(server)",
                                      hint: YAMLReader.suggestion(for: server, among: servers)
                                        .replacingOccurrences(of: "allowed keys", with: "servers are"))
                    }
                    let connections = option.integer("max_connections", .maxConnections)
                    if let server, let current = pools.first(where: { $0.serverName == server }), let connections,
                       connections <= current.maxConnections {
                        reader.report(option["max_connections"], option.path("max_connections"),
                                      "\(option.path("max_connections")) must be > the server's max_connections (\(current.maxConnections)); got \(connections)",
                                      hint: "the option raises it")
                    } else if let server, servers.contains(server), let connections, let cost {
                        options.append(Model.ScalingOption(name: name, kind: kind, costPerMonth: cost, leadTimeDays: optionLead,
                                                           server: server, maxConnections: connections))
                    }
                }
            case .workers:
                refuse(["memory_mb", "service", "limit_mb", "pool", "size", "max_nodes", "server", "max_connections", "pgbouncer"])
                let cost = option.number("cost_per_month", .cost, fallback: 0)
                let worker = workerReference(option, key: "worker", workers: workers, declared: workerNames,
                                             hint: "name the worker pool whose per_node the option raises", reader)
                let perNode = option.integer("per_node", .workersPerNode)
                if let worker, let perNode {
                    if perNode <= worker.perNode {
                        reader.report(option["per_node"], option.path("per_node"),
                                      "\(option.path("per_node")) must be > per_node of worker pool `\(worker.name)` (\(worker.perNode)); got \(perNode)",
                                      hint: "the option raises per_node: give the most workers per node the plan may set")
                    } else if perNode % worker.threads != 0 {
                        reader.report(option["per_node"], option.path("per_node"),
                                      "\(option.path("per_node")) must be a multiple of worker pool `\(worker.name)`'s threads (\(worker.threads)); got \(perNode)",
                                      hint: "per_node counts processes × threads")
                    } else if let cost {
                        options.append(Model.ScalingOption(name: name, kind: kind, costPerMonth: cost, leadTimeDays: optionLead,
                                                           worker: worker.name, perNode: perNode))
                    }
                }
            }
        }
        // The plan searches every node size × node count × set of connection and workers options: keep that bounded.
        let sizes = 1 + options.filter { $0.kind == .vertical && $0.memoryMB > (host?.memoryMB ?? 0) }.count
        let counts = (options.first { $0.kind == .horizontal }?.maxNodes).map { $0 - (host?.nodes ?? 1) + 1 } ?? 1
        let connections = options.filter { $0.kind == .connections }.count
        let workerOptions = options.filter { $0.kind == .workers }.count
        let bits = connections + workerOptions
        let states = bits > 20 ? Int.max : sizes * counts << bits
        if states > maximumPlanStates {
            let sets = workerOptions == 0 ? "2^\(connections) sets of connection options"
                : "2^\(bits) sets of connection and workers options"
            reader.report(fields["options"], fields.path("options"),
                          "\(fields.path("options")) give the plan \(states == Int.max ? "more than 10⁶" : NumberFormat.grouped(states)) "
                            + "infrastructure states to search (\(sizes) node sizes × \(counts) node counts × \(sets)); "
                            + "at most \(NumberFormat.grouped(maximumPlanStates))",
                          hint: workerOptions == 0 ? "fewer vertical or connections options, or a smaller max_nodes"
                            : "fewer vertical, connections or workers options, or a smaller max_nodes")
        }
        return Model.Scaling(leadTimeDays: lead, options: options, allowOvercommit: overcommit)
    }
}
