import ArgumentParser
import CapacityKit
import Foundation

/// `capacity workers`: the response time of a pool of application workers, and what it can carry within its SLO.
struct Workers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Worker pools: utilisation, P(wait), response-time percentiles, the largest rps within the SLO and the workers needed.",
        discussion: """
            Quick form: capacity workers --rps 150 --workers 8 --service-ms 40 --slo-p95-ms 200. A pool of \
            --workers requests served at once (processes × threads) with Poisson arrivals and one queue: \
            utilisation, P(wait), the response time's P50/P95/P99, the largest rps meeting the SLO and the \
            fewest workers meeting it at --size-for-rps (default --rps). Values follow the model file's rules \
            for a workers: entry.

            --service-ms is the mean service time (exponential: the exact M/M/c response time); \
            --service-p50-ms with --service-p95-ms give a measured one (a lognormal through both: an M/G/c \
            approximation). Utilisation ≥ 100 % is saturation: no percentile is finite.
            """
    )

    @Option(parsing: .unconditional, help: ArgumentHelp("Requests per second the pool serves.", valueName: "rps"))
    var rps: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Requests served at once: processes × threads.", valueName: "n"))
    var workers: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Mean time a worker spends on a request, ms (exponential).", valueName: "ms"))
    var serviceMs: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Measured service time's P50, ms (with --service-p95-ms).", valueName: "ms"))
    var serviceP50Ms: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Measured service time's P95, ms (with --service-p50-ms).", valueName: "ms"))
    var serviceP95Ms: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("SLO: the response time's P95 must not exceed this, ms.", valueName: "ms"))
    var sloP95Ms: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("SLO: the response time's P99 must not exceed this, ms.", valueName: "ms"))
    var sloP99Ms: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "The rps to size the pool for: the fewest workers meeting the SLO there (default: --rps).", valueName: "rps"))
    var sizeForRps: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("CPU per request, ms (with --cores).", valueName: "ms"))
    var cpuMs: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("CPU cores (with --cpu-ms).", valueName: "n"))
    var cores: String?

    @OptionGroup var outputOptions: OutputOptions

    /// The quick form's pool; its problems are usage errors.
    func quickForm() throws -> WorkerQuickForm {
        guard let rps else {
            throw CommandFailure.usage("capacity workers needs --rps (with --workers and --service-ms): "
                + "it computes one worker pool given on the command line")
        }
        do {
            return try WorkerQuickForm.parse(rps: rps, workers: workers, serviceMS: serviceMs, serviceP50MS: serviceP50Ms,
                                             serviceP95MS: serviceP95Ms, sloP95MS: sloP95Ms, sloP99MS: sloP99Ms,
                                             sizeForRPS: sizeForRps, cpuMS: cpuMs, cores: cores)
        } catch {
            throw CommandFailure.usage(error.description)
        }
    }

    func validate() throws {
        _ = try quickForm()
    }

    func run() throws {
        let form = try quickForm()
        let analysis = WorkerAnalysis(worker: form.worker, rps: form.rps, sizeForRPS: form.sizeForRPS, cores: form.cores)
        var writer = WorkersWriter(analysis, modelName: PoolsWriter.quickForm)
        writer.width = outputOptions.terminalWidth
        try outputOptions.write(writer.render(outputOptions.format))
    }
}
