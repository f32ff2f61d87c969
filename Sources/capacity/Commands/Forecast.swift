import ArgumentParser
import CapacityKit
import Foundation

/// `capacity forecast`: Monte Carlo memory and pool projection, month by month.
struct Forecast: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Project memory and connection-pool use under uncertain growth, month by month.",
        discussion: """
            Month 1 is the model's start month, or the current month when start is earlier: the months \
            between are simulated (growth and its uncertainty) but not shown, and every output says how old \
            the inputs are. --start gives the month the inputs describe instead (nothing simulated before it). \
            Probabilities come with their Monte Carlo standard error in JSON. The same seed gives the same \
            output on any number of threads.

            \(ForecastNotes.demand)

            \(ForecastNotes.resources)

            \(ForecastNotes.status(risk: Model.Thresholds().risk)) (The risk level is the model's \
            thresholds.risk, default 1 %.)
            """
    )

    @OptionGroup var modelOptions: ModelOptions

    @OptionGroup var simulation: SimulationFlags

    @Option(help: ArgumentHelp("Add paths until every probability's standard error is below this (e.g. 0.001).",
                               valueName: "standard-error"))
    var precision: RateArgument?

    @Option(help: ArgumentHelp("Write raw monthly host totals of up to \(Forecast.maximumSamplePaths) paths as CSV.",
                               valueName: "file"))
    var samples: String?

    @OptionGroup var scenarioOptions: ScenarioOptions

    @OptionGroup var outputOptions: OutputOptions

    static let maximumSamplePaths = 100_000

    var forecastOptions: ForecastOptions {
        var options = simulation.forecastOptions(precision: precision?.value ?? precision.map { _ in -1 })
        options.samplePaths = samples == nil ? 0 : min(options.paths, Self.maximumSamplePaths)
        return options
    }

    func validate() throws {
        _ = try precision?.rate(flag: "--precision")
        if let problem = forecastOptions.problem { throw CommandFailure.usage(problem) }
        if let samples { try CommandFailure.checkOutput(samples, flag: "--samples") }
        if scenarioOptions.isRequested && (samples != nil || precision != nil) {
            throw CommandFailure.usage("--samples and --precision apply to one forecast, not to --scenario's side-by-side table")
        }
    }

    func run() throws {
        let model = try simulation.model(modelOptions)
        let options = forecastOptions
        if scenarioOptions.isRequested {
            let scenarios = try scenarioOptions.selected(from: model, file: modelOptions.model)
            for scenario in scenarios {
                try WorkBudget.check(MemoryForecast.workEstimate(scenario.model, options: options,
                                                                 forecasts: scenarios.count),
                                     context: "scenario `\(scenario.name)`")
            }
            let progress = ProgressBar(label: "scenarios")
            let comparison = try CommandFailure.reporting {
                try ScenarioComparison.forecast(model, scenarios: scenarios, options: options, progress: progress.update)
            }
            progress.finish()
            try outputOptions.write(ScenarioComparisonWriter(comparison, width: outputOptions.terminalWidth)
                .render(outputOptions.format))
            if let note = PathSupport.note(paths: options.paths, quantiles: [("P90", 0.9)], risk: model.model.thresholds.risk) {
                CommandFailure.printError(note)
            }
            return
        }
        if samples != nil && options.paths > Self.maximumSamplePaths {
            CommandFailure.printError("note: --samples keeps the first \(Self.maximumSamplePaths) of \(options.paths) paths")
        }
        // The table and Markdown end with the plan's first action: a timeline on top.
        let withPlan = outputOptions.format == .table || outputOptions.format == .markdown
        try WorkBudget.check(MemoryForecast.workEstimate(model, options: options,
                                                         forecasts: 1 + (withPlan ? ScalingTimeline.forecastRuns(model.model) : 0)))
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
        let colour = Terminal.allowsColour(output: outputOptions.output)
        var text = ForecastWriter(result, colour: colour, width: outputOptions.terminalWidth,
                                  overrides: model.overrides).render(outputOptions.format)
        if outputOptions.format == .table || outputOptions.format == .markdown {
            // The table ends with the scaling plan's first action (the timeline engine, same paths).
            let timeline = try ScalingTimeline.run(model, options: TimelineOptions(
                forecast: simulation.forecastOptions(), today: Clock.day))
            text += "\n" + TimelineWriter(timeline).firstActionLine + "\n"
        }
        try outputOptions.write(text)
        if let note = result.pathSupportNote { CommandFailure.printError(note) }
        if let samples {
            try CommandFailure.reporting { try OutputSink.write(SamplesWriter.csv(result), to: samples) }
        }
        if let precision = precision?.value, result.largestStandardError >= precision {
            CommandFailure.printError("note: stopped at \(result.paths) paths (the maximum); largest standard error \(result.largestStandardError)")
        } else if precision != nil {
            CommandFailure.printError("note: precision reached with \(result.paths) paths")
        }
    }
}
