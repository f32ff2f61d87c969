/// The rules a typed ``Model`` must satisfy beyond each value's own range,
/// whether it was read from a file or built in code (a scaling option, a
/// calibrated model): the same rules, one place.
///
/// Each finding names the key path it concerns; ``ModelLoader`` turns the path
/// into a file location, ``ValidatedModel/init(_:today:)`` prints it bare.
enum ModelRules {
    /// A problem or remark about a model, located by key path.
    struct Finding: Equatable {
        var path: String
        var severity: Diagnostic.Severity
        var message: String
        var hint: String?
    }

    /// Every finding about `model`, in model order. `today` is the current
    /// calendar month (an input, never read from a clock here); nil skips the
    /// start-in-the-past note.
    static func findings(_ model: Model, today: YearMonth?) -> [Finding] {
        var findings: [Finding] = []
        func error(_ path: String, _ message: String, hint: String? = nil) {
            findings.append(Finding(path: path, severity: .error, message: message, hint: hint))
        }
        func exact(_ value: Double) -> String { NumberFormat.exact(value) }

        if let today, let finding = startFinding(model.start, today: today, explicit: false) { findings.append(finding) }
        let host = model.host
        if host.reservedMB >= host.memoryMB {
            error("host.reserved_mb", "host.reserved_mb must be < host.memory_mb (\(exact(host.memoryMB))); got \(exact(host.reservedMB))",
                  hint: "usable memory = memory_mb − reserved_mb must be positive")
        }
        check(model.thresholds.levels, at: "thresholds", into: &findings)
        for (index, service) in model.services.enumerated() {
            let path = "services[\(index)]"
            if let limit = service.limitMB, service.memory.baseMB >= limit {
                error("\(path).limit_mb",
                      "\(path).limit_mb must be > memory.base_mb (\(exact(service.memory.baseMB))); got \(exact(limit)): "
                        + "`\(service.name)` needs more than its limit before it serves a request, so the container cannot start",
                      hint: "raise limit_mb above \(exact(service.memory.baseMB)) MB, or correct base_mb")
            }
            if let levels = service.thresholds { check(levels, at: "\(path).thresholds", into: &findings) }
        }
        let limits = model.services.compactMap(\.limitMB).reduce(0, +)
        if host.usableMB > 0, limits > host.usableMB {
            findings.append(Finding(
                path: "services", severity: .warning,
                message: "the services' limit_mb add up to \(exact(limits)) MB, more than the \(exact(host.usableMB)) MB usable per node: "
                    + "the host is overcommitted",
                hint: "the host can run out of memory before any container reaches its limit; the forecast's host resource shows when"))
        }
        for (index, pool) in model.pools.enumerated() {
            let path = "pools[\(index)]"
            if pool.reservedConnections >= pool.maxConnections {
                error("\(path).reserved_connections",
                      "\(path).reserved_connections must be < max_connections (\(pool.maxConnections)); got \(pool.reservedConnections)",
                      hint: "no connection would be left for the application")
                continue
            }
            if let bouncer = pool.pgbouncer, bouncer.poolSize > pool.connectionsAccepted {
                error("\(path).pgbouncer.pool_size",
                      "\(path).pgbouncer.pool_size must be ≤ max_connections − reserved_connections "
                        + "(\(pool.connectionsAccepted)); got \(bouncer.poolSize)",
                      hint: "PgBouncer's server connections count against the server's max_connections")
            }
            if let server = pool.server,
               let first = model.pools[..<index].firstIndex(where: { $0.server == server }) {
                let other = model.pools[first]
                for (key, value, expected) in [("max_connections", pool.maxConnections, other.maxConnections),
                                               ("reserved_connections", pool.reservedConnections, other.reservedConnections)]
                where value != expected {
                    error("\(path).\(key)",
                          "\(path).\(key) must be \(expected) like pool `\(other.name)`'s, which shares server `\(server)`; got \(value)",
                          hint: "pools naming one server share its limits")
                }
            }
            let requested = pool.connectionsRequested(nodes: host.nodes)
            if let bouncer = pool.pgbouncer {
                if requested > bouncer.maxClientConnections {
                    findings.append(Finding(
                        path: "\(path).pgbouncer.max_client_conn", severity: .warning,
                        message: "\(path) opens \(requested) connections to PgBouncer, more than its max_client_conn "
                            + "(\(bouncer.maxClientConnections)): the application's connections beyond it are refused",
                        hint: "raise pgbouncer.max_client_conn to \(requested)"))
                }
            } else if requested > pool.connectionsAccepted {
                findings.append(Finding(
                    path: "\(path).size", severity: .warning,
                    message: "\(path) asks for \(host.nodes) node\(host.nodes == 1 ? "" : "s") × \(pool.instancesPerNode) "
                        + "instance\(pool.instancesPerNode == 1 ? "" : "s") × \(pool.size) connections = \(requested), "
                        + "more than the server accepts (max_connections \(pool.maxConnections) − reserved \(pool.reservedConnections) "
                        + "= \(pool.connectionsAccepted)): the forecast counts \(pool.connectionsAccepted) connections and "
                        + "reports the pool failing whenever offered load reaches them",
                    hint: "at most \(max(1, pool.connectionsAccepted / max(1, host.nodes * pool.instancesPerNode))) per instance "
                        + "fits, or raise max_connections"))
            }
            if let levels = pool.thresholds { check(levels, at: "\(path).thresholds", into: &findings) }
        }
        findings += sharedServerFindings(model)
        findings += workerFindings(model)
        if !(model.thresholds.risk > 0 && model.thresholds.risk < 1) {
            error("thresholds.risk", "thresholds.risk must be in (0, 1); got \(exact(model.thresholds.risk))",
                  hint: "for example `risk: 1%`")
        }
        return findings
    }

    /// The note on a `start` before `today`, or nil. The file's `start` (`explicit`
    /// false) is forecast from today (``Model/forecastingFrom(today:)``): the note says
    /// so and how old the inputs are. A `--start` in the past (`explicit`) is forecast
    /// from that month: its first months are in the past.
    static func startFinding(_ start: YearMonth, today: YearMonth, explicit: Bool) -> Finding? {
        guard start < today else { return nil }
        let behind = today.months(since: start)
        let gap = "start \(start) is \(behind) month\(behind == 1 ? "" : "s") before the current month \(today)"
        if explicit {
            return Finding(path: "start", severity: .note, message: "\(gap): the forecast's first months are in the past")
        }
        let age = InputsAge(month: start, months: behind)
        return Finding(path: "start", severity: .note, message: "\(gap): forecasts begin at \(today) and \(age.simulated)",
                       hint: age.warning)
    }

    /// Pools sharing a `server:` whose connections together exceed what it accepts
    /// (each pool alone is checked above): a warning on the pool that tips it over.
    private static func sharedServerFindings(_ model: Model) -> [Finding] {
        let budget = ConnectionBudget(model.pools, nodes: model.host.nodes)
        return budget.servers.filter { $0.pools.count > 1 && $0.isBroken }.compactMap { server in
            guard let index = model.pools.lastIndex(where: { $0.serverName == server.name }) else { return nil }
            return Finding(
                path: "pools[\(index)].server", severity: .warning,
                message: "the pools on server `\(server.name)` (\(server.pools.joined(separator: ", "))) open "
                    + "\(server.demand) connections together, more than it accepts (max_connections \(server.maxConnections) "
                    + "− reserved \(server.reservedConnections) = \(server.budget))",
                hint: "smaller pools, or a PgBouncer in front (pgbouncer: {pool_size: N}); `capacity pools` sizes them")
        }
    }

    /// A worker pool's rules across keys: a measured service time's p95 above its p50 (and at
    /// most ``NumberRule/maximumServiceSpread`` times it), an SLO with p95_ms and/or p99_ms
    /// (p99_ms ≥ p95_ms), and `cpu_ms` only with `host.cores`.
    private static func workerFindings(_ model: Model) -> [Finding] {
        var findings: [Finding] = []
        func exact(_ value: Double) -> String { NumberFormat.exact(value) }
        for (index, worker) in model.workers.enumerated() {
            let path = "workers[\(index)]"
            if case .percentiles(let p50, let p95) = worker.serviceTime,
               let (allowed, hint) = servicePercentilesProblem(p50: p50, p95: p95, p50Name: "service_ms.p50") {
                findings.append(Finding(path: "\(path).service_ms.p95", severity: .error,
                                        message: "\(path).service_ms.p95 must be \(allowed); got \(exact(p95))", hint: hint))
            }
            let slo = worker.slo
            if slo.p95MS == nil && slo.p99MS == nil {
                findings.append(Finding(path: "\(path).slo", severity: .error,
                                        message: "\(path).slo must give p95_ms, p99_ms or both; got neither",
                                        hint: "for example slo: {p95_ms: 200}"))
            } else if let p95 = slo.p95MS, let p99 = slo.p99MS, p99 < p95 {
                findings.append(Finding(path: "\(path).slo.p99_ms", severity: .error,
                                        message: "\(path).slo.p99_ms must be ≥ slo.p95_ms (\(exact(p95))); got \(exact(p99))",
                                        hint: sloOrderHint))
            }
            if worker.cpuMS != nil && model.host.cores == nil {
                findings.append(Finding(path: "\(path).cpu_ms", severity: .warning,
                                        message: "\(path).cpu_ms is not used without host.cores",
                                        hint: "add host.cores (CPU cores per node) for the pool's CPU utilisation"))
            }
        }
        return findings
    }

    /// What a measured service time's P95 must be, after "must be", and a hint, when `p95` is
    /// not above `p50` or more than ``NumberRule/maximumServiceSpread`` times it; nil when it
    /// is fine. `p50Name` names the P50 as the caller's user wrote it (a key or a flag).
    static func servicePercentilesProblem(p50: Double, p95: Double, p50Name: String) -> (allowed: String, hint: String)? {
        let exact = NumberFormat.exact
        if !(p95 > p50) {
            return ("> \(p50Name) (\(exact(p50)))",
                    "a P95 is above the P50; a service time that does not vary is given as its mean")
        }
        let spread = NumberRule.maximumServiceSpread
        guard p95 <= spread * p50 else {
            return ("≤ \(exact(spread)) × \(p50Name) (\(exact(spread * p50)))",
                    "service times this spread are several kinds of request: give each kind a worker pool of its own")
        }
        return nil
    }

    /// Why a P99 objective must be at least the P95's.
    static let sloOrderHint = "a P99 is at least the P95"

    /// warn < critical ≤ 1, both > 0.
    private static func check(_ levels: Model.Levels, at path: String, into findings: inout [Finding]) {
        if !(levels.warn > 0 && levels.critical <= 1) {
            findings.append(Finding(path: "\(path).warn", severity: .error,
                                    message: "\(path) must lie in (0, 1]; got warn \(NumberFormat.exact(levels.warn)), critical \(NumberFormat.exact(levels.critical))"))
        } else if levels.warn >= levels.critical {
            findings.append(Finding(path: "\(path).warn", severity: .error,
                                    message: "\(path).warn must be < \(path).critical (\(NumberFormat.exact(levels.critical))); got \(NumberFormat.exact(levels.warn))",
                                    hint: "for example {warn: 0.75, critical: 0.85}"))
        }
    }
}
