import Foundation

/// Renders a ``PoolAnalysis`` (the quick form of `capacity pools`) as a table,
/// CSV, JSON or Markdown. Pure: analysis in, text out; the engine has decided
/// whether the pool meets its target, whether the budget breaks and what size
/// to recommend — this writer only says so.
///
/// Tables and Markdown give probabilities as percentages with four significant
/// digits, waits in ms with four; utilisation as the forecast prints it
/// (``ForecastWriter/utilization(_:)``: "2.5× capacity" above 100 %). CSV has one row per pool with the columns of
/// ``csvHeader`` at full precision (fractions as fractions, empty cells for
/// figures that do not exist); JSON has every figure (``PoolsDocument``).
public struct PoolsWriter: ResultWriter {
    public var analysis: PoolAnalysis
    /// The model's name, or ``quickForm``.
    public var modelName: String

    /// The name reported for a pool given with `--rps` and its flags.
    public static let quickForm = "quick form"

    /// Terminal width the tables must fit (``TextTable/plainText(width:)``); nil: no limit.
    public var width: Int?

    public init(_ analysis: PoolAnalysis, modelName: String) {
        self.analysis = analysis
        self.modelName = modelName
    }

    // MARK: - CSV

    public static let csvHeader = [
        "pool", "rps", "queries_per_second", "offered_load", "connections", "utilization", "p_wait",
        "timeout_share", "mean_wait_ms", "mean_wait_served_ms", "wait_ms", "p_wait_over_wait_ms", "target",
        "meets_target", "client_connections", "server_connections", "connections_budget", "connections_headroom",
        "server", "server_headroom", "recommended_size", "pgbouncer_pool_size", "recommended_connections",
        "recommended_p_wait_over_wait_ms", "recommended_memory_mb", "connections_needed", "largest_size_within_budget",
    ]

    public var csv: String {
        let exact = NumberFormat.spreadsheet, a = analysis, q = a.queue, s = a.sizing
        let optional = { (value: Int?) in value.map(String.init) ?? "" }
        let row = [a.pool.name, exact(a.rps), exact(a.queriesPerSecond), exact(a.offeredLoad), String(q.servers),
                   exact(q.utilization), exact(q.pWait), exact(q.timeoutShare), exact(q.meanWaitMS),
                   exact(q.meanWaitServedMS), exact(s.waitMS), exact(a.pWaitBeyondTarget), exact(s.target),
                   String(a.meetsTarget), String(a.poolBudget.clientConnections),
                   String(a.poolBudget.serverConnections), String(a.poolBudget.budget),
                   String(a.poolBudget.headroom), a.server.name, String(a.server.headroom),
                   optional(s.recommendedSize), optional(s.pgbouncerPoolSize), optional(s.recommended?.servers),
                   s.recommended.map { exact($0.pWaitOrTimeout(longerThanMS: s.waitMS)) } ?? "",
                   s.memoryMB.map(exact) ?? "", optional(s.connectionsNeeded), optional(s.largestSizeWithinBudget)]
        return CSVDocument(header: Self.csvHeader, rows: [row]).text
    }

    // MARK: - JSON

    public var json: String {
        JSONText.encode(PoolsDocument(analysis, model: modelName, verdict: verdict, notes: notes))
    }

    // MARK: - Table and Markdown

    private var waitText: String { "P(wait > \(Self.ms(analysis.sizing.waitMS)) ms or timeout)" }

    private var headline: String {
        let p = analysis.pool
        return "\(modelName): pool `\(p.name)` at \(Self.number(analysis.rps)) rps · "
            + "\(Self.number(p.queriesPerRequest)) queries/request, \(Self.ms(p.holdMS)) ms hold, "
            + "timeout \(Self.ms(p.timeoutMS)) ms"
    }

    private func figureTable() -> TextTable {
        let a = analysis, q = a.queue, p = a.pool, entry = a.poolBudget
        var connections = "\(q.servers)"
        if let bouncer = p.pgbouncer {
            connections += " (PgBouncer pool_size \(bouncer.poolSize))"
        } else {
            connections += " (\(a.nodes > 1 ? "\(a.nodes) nodes × " : "")\(p.instancesPerNode) instance\(p.instancesPerNode == 1 ? "" : "s") × \(p.size)"
                + (entry.clientConnections > q.servers ? ", capped by the budget" : "") + ")"
        }
        let rows: [[String]] = [
            ["offered load", "\(Self.number(a.offeredLoad)) erlangs (\(Self.number(a.queriesPerSecond)) queries/s × \(Self.ms(p.holdMS)) ms)"],
            ["connections", connections],
            ["utilisation", ForecastWriter.utilization(q.utilization)],
            ["P(wait)", Self.percent(q.pWait)],
            ["mean wait", "\(Self.ms(q.meanWaitMS)) ms (served: \(Self.ms(q.meanWaitServedMS)) ms)"],
            ["timeout share", Self.percent(q.timeoutShare)],
            [waitText, "\(Self.percent(a.pWaitBeyondTarget)) (target \(Self.input(a.sizing.target)))"],
            ["connection budget", budgetText],
            ["recommended", recommendationText],
        ]
        return TextTable(columns: [.init("figure", .left), .init("value", .left)], rows: rows)
    }

    private var budgetText: String {
        let entry = analysis.poolBudget, server = analysis.server
        var text = "\(entry.serverConnections) of \(entry.budget) (max_connections \(server.maxConnections) − "
            + "\(server.reservedConnections) reserved), headroom \(entry.headroom)"
        if server.pools.count > 1 {
            text += "; server `\(server.name)` with \(server.pools.count) pools: \(server.demand) of \(server.budget), headroom \(server.headroom)"
        }
        if let limit = entry.clientLimit {
            text += "; \(entry.clientConnections) clients of PgBouncer's max_client_conn \(limit)"
        }
        return text
    }

    private var recommendationText: String {
        let s = analysis.sizing
        guard let queue = s.recommended else {
            if let needed = s.connectionsNeeded {
                return "none within the budget: the target needs \(needed) connections"
            }
            return "none: even \(NumberFormat.grouped(PoolSizing.maximumConnections)) connections miss the target"
        }
        let memory = s.memoryMB.map { ", \(Self.number($0)) MB of database memory" } ?? ""
        let figure = "\(waitText) \(Self.percent(queue.pWaitOrTimeout(longerThanMS: s.waitMS)))\(memory)"
        if let size = s.recommendedSize {
            return "size \(size) per instance (\(queue.servers) connections): \(figure)"
        }
        return "PgBouncer pool_size \(queue.servers): \(figure)"
    }

    /// What the figures mean for this pool, in one paragraph.
    public var verdict: String {
        let a = analysis, s = a.sizing, entry = a.poolBudget, server = a.server
        var parts: [String] = []
        if entry.headroom < 0 || server.isBroken {
            let over = entry.headroom < 0 ? -entry.headroom : -server.headroom
            let scope = entry.headroom < 0 ? "the pool opens \(entry.serverConnections)"
                : "the \(server.pools.count) pools on server `\(server.name)` open \(server.demand)"
            parts.append("the connection budget breaks: \(scope) connections where the server accepts \(server.budget), \(over) too many")
            if let largest = s.largestSizeWithinBudget, largest >= 1, let queue = s.atLargestSize {
                parts.append("a pool of \(largest) per instance fits (\(queue.servers) connections) with P(wait) "
                    + "\(Self.percent(queue.pWait)), timeouts \(Self.percent(queue.timeoutShare)), "
                    + "\(waitText) \(Self.percent(queue.pWaitOrTimeout(longerThanMS: s.waitMS)))")
            } else if a.pool.pgbouncer == nil {
                parts.append("not even one connection per instance fits")
            }
        } else if entry.isBroken, let limit = entry.clientLimit {
            parts.append("\(entry.clientConnections) application connections exceed PgBouncer's max_client_conn \(limit): "
                + "raise it to \(entry.clientConnections)")
        }
        parts.append("\(waitText) is \(Self.percent(a.pWaitBeyondTarget)), "
            + (a.meetsTarget ? "within" : "above") + " the \(Self.input(s.target)) target")
        if let size = s.recommendedSize, let queue = s.recommended {
            parts.append("the smallest pool meeting it is \(size) per instance (\(queue.servers) connections)")
        } else if let bouncer = s.pgbouncerPoolSize, a.pool.pgbouncer == nil {
            parts.append("no per-instance size within the budget meets it; a transaction-mode PgBouncer with "
                + "pool_size \(bouncer) would (max_client_conn ≥ \(s.pgbouncerMaxClientConnections ?? 100))")
        } else if let bouncer = s.pgbouncerPoolSize {
            parts.append("PgBouncer's pool_size should be \(bouncer)")
        } else if let needed = s.connectionsNeeded, let maximum = s.maxConnectionsNeeded {
            parts.append("no pool within the budget meets it: it needs \(needed) connections "
                + "(max_connections ≥ \(maximum)) or shorter queries")
        } else {
            parts.append("no pool a PostgreSQL server allows meets it: the queries must get shorter or fewer")
        }
        let text = parts.joined(separator: "; ")
        return "Verdict: " + text.prefix(1).uppercased() + text.dropFirst() + "."
    }

    /// How the figures are computed.
    public var notes: [String] {
        ["Exact M/M/c+D queue (Poisson queries, exponential hold times, every query gives up after timeout_ms): "
            + "no Monte Carlo, so no standard errors. Offered load = rps × queries_per_request × hold_ms / 1000; "
            + "utilisation = offered load ÷ connections.",
         "Connections are one shared queue of nodes × instances × size (capped by max_connections − reserved), "
            + "or PgBouncer's pool_size."]
    }

    /// The headline, the figures, the verdict and the notes.
    public var document: Document {
        Document([.heading(level: 2, text: "Connection pool: \(modelName)", terminal: .omitted), .paragraph(headline),
                  .table(figureTable()), .paragraph(verdict), .paragraphs(notes)])
    }


    // MARK: - Numbers

    /// A count or rate with four significant digits, no trailing zeros.
    static func number(_ value: Double) -> String { NumberFormat.short(value, digits: 4) }

    /// Milliseconds: four significant digits, no trailing zeros; "< 0.001" below a microsecond.
    static func ms(_ value: Double) -> String {
        value > 0 && value < 0.001 ? "< 0.001" : NumberFormat.short(value, digits: 4)
    }

    /// A probability as a percentage with four significant digits; "< 0.0001%" below 10⁻⁶ (not 0).
    static func percent(_ probability: Double) -> String {
        probability > 0 && probability < 1e-6 ? "< 0.0001%" : NumberFormat.percent(probability)
    }

    /// An input probability: 0.01 → "1%".
    static func input(_ probability: Double) -> String { NumberFormat.short(100 * probability, digits: 4) + "%" }
}
