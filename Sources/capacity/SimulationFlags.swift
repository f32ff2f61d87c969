import ArgumentParser
import CapacityKit
import Foundation

/// `--months`, `--start` and the sampling flags (``SamplingFlags``): how every
/// command that forecasts (forecast, pools, timeline, report, sensitivity) runs
/// its Monte Carlo. Each command keeps only its own flags; a bad value here gets
/// the same words from every command.
struct SimulationFlags: ParsableArguments {
    /// The horizon when `--months` is absent, but for `timeline` (24).
    static let defaultMonths = 12

    @Option(help: "Months to forecast (1–\(ForecastOptions.maximumMonths); default \(defaultMonths), timeline 24).")
    var months: Int?

    @Option(help: ArgumentHelp("Calendar month of forecast month 1, instead of the model's `start`: the month the "
                                   + "model's traffic and memory describe (no months are simulated before it).",
                               valueName: "YYYY-MM"))
    var start: String?

    @OptionGroup var sampling: SamplingFlags

    func validate() throws {
        if let start, YearMonth(parsing: start) == nil { throw CommandFailure.usage(SimulationOptions.startProblem(start)) }
    }

    /// The forecast's options: `--months` or `defaultMonths`, and the sampling flags.
    func forecastOptions(defaultMonths: Int = Self.defaultMonths, samplePaths: Int = 0,
                         precision: Double? = nil) -> ForecastOptions {
        ForecastOptions(months: months ?? defaultMonths, simulation: sampling.options(defaultPaths: 100_000),
                        samplePaths: samplePaths, precision: precision)
    }

    /// The validated model with `--start` applied (``ValidatedModel/starting(at:today:)``): the
    /// model's own `start` finding is left out, and the one about `--start` printed instead.
    func model(_ modelOptions: ModelOptions) throws -> ValidatedModel {
        var model = try modelOptions.validated(omitting: start == nil ? [] : ["start"])
        if let start = start.flatMap(YearMonth.init(parsing:)) {
            model = model.starting(at: start, today: Clock.today)
            for finding in model.findings where finding.path == "start" {
                CommandFailure.printError(finding.description)
            }
        }
        return model
    }
}

/// `--paths`, `--seed`, `--threads` and `--chunk-size`: how any Monte Carlo runs
/// (every model command's; ``SimulationFlags`` adds the horizon).
struct SamplingFlags: ParsableArguments {
    @Option(help: "Monte Carlo paths (default 100,000; sla: 10,000; 1e6 and 1_000_000 are accepted).")
    var paths: PathCount?

    @Option(parsing: .unconditional, help: "Random seed (≥ 0); the default is fixed and always printed.")
    var seed = SeedArgument(SimulationOptions.defaultSeed)

    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: .hidden)
    var chunkSize: Int?

    func validate() throws {
        _ = try seed.seed()
    }

    /// The engine's options: `--paths` or `defaultPaths`, and the rest as given.
    func options(defaultPaths: Int) -> SimulationOptions {
        SimulationOptions(paths: paths?.value ?? defaultPaths, seed: seed.value ?? 0, threads: threads,
                          chunkSize: chunkSize)
    }
}
