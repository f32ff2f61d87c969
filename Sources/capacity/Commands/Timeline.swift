import ArgumentParser
import CapacityKit
import Foundation

extension TimelineOptions.Strategy: ExpressibleByArgument {}

/// `capacity timeline`: when to plan and act for every resource, which scaling option, what it costs.
struct Timeline: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plan scaling over the horizon: the cheapest schedule that holds, when to act, what it costs.",
        discussion: """
            Every resource (host, container limits, pools) is dated at a confidence q: plan by = the month its \
            q-quantile reaches warn; deadline = the month it reaches critical (or P(fail) reaches the risk level, \
            if earlier). The plan is the cheapest schedule of node sizes (vertical options), node counts (the \
            horizontal option, up to max_nodes) and connection options that keeps every resource under that rule \
            in every month, with limits and pool sizes right-sized per epoch (fitting the node and the servers' \
            max_connections) and changed at most once per review cycle; act by = the first day of the month a \
            change is in force minus its lead time. Where the options end it says what binds and what would hold.

            \(ForecastNotes.demand)
            """
    )

    /// The horizon when `--months` is absent.
    static let defaultMonths = 24

    @OptionGroup var modelOptions: ModelOptions

    @OptionGroup var simulation: SimulationFlags

    @Option(help: "Confidence q of the crossings: the month the q-quantile reaches each level (0.5 ≤ q < 1).")
    var confidence = 0.9

    @Option(help: "What the plan minimises: cheapest (total cost; ties: fewer changes) or fewest-changes (ties: the cheaper).")
    var strategy: TimelineOptions.Strategy = .cheapest

    @Option(name: .customLong("review-every"),
            help: ArgumentHelp("The review cycle, months (1–12): limits and pool sizes hold at least this long and change at most once within it.", valueName: "months"))
    var reviewEvery = 3

    @OptionGroup var scenarioOptions: ScenarioOptions

    @OptionGroup var outputOptions: OutputOptions

    var timelineOptions: TimelineOptions {
        TimelineOptions(forecast: simulation.forecastOptions(defaultMonths: Self.defaultMonths),
                        confidence: confidence, strategy: strategy, today: Clock.day, reviewMonths: reviewEvery)
    }

    func validate() throws {
        if let problem = timelineOptions.problem { throw CommandFailure.usage(problem) }
    }

    func run() throws {
        let model = try simulation.model(modelOptions)
        if scenarioOptions.isRequested {
            let scenarios = try scenarioOptions.selected(from: model, file: modelOptions.model)
            for scenario in scenarios {
                let estimate = MemoryForecast.workEstimate(scenario.model, options: timelineOptions.forecast,
                                                           forecasts: ScalingTimeline.forecastRuns(scenario.model.model) * scenarios.count)
                try WorkBudget.check(estimate, context: "scenario `\(scenario.name)`")
            }
            let comparison = try CommandFailure.reporting {
                try ScenarioComparison.timeline(model, scenarios: scenarios, options: timelineOptions)
            }
            try outputOptions.write(ScenarioComparisonWriter(comparison, width: outputOptions.terminalWidth)
                .render(outputOptions.format))
            return
        }
        try WorkBudget.check(ScalingTimeline.workEstimate(model, options: timelineOptions))
        let result: TimelineResult
        let progress = ProgressBar(label: "timeline")
        do {
            result = try ScalingTimeline.run(model, options: timelineOptions, progress: progress.update)
            progress.finish()
        } catch let error as ForecastError {
            progress.finish()
            CommandFailure.printError("error: \(error.description)")
            throw ExitCode(CommandFailure.dataError)
        }
        var writer = TimelineWriter(result, overrides: model.overrides)
        writer.width = outputOptions.terminalWidth
        try outputOptions.write(writer.render(outputOptions.format))
        if let note = PathSupport.note(paths: timelineOptions.forecast.paths, quantiles: [("the crossings at P\(NumberFormat.decimal(confidence * 100, 0))", confidence)],
                                       risk: model.model.thresholds.risk, decides: "the plan it decides") {
            CommandFailure.printError(note)
        }
    }
}
