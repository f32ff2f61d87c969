import ArgumentParser
import CapacityKit

/// `capacity pools`: waits, timeouts, the connection budget and the right size of a connection pool.
struct Pools: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Connection pools: waits, timeouts, the connection budget and the pool size to use.",
        discussion: """
            Quick form (no model file): capacity pools --rps 150 --queries-per-request 2 --hold-ms 70 \
            --size 16 --instances 4 --max-connections 100. The pool is an M/M/c queue whose queries give \
            up after --timeout-ms (M/M/c+D), computed exactly at any load: utilisation, P(wait), mean \
            wait, the share of queries that time out, the connection budget (instances × size + \
            reserved against max_connections) and the smallest size keeping P(wait > --wait-ms) below \
            --target. Values follow the model file's rules for a pool.
            """
    )

    @Option(parsing: .unconditional, help: ArgumentHelp("Quick form: requests per second the pool serves.", valueName: "rps"))
    var rps: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Queries each request makes (default 1).", valueName: "n"))
    var queriesPerRequest: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Mean time a query holds a connection, ms.", valueName: "ms"))
    var holdMs: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Connections per application instance.", valueName: "n"))
    var size: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Application instances holding a pool each, e.g. Gunicorn workers (default 1).",
                               valueName: "n"))
    var instances: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The database server's max_connections (default 100).", valueName: "n"))
    var maxConnections: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Connections kept for superusers and maintenance (default 3).", valueName: "n"))
    var reservedConnections: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("How long a query waits for a connection before failing, ms (default 30000).",
                               valueName: "ms"))
    var timeoutMs: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The wait that counts as slow for sizing, ms (default 100).", valueName: "ms"))
    var waitMs: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Highest acceptable P(wait > --wait-ms or timeout), e.g. 1% or 0.01 (default 1%).",
                               valueName: "probability"))
    var target: String?

    @OptionGroup var outputOptions: OutputOptions

    /// The quick form's pool; its problems are usage errors.
    func quickForm() throws -> PoolQuickForm {
        guard let rps else {
            throw CommandFailure.usage("capacity pools needs --rps (with --hold-ms and --size) for the quick form; "
                + "the model form, per pool and month under growth, comes with the forecast integration")
        }
        do {
            return try PoolQuickForm.parse(rps: rps, queriesPerRequest: queriesPerRequest, holdMS: holdMs, size: size,
                                           instances: instances, maxConnections: maxConnections,
                                           reservedConnections: reservedConnections, timeoutMS: timeoutMs,
                                           waitMS: waitMs, target: target)
        } catch {
            throw CommandFailure.usage(error.description)
        }
    }

    func validate() throws {
        _ = try quickForm()
    }

    func run() throws {
        let form = try quickForm()
        let analysis = PoolAnalysis(pool: form.pool, among: [form.pool], nodes: 1, rps: form.rps, perConnectionMB: nil,
                                    waitMS: form.waitMS, target: form.target)
        try outputOptions.write(PoolsWriter(analysis, modelName: PoolsWriter.quickForm).render(outputOptions.format))
    }
}
