import ArgumentParser
import CapacityKit
import Foundation

/// `capacity forecast`: Monte Carlo memory and pool projection, month by month.
struct Forecast: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Project memory and connection-pool use under uncertain growth, month by month.",
        discussion: """
            Month 1 is the model's start month. Memory is at each month's peak, per node; \
            probabilities come with their Monte Carlo standard error in JSON. \
            The same seed gives the same output on any number of threads.
            """
    )

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Months to forecast (1–\(ForecastOptions.maximumMonths)).")
    var months = 12

    @Option(help: "Monte Carlo paths (1–\(ForecastOptions.maximumPaths); 1e6 and 1_000_000 are accepted).")
    var paths = PathCount(100_000)

    @Option(help: "Random seed; the default is fixed and always printed.")
    var seed = ForecastOptions.defaultSeed

    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Add paths until every probability's standard error is below this (e.g. 0.001).",
                               valueName: "standard-error"))
    var precision: Double?

    @Option(help: ArgumentHelp("Write raw monthly host totals of up to \(Forecast.maximumSamplePaths) paths as CSV.",
                               valueName: "file"))
    var samples: String?

    @Option(help: .hidden)
    var chunkSize: Int?

    @OptionGroup var outputOptions: OutputOptions

    static let maximumSamplePaths = 100_000

    var forecastOptions: ForecastOptions {
        ForecastOptions(months: months, paths: paths.value, seed: seed, threads: threads, chunkSize: chunkSize,
                        samplePaths: samples == nil ? 0 : min(paths.value, Self.maximumSamplePaths),
                        precision: precision)
    }

    func validate() throws {
        if let problem = forecastOptions.problem { throw CommandFailure.usage(problem) }
        if let samples, let problem = OutputSink.problem(writing: samples) {
            throw CommandFailure.usage("--samples \(samples): \(problem)")
        }
    }

    func run() throws {
        let model = try modelOptions.load()
        let options = forecastOptions
        if samples != nil && paths.value > Self.maximumSamplePaths {
            CommandFailure.printError("note: --samples keeps the first \(Self.maximumSamplePaths) of \(paths.value) paths")
        }
        let progress = ProgressBar(label: "forecast")
        let result: ForecastResult
        do {
            result = try MemoryForecast.run(model, options: options, progress: progress.update)
        } catch let error as ForecastError {
            progress.finish()
            CommandFailure.printError("error: \(error.description)")
            throw ExitCode(CommandFailure.dataError)
        }
        progress.finish()
        let colour = outputOptions.output == nil && isatty(STDOUT_FILENO) == 1
            && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        try outputOptions.write(ForecastWriter(result, colour: colour).render(outputOptions.format))
        if let samples {
            try CommandFailure.reporting { try OutputSink.write(SamplesWriter.csv(result), to: samples) }
        }
        if let precision, result.largestStandardError >= precision {
            CommandFailure.printError("note: stopped at \(result.paths) paths (the maximum); largest standard error \(result.largestStandardError)")
        } else if precision != nil {
            CommandFailure.printError("note: precision reached with \(result.paths) paths")
        }
    }
}
