import ArgumentParser
import CapacityKit
import Foundation

/// `capacity pools`: waits, timeouts, the connection budget and the right size of each connection pool.
struct Pools: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Connection pools: waits, timeouts, the connection budget and the pool size to use.",
        discussion: """
            Model form: every pool of the model (--model, default the embedded stack), month by month \
            across the forecast's paths: offered load and utilisation P50/P90, P(wait) at the P50 and \
            P90 load, the P90 mean wait, P(saturated), P(more than 0.1 % of queries time out), the \
            connection budget and the smallest size keeping P(wait > --wait-ms) below --target at the \
            P90 load of --month (default the last).

            Quick form (no model file): capacity pools --rps 150 --queries-per-request 2 --hold-ms 70 \
            --size 16 --instances 4 --max-connections 100. Values follow the model file's rules for a pool.

            A pool is an M/M/c queue whose queries give up after timeout_ms (M/M/c+D), computed exactly \
            at any load; c = nodes × instances × size capped by max_connections − reserved, or a \
            PgBouncer's pool_size. The same seed gives the same output on any number of threads.
            """
    )

    @OptionGroup var modelOptions: ModelOptions

    @OptionGroup var simulation: SimulationFlags

    @Option(help: ArgumentHelp("The month whose P90 load the recommended size is for (default: the last).",
                               valueName: "m"))
    var month: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Quick form: requests per second the pool serves.", valueName: "rps"))
    var rps: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Quick form: queries each request makes (default 1).", valueName: "n"))
    var queriesPerRequest: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Quick form: mean time a query holds a connection, ms.", valueName: "ms"))
    var holdMs: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Quick form: connections per application instance.", valueName: "n"))
    var size: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Quick form: application instances holding a pool each, e.g. Gunicorn workers (default 1).", valueName: "n"))
    var instances: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Quick form: the server's max_connections (default 100).", valueName: "n"))
    var maxConnections: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Quick form: connections kept for superusers and maintenance (default 3).", valueName: "n"))
    var reservedConnections: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Quick form: how long a query waits for a connection before failing, ms (default 30000).", valueName: "ms"))
    var timeoutMs: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The wait that counts as slow for sizing, ms (default 100).",
                                                        valueName: "ms"))
    var waitMs: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Highest acceptable P(wait > --wait-ms or timeout), e.g. 1% or 0.01 (default 1%).", valueName: "probability"))
    var target: String?

    @OptionGroup var outputOptions: OutputOptions

    /// True when the pool comes from the flags rather than a model.
    var isQuickForm: Bool {
        [rps, queriesPerRequest, holdMs, size, instances, maxConnections, reservedConnections, timeoutMs]
            .contains { $0 != nil }
    }

    var forecastOptions: ForecastOptions {
        simulation.forecastOptions()
    }

    /// The quick form's pool; its problems are usage errors.
    func quickForm() throws -> PoolQuickForm {
        guard let rps else {
            throw CommandFailure.usage("the quick form needs --rps (with --hold-ms and --size); "
                + "without pool flags, capacity pools reads the model's pools")
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

    func sizingTarget() throws -> (waitMS: Double, target: Double) {
        do {
            return try PoolQuickForm.sizingTarget(waitMS: waitMs, target: target)
        } catch {
            throw CommandFailure.usage(error.description)
        }
    }

    func validate() throws {
        if isQuickForm {
            if !modelOptions.overrides.isEmpty {
                throw CommandFailure.usage("--set changes a model's values; --rps, --hold-ms, --size and the other pool "
                    + "flags describe a pool without a model")
            }
            if let model = modelOptions.model {
                throw CommandFailure.usage("--rps, --hold-ms, --size and the other pool flags describe a pool without "
                    + "a model; --model \(model) has its own pools: section")
            }
            _ = try quickForm()
            return
        }
        if let problem = forecastOptions.problem { throw CommandFailure.usage(problem) }
        if let month, !(1...forecastOptions.months).contains(month) {
            throw CommandFailure.usage("--month must be between 1 and --months (\(forecastOptions.months)); got \(month)")
        }
        _ = try sizingTarget()
    }

    func run() throws {
        if isQuickForm {
            let form = try quickForm()
            let analysis = PoolAnalysis(pool: form.pool, among: [form.pool], nodes: 1, rps: form.rps,
                                        perConnectionMB: nil, waitMS: form.waitMS, target: form.target)
            var writer = PoolsWriter(analysis, modelName: PoolsWriter.quickForm)
            writer.width = outputOptions.terminalWidth
            try outputOptions.write(writer.render(outputOptions.format))
            return
        }
        let model = try simulation.model(modelOptions)
        let (waitMS, target) = try sizingTarget()
        try WorkBudget.check(MemoryForecast.workEstimate(model, options: forecastOptions))
        let progress = ProgressBar(label: "pools")
        let forecast: PoolForecast
        do {
            forecast = try PoolForecast.run(model, options: forecastOptions, waitMS: waitMS, target: target,
                                            sizingMonth: month, progress: progress.update)
        } catch let error as ForecastError {
            progress.finish()
            CommandFailure.printError("error: \(error.description)")
            throw ExitCode(CommandFailure.dataError)
        }
        progress.finish()
        var writer = PoolForecastWriter(forecast, overrides: model.overrides)
        writer.width = outputOptions.terminalWidth
        try outputOptions.write(writer.render(outputOptions.format))
        if let note = PathSupport.note(paths: forecastOptions.paths, quantiles: [("P90", 0.9), ("P50", 0.5)],
                                       risk: model.model.thresholds.risk, decides: "the sizes it decides") {
            CommandFailure.printError(note)
        }
    }
}
