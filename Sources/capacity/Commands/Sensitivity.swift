import ArgumentParser
import CapacityKit
import Foundation

extension SensitivityMetric: ExpressibleByArgument {}

/// `capacity sensitivity`: which inputs move a figure most — a tornado and the variance shares.
struct Sensitivity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank the model's inputs by how much they move one figure: a tornado and each input's variance share.",
        discussion: """
            Two ways from one run on the same random paths. Swing: the figure recomputed by its own engine with one \
            input at its low and high value (an uncertain input's P10 and P90; a fixed estimate ± --swing), every \
            other input as in the model. Variance share: the part of the figure's path-level output variance each \
            uncertain input explains across the paths, Var(E[Y | input]) / Var(Y), which accounts for correlated \
            inputs (they share what they explain, so shares need not add up to 100 %).

            Metrics: memory_p90 (host P90 memory in the last month, the default), p_fail (P(fail) in the last month \
            of the riskiest resource), runway (months to the first deadline), cost (the plan over the horizon), \
            first_action_month (when the plan's first action is due), p_unrecoverable (deployments), downtime \
            (expected minutes a year). Only inputs with uncertainty in the model move unless --swing is given. \
            A bounded figure at its bound at both ends of a swing (P(fail) at 100 %) saturates: the output says \
            so, ranks by variance share what it can, and names a metric or --months that still moves.
            """
    )

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: ArgumentHelp("The figure to rank the inputs by (see above).", valueName: "metric"))
    var metric: SensitivityMetric = .memoryP90

    @OptionGroup var simulation: SimulationFlags

    @Option(help: ArgumentHelp("Also move every fixed estimate by ± this much, e.g. 20% (labelled as such).", valueName: "share"))
    var swing: RateArgument?

    @OptionGroup var outputOptions: OutputOptions

    var options: SensitivityOptions {
        SensitivityOptions(metric: metric,
                           forecast: simulation.forecastOptions(),
                           swing: swing?.value, today: Clock.day)
    }

    func validate() throws {
        _ = try swing?.rate(flag: "--swing")
        if let problem = options.problem { throw CommandFailure.usage(problem) }
    }

    func run() throws {
        let model = try simulation.model(modelOptions)
        if metric.engine == .deployment && model.model.deployment == nil || metric.engine == .availability && model.model.availability == nil {
            let section = metric.engine == .deployment ? "deployment" : "availability"
            CommandFailure.printError("\(modelOptions.model ?? DefaultModel.fileName):1:1: --metric \(metric.rawValue) needs "
                + "the model's `\(section):` section; add one (see `capacity init`)")
            throw ExitCode(CommandFailure.dataError)
        }
        if let estimate = SensitivityAnalysis.workEstimate(model, options: options) {
            try WorkBudget.check(estimate)
        }
        let progress = ProgressBar(label: "sensitivity")
        let result = try CommandFailure.reporting {
            try SensitivityAnalysis.run(model, options: options, progress: progress.update)
        }
        progress.finish()
        try outputOptions.write(SensitivityWriter(result, width: outputOptions.terminalWidth).render(outputOptions.format))
        if metric.engine == .forecast || metric.engine == .timeline,
           let note = PathSupport.note(paths: options.forecast.paths, quantiles: [("P90", 0.9)], risk: model.model.thresholds.risk,
                                       decides: "the swings it decides") {
            CommandFailure.printError(note)
        }
    }
}
