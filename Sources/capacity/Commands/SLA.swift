import ArgumentParser
import CapacityKit
import Foundation

/// `capacity sla`: combined availability, downtime per period, error budget,
/// weakest links, the one-more-replica what-if and simulated years.
struct SLA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla",
        abstract: "Combined availability, downtime and error budget against an SLA target, and how bad a year gets.",
        discussion: """
            Uses the model's availability: section, or the quick form: one --component per \
            component, no model file needed.

            Quick form: --component NAME=AVAILABILITY[:OPTION=VALUE…]
              AVAILABILITY  of one replica: 99.9% or 0.999, or mtbf:DURATION/mttr:DURATION
                            (units s, m, h, d), e.g. mtbf:2000h/mttr:30m
              replicas=N    identical replicas (default 1)
              required=K    replicas that must be up, k-of-n (default 1)
              critical=false  off the user-facing path: reported, not multiplied in
              failover=90%  chance that switching to a standby replica succeeds
            Examples:
              capacity sla --component db=99.9% --component api=99.95%:replicas=2 \\
                --target 99.95%
              capacity sla --component db=mtbf:2000h/mttr:30m:replicas=2:failover=95% \\
                --component monitoring=99.8%:critical=false

            Critical components are in series (A = Π Aᵢ, independent failures). A year is 365 days, \
            a quarter 90 days; error budgets are also given per 30 days. The simulated years follow \
            every replica's failures and repairs (components given only an availability get \
            --assumed-mttr); their standard errors are in the JSON. The same seed gives the same \
            output on any number of threads.
            """
    )

    @OptionGroup var modelOptions: ModelOptions

    @Option(name: .customLong("component"),
            help: ArgumentHelp("A component of the quick form (repeat per component; syntax above).",
                               valueName: "name=availability[:option=value…]"))
    var components: [String] = []

    @Option(help: ArgumentHelp("Availability target, e.g. 99.95% or 0.9995 (default: the model's; 99.9% in the quick form).",
                               valueName: "probability"))
    var target: String?

    @Option(help: "Years per simulated path (1–\(OutageSimulation.Options.maximumYears)).")
    var years = 10

    @OptionGroup var sampling: SamplingFlags

    @Option(help: ArgumentHelp("Mean repair time simulated for components given only an availability, e.g. 30m or 2h.",
                               valueName: "duration"))
    var assumedMttr = "30m"

    @OptionGroup var scenarioOptions: ScenarioOptions

    @OptionGroup var outputOptions: OutputOptions

    /// The quick form's target when `--target` is absent.
    static let quickFormTarget = "99.9%"

    var simulationOptions: OutageSimulation.Options {
        OutageSimulation.Options(years: years, simulation: sampling.options(defaultPaths: 10_000),
                                 assumedRepairMinutes: (try? AvailabilityShorthand.assumedRepairMinutes(assumedMttr)) ?? .nan)
    }

    func validate() throws {
        if !components.isEmpty && (!modelOptions.overrides.isEmpty || scenarioOptions.isRequested) {
            throw CommandFailure.usage("--set and --scenario change a model's values; --component gives the components "
                + "without a model")
        }
        if !components.isEmpty && modelOptions.model != nil {
            throw CommandFailure.usage("--component (the quick form) and --model cannot be combined; "
                                       + "put the components in the model's availability: section, or drop --model")
        }
        if let target, AvailabilityShorthand.probability(target) == nil {
            throw CommandFailure.usage("--target must be a probability in [0, 1] (99.9% or 0.999); got \(target)")
        }
        if !components.isEmpty {
            do {
                _ = try quickForm()
            } catch {
                throw CommandFailure.usage(error.description)
            }
        }
        do {
            _ = try AvailabilityShorthand.assumedRepairMinutes(assumedMttr)
        } catch {
            throw CommandFailure.usage(error.description)
        }
        if let problem = simulationOptions.problem { throw CommandFailure.usage(problem) }
    }

    /// The availability section of the quick form.
    func quickForm() throws(AvailabilityShorthandError) -> Validated<Model.Availability> {
        try AvailabilityShorthand.availability(components: components, target: target ?? Self.quickFormTarget)
    }

    /// The availability section to analyse, the name it is reported under and the model it comes from.
    func availability() throws -> (section: Validated<Model.Availability>, name: String, model: ValidatedModel?) {
        if !components.isEmpty { return (try quickForm(), "quick form", nil) }
        let validated = try modelOptions.validated()
        let model = validated.model
        guard let section = validated.availability else {
            CommandFailure.printError("\(modelOptions.model ?? DefaultModel.fileName):1:1: the model has no "
                                      + "`availability:` section; add one (a target and components, see `capacity init`) "
                                      + "or give the components with --component NAME=AVAILABILITY")
            throw ExitCode(CommandFailure.dataError)
        }
        return (try target.map { try section.targeting($0) } ?? section, model.name, validated)
    }

    func run() throws {
        let (section, name, model) = try availability()
        if scenarioOptions.isRequested, let model {
            let scenarios = try scenarioOptions.selected(from: model, file: modelOptions.model)
            for scenario in scenarios {
                guard let section = scenario.model.availability else { continue }
                if let problem = OutageSimulation.workEstimate(section, options: simulationOptions).problem {
                    throw CommandFailure.usage("scenario `\(scenario.name)`: \(problem)")
                }
            }
            let comparison = ScenarioComparison.availability(model, scenarios: scenarios,
                                                             target: target.flatMap(AvailabilityShorthand.probability),
                                                             options: simulationOptions)
            if let comparison {
                try outputOptions.write(ScenarioComparisonWriter(comparison, width: outputOptions.terminalWidth)
                    .render(outputOptions.format))
                return
            }
        }
        let analysis = AvailabilityAnalysis(section)
        if let problem = OutageSimulation.workEstimate(section, options: simulationOptions).problem {
            throw CommandFailure.usage(problem)
        }
        let progress = ProgressBar(label: "sla")
        let simulation = OutageSimulation(section, options: simulationOptions, progress: progress.update)
        progress.finish()
        try outputOptions.write(SLAWriter(modelName: name, analysis: analysis, simulation: simulation,
                                          width: outputOptions.terminalWidth, overrides: model?.overrides ?? [])
            .render(outputOptions.format))
        // The simulated years' quantiles rest on paths × years of them.
        let options = simulationOptions
        if let note = PathSupport.note(paths: options.pathYears, quantiles: [("P99", 0.99), ("P90", 0.9), ("P50", 0.5)],
                                       counted: "--paths \(NumberFormat.grouped(options.paths)) × --years \(options.years) = "
                                           + "\(NumberFormat.grouped(options.pathYears)) simulated years",
                                       unit: "simulated years", raise: "--paths × --years") {
            CommandFailure.printError(note)
        }
    }
}
