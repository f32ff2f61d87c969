import ArgumentParser
import CapacityKit
import Foundation

/// `capacity deploy`: the odds that a deployment succeeds, is rolled back or fails unrecoverably.
struct Deploy: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Odds that a deployment succeeds, is rolled back, or fails unrecoverably.",
        discussion: """
            The pipeline comes from the model's deployment: section, or from --stage flags (the quick form, \
            no model needed): capacity deploy --stage ci=4% --stage build=2/100 --stage deploy=3%:retries=1 \
            --rollback 95% --deploys-per-month 20. A stage's phase is pre-release (a failure blocks the \
            release, nothing to roll back), release or post-release (a failure is rolled back); in the quick \
            form :phase= sets it, and without it a CI-like name (\(StagePhaseReading.ciLikeNames.joined(separator: ", "))) \
            before any release stage is pre-release and every other stage release; the output says how each \
            was read. retries=N retries every failure unless :retryable=SHARE gives the share that is \
            transient; the output says so. The odds are exact; counted failures (2/100) add \
            P5–P95 over their Beta posteriors, from a Monte Carlo that also checks the odds and gives \
            deployment times. The same seed gives the same output on any number of threads.
            """
    )

    @OptionGroup var modelOptions: ModelOptions

    @Option(name: .customLong("stage"), parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "A pipeline stage, in order: NAME=RATE[:retries=N][:retryable=SHARE][:phase=PHASE]; RATE is 4%, 0.04 or failures/runs (2/100); PHASE pre-release, release or post-release (default: pre-release for a CI-like name such as ci, build, test or lint before any release stage, else release).",
        valueName: "stage"))
    var stages: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Quick form: probability that a rollback restores service (default 100%).",
                               valueName: "share"))
    var rollback: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Quick form: deployments a month, for monthly and quarterly figures.", valueName: "n"))
    var deploysPerMonth: String?

    @OptionGroup var sampling: SamplingFlags

    @OptionGroup var scenarioOptions: ScenarioOptions

    @OptionGroup var outputOptions: OutputOptions

    var oddsOptions: DeploymentOddsOptions {
        DeploymentOddsOptions(sampling.options(defaultPaths: 100_000))
    }

    /// True when the pipeline comes from the flags rather than a model.
    var isQuickForm: Bool { !stages.isEmpty || rollback != nil || deploysPerMonth != nil }

    /// The quick form's pipeline and how each stage's phase was read; its problems are usage errors.
    func quickDeployment() throws -> (deployment: Validated<Model.Deployment>, phases: [StagePhaseReading]) {
        do {
            return try DeploymentQuickForm.read(stages: stages, rollback: rollback, deploysPerMonth: deploysPerMonth)
        } catch {
            throw CommandFailure.usage(error.description)
        }
    }

    func validate() throws {
        if let problem = oddsOptions.problem { throw CommandFailure.usage(problem) }
        if isQuickForm {
            if !modelOptions.overrides.isEmpty || scenarioOptions.isRequested {
                throw CommandFailure.usage("--set and --scenario change a model's values; --stage, --rollback and "
                    + "--deploys-per-month describe a pipeline without a model")
            }
            if let model = modelOptions.model {
                throw CommandFailure.usage("--stage, --rollback and --deploys-per-month describe a pipeline without "
                    + "a model; --model \(model) has its own deployment: section")
            }
            _ = try quickDeployment()
        }
    }

    func run() throws {
        let deployment: Validated<Model.Deployment>
        let modelName: String
        var overrides: [ModelOverride] = []
        var phaseReadings: [StagePhaseReading] = []
        if isQuickForm {
            (deployment, phaseReadings) = try quickDeployment()
            modelName = DeploymentWriter.quickForm
        } else {
            let validated = try modelOptions.validated()
            let model = validated.model
            overrides = validated.overrides
            guard let section = validated.deployment else {
                CommandFailure.printError("\(modelOptions.model ?? DefaultModel.fileName):1:1: the model has no "
                    + "`deployment:` section; add one (stages with failure rates, see `capacity init`) "
                    + "or give the pipeline with --stage NAME=RATE")
                throw ExitCode(CommandFailure.dataError)
            }
            deployment = section
            modelName = model.name
            if scenarioOptions.isRequested {
                let scenarios = try scenarioOptions.selected(from: validated, file: modelOptions.model)
                let comparison = try CommandFailure.reporting {
                    try ScenarioComparison.deployment(validated, scenarios: scenarios, options: oddsOptions)
                }
                if let comparison {
                    try outputOptions.write(ScenarioComparisonWriter(comparison, width: outputOptions.terminalWidth)
                        .render(outputOptions.format))
                    return
                }
            }
        }
        if let problem = DeploymentOdds.workEstimate(deployment, options: oddsOptions).problem {
            throw CommandFailure.usage(problem)
        }
        let progress = ProgressBar(label: "deploy")
        let result: DeploymentOddsResult
        do {
            result = try DeploymentOdds.run(deployment, options: oddsOptions, progress: progress.update)
        } catch let error as DeploymentOddsError {
            progress.finish()
            throw CommandFailure.usage(error.description)
        }
        progress.finish()
        try outputOptions.write(DeploymentWriter(result, modelName: modelName, width: outputOptions.terminalWidth,
                                                 overrides: overrides, phaseReadings: phaseReadings)
            .render(outputOptions.format))
    }
}
