import Foundation

/// Renders a ``PoolForecast`` (the model form of `capacity pools`) as a table,
/// CSV, JSON or Markdown. Pure: forecast in, text out.
///
/// **CSV** has one row per pool and month with the columns of ``csvHeader``:
/// offered load and utilisation P50/P90; P(wait) at the P50 and P90 load; the
/// P90 of the mean wait and of the timeout share; P(saturated) = P(a ≥ c) and
/// P(timeout share > 0.1 %), Monte Carlo fractions (standard errors in JSON);
/// the connection budget and headroom; the recommended per-instance size (or
/// PgBouncer pool_size): the smallest meeting the wait target at that month's P90
/// load and keeping P(saturated) and P(timeouts) below the model's risk level in
/// that month (``PoolSizing``). Fractions as fractions, empty cells for figures
/// that do not exist.
public struct PoolForecastWriter: ResultWriter {
    public var forecast: PoolForecast
    /// The overrides the model ran with (`--set`): listed under the headline, in a CSV column and in JSON.
    public var overrides: [ModelOverride]

    /// Terminal width the tables must fit (``TextTable/plainText(width:)``); nil: no limit.
    public var width: Int?

    public init(_ forecast: PoolForecast, overrides: [ModelOverride] = []) {
        self.forecast = forecast
        self.overrides = overrides
    }

    // MARK: - CSV

    public static let csvHeader = [
        "pool", "month", "date", "offered_load_p50", "offered_load_p90", "utilization_p50", "utilization_p90",
        "p_wait_p50", "p_wait_p90", "mean_wait_ms_p90", "p_saturated", "p_timeout_share_over_0_1pct",
        "timeout_share_p90", "connections_budget", "connections_headroom", "recommended_size", "connections",
        "p_saturated_by", "p_wait_over_wait_ms_p90", "pgbouncer_pool_size",
    ]

    public var csv: String {
        let exact = NumberFormat.spreadsheet
        let rows = forecast.pools.flatMap { outlook in
            let entry = forecast.budget.pools.first { $0.name == outlook.pool.name }!
            return outlook.months.map { m -> [String] in
                [outlook.pool.name, String(m.month), CSVDocument.date(m.date), exact(m.offeredLoad.p50), exact(m.offeredLoad.p90),
                 exact(m.utilization.p50), exact(m.utilization.p90), exact(m.atP50.pWait), exact(m.atP90.pWait),
                 exact(m.atP90.meanWaitMS), exact(m.pSaturated.estimate), exact(m.pTimeoutShareOver.estimate),
                 exact(m.atP90.timeoutShare), String(entry.budget), String(entry.headroom),
                 m.sizing.recommendedSize.map(String.init) ?? "", String(outlook.connections),
                 exact(m.pSaturatedBy.estimate), exact(m.atP90.pWaitOrTimeout(longerThanMS: forecast.waitMS)),
                 m.sizing.pgbouncerPoolSize.map(String.init) ?? ""]
            }
        }
        return OverrideNote.csv(InputsAgeNote.csv(CSVDocument(header: Self.csvHeader, rows: rows), forecast.inputsAge),
                                overrides).text
    }

    // MARK: - JSON

    public var json: String {
        var document = PoolForecastDocument(forecast, verdict: verdict, notes: notes)
        document.overrides = OverrideNote.json(overrides)
        return JSONText.encode(document)
    }

    // MARK: - Table and Markdown

    private var waitText: String { "P(wait > \(PoolsWriter.ms(forecast.waitMS)) ms or timeout)" }

    private var headline: String {
        let f = forecast, months = f.options.months
        return "\(f.modelName): connection pools over \(months) month\(months == 1 ? "" : "s") · "
            + "\(NumberFormat.grouped(f.paths)) paths, seed \(f.options.seed)"
            + (InputsAgeNote.line(f.inputsAge).map { "\n" + $0 } ?? "")
            + (OverrideNote.line(overrides).map { "\n" + $0 } ?? "")
    }

    private func date(_ month: Int) -> String {
        guard let first = forecast.pools.first?.months.first else { return "month \(month)" }
        return "\(first.date.adding(months: month - 1)) (month \(month))"
    }

    func monthTable(_ outlook: PoolForecast.Outlook) -> TextTable {
        let rows = outlook.months.map { m -> [String] in
            [String(m.month), m.date.description, PoolsWriter.number(m.offeredLoad.p50), PoolsWriter.number(m.offeredLoad.p90),
             ForecastWriter.utilization(m.utilization.p90), PoolsWriter.percent(m.atP50.pWait),
             PoolsWriter.percent(m.atP90.pWait), PoolsWriter.ms(m.atP90.meanWaitMS),
             NumberFormat.probability(m.pSaturated), NumberFormat.probability(m.pTimeoutShareOver),
             m.sizing.recommendedSize.map(String.init) ?? (m.sizing.pgbouncerPoolSize.map { "PgB \($0)" } ?? "—")]
        }
        return TextTable(columns: [.init("month"), .init("date", .left), .init("load P50"), .init("load P90"),
                                   .init("ρ P90"), .init("P(wait) P50"), .init("P(wait) P90"), .init("wait P90 ms"),
                                   .init("P(saturated)"), .init("P(timeouts > 0.1%)"), .init("size")], rows: rows)
    }

    func poolLine(_ outlook: PoolForecast.Outlook) -> String {
        let p = outlook.pool, entry = forecast.budget.pools.first { $0.name == p.name }!
        var text = "Pool `\(p.name)` (service \(p.service)): \(outlook.connections) connections"
        if let bouncer = p.pgbouncer {
            text += " (PgBouncer pool_size \(bouncer.poolSize))"
        } else {
            text += " (\(forecast.nodes) node\(forecast.nodes == 1 ? "" : "s") × \(p.instancesPerNode) × \(p.size))"
        }
        text += ", \(PoolsWriter.number(p.queriesPerRequest)) queries/request × \(PoolsWriter.ms(p.holdMS)) ms, "
            + "timeout \(PoolsWriter.ms(p.timeoutMS)) ms; budget \(entry.serverConnections) of \(entry.budget), "
            + "headroom \(entry.headroom)"
        if let server = forecast.budget.server(of: p.name), server.pools.count > 1 {
            text += "; server `\(server.name)`: \(server.demand) of \(server.budget), headroom \(server.headroom)"
        }
        return text
    }

    /// One line per pool: when it saturates and times out, the budget, and the size for the sizing month.
    public var verdict: [String] {
        let f = forecast
        return f.pools.map { outlook in
            let p = outlook.pool, entry = f.budget.pools.first { $0.name == p.name }!
            let server = f.budget.server(of: p.name)!
            var parts: [String] = []
            let risk = PoolsWriter.input(f.risk)
            if let month = outlook.saturatedFrom {
                parts.append("saturated (offered load ≥ \(outlook.connections) connections) in ≥ \(risk) of paths from \(date(month))")
            }
            if let month = outlook.timeoutsFrom {
                parts.append("more than 0.1% of queries time out in ≥ \(risk) of paths from \(date(month))")
            }
            if outlook.saturatedFrom == nil && outlook.timeoutsFrom == nil {
                parts.append("not saturated in ≥ \(risk) of paths within \(f.options.months) months")
            }
            if entry.headroom < 0 || server.isBroken {
                parts.append("the connection budget breaks (\(entry.headroom < 0 ? entry.serverConnections : server.demand) "
                    + "connections where the server accepts \(server.budget))")
            }
            let sizing = outlook.months[f.sizingMonth - 1].sizing
            let at = "at the P90 load of \(date(f.sizingMonth)) (\(PoolsWriter.number(sizing.offeredLoad)) erlangs)"
            let riskRule = sizing.tailLoad.map { load in
                " and P(saturated) and P(timeouts > 0.1%) below \(risk) that month (more connections than the "
                    + "\(PoolsWriter.number(load)) erlangs that fewer than \(risk) of paths reach)"
            } ?? ""
            if let size = sizing.recommendedSize, let queue = sizing.recommended {
                let memory = sizing.memoryMB.map { ", \(PoolsWriter.number($0)) MB of database memory" } ?? ""
                parts.append("\(at) the smallest pool keeping \(waitText) ≤ \(PoolsWriter.input(f.target))\(riskRule) is "
                    + "\(size) per instance (\(queue.servers) connections\(memory))")
            } else if let bouncer = sizing.pgbouncerPoolSize {
                parts.append("\(at) \(p.pgbouncer == nil ? "no per-instance size within the budget keeps" : "keeping")"
                    + " \(waitText) ≤ \(PoolsWriter.input(f.target))\(p.pgbouncer == nil ? "; a PgBouncer with" : " needs PgBouncer")"
                    + " pool_size \(bouncer)\(p.pgbouncer == nil ? " would (max_client_conn ≥ \(sizing.pgbouncerMaxClientConnections ?? 100))" : "")")
            } else if let needed = sizing.connectionsNeeded, let maximum = sizing.maxConnectionsNeeded {
                parts.append("\(at) no pool within the budget keeps \(waitText) ≤ \(PoolsWriter.input(f.target))\(riskRule): "
                    + "it needs \(needed) connections (max_connections ≥ \(maximum))")
            } else {
                parts.append("\(at) no pool a PostgreSQL server allows keeps \(waitText) ≤ \(PoolsWriter.input(f.target))\(riskRule)")
            }
            return "pool \(p.name): " + parts.joined(separator: "; ") + "."
        }
    }

    /// How the figures are computed.
    public var notes: [String] {
        ["Offered load a = peak rps × queries_per_request × hold_ms / 1000 on each path (the forecast's paths and peaks); "
            + "ρ = a / c. Queues are exact M/M/c+D (queries give up after timeout_ms): every queue figure grows with a, "
            + "so P(wait) at the P50/P90 load and the P90 mean wait are those figures' percentiles across paths.",
         "P(saturated) = P(a ≥ c); P(timeouts > 0.1%) = P(a ≥ a*), a* the load at which 0.1% of queries time out; "
            + "Monte Carlo fractions, standard errors in JSON. Size: the smallest per-instance size within the budget "
            + "keeping \(waitText) ≤ \(PoolsWriter.input(forecast.target)) at the month's P90 load and, as the verdict's rule "
            + "asks, P(saturated) and P(timeouts > 0.1%) below \(PoolsWriter.input(forecast.risk)) in the month: more "
            + "connections than the load that fewer than \(PoolsWriter.input(forecast.risk)) of its paths reach, with under "
            + "0.1% of queries timing out at that load (PgB: a PgBouncer pool_size)."]
    }

    /// The headline; each pool's line and months; the verdict and the notes.
    public var document: Document {
        var document = Document([.heading(level: 2, text: "Connection pools: \(forecast.modelName)", terminal: .omitted),
                                 .paragraph(headline)])
        guard !forecast.pools.isEmpty else {
            document.append(.paragraph("The model has no pools."))
            return document
        }
        for outlook in forecast.pools {
            document.append(contentsOf: [.heading(level: 3, text: "Pool \(outlook.pool.name)", terminal: .omitted),
                                         .paragraph(poolLine(outlook)), .table(monthTable(outlook))])
        }
        document.append(contentsOf: [.list(items: verdict, terminal: .none), .paragraphs(notes)])
        return document
    }

}
