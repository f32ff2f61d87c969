/// The quarterly planning review: every engine's result for one model, and the
/// summary a director reads, decided here from the same figures the sections show.
///
/// The report computes nothing of its own beyond that summary: the forecast,
/// the deployment odds and the availability come from their engines, with the
/// same seed, so each section equals what its own command prints.
public struct QuarterlyReview: Sendable {
    /// How the review runs.
    public struct Options: SimulationOptionsHolding, Sendable, Equatable {
        public var months: Int
        /// The forecast's paths, and the seed, threads and chunk size of every engine the review runs.
        public var simulation: SimulationOptions
        /// The day the review is written (the command line passes the clock).
        public var day: CalendarDay

        /// The calendar month the review is written in.
        public var today: YearMonth { day.yearMonth }
        /// How the deployment odds and the simulated years run: the review's seed and threads.
        var deployment: DeploymentOddsOptions { DeploymentOddsOptions(seed: seed, threads: threads) }
        var outages: OutageSimulation.Options { OutageSimulation.Options(seed: seed, threads: threads) }

        public init(months: Int = 12, paths: Int = 100_000, seed: UInt64 = ForecastOptions.defaultSeed,
                    threads: Int = 1, today: CalendarDay) {
            self.init(months: months, simulation: SimulationOptions(paths: paths, seed: seed, threads: threads), today: today)
        }

        public init(months: Int, simulation: SimulationOptions, today: CalendarDay) {
            self.months = months
            self.simulation = simulation
            day = today
        }

        var forecast: ForecastOptions { ForecastOptions(months: months, simulation: simulation) }
    }

    public let model: Model
    /// The overrides the review ran with (`--set`), listed in its header.
    public let overrides: [ModelOverride]
    public let options: Options
    public let forecast: ForecastResult
    /// The pools on the forecast's own paths (nil without pools): waits, timeouts, budget, sizing.
    public let pools: PoolForecast?
    /// The scaling plan over the horizon (``ScalingTimeline``), on the same paths.
    public let timeline: TimelineResult
    public let deployment: DeploymentOddsResult?
    public let availability: AvailabilityAnalysis?
    public let outages: OutageSimulation?
    public let summary: ReviewSummary
    /// Page one: what the review is asked to decide (from the plan).
    public let decision: ReviewDecision
    /// What matters most: the inputs ranked by how much they move host P90 memory in the last
    /// month (``SensitivityAnalysis``, the uncertain inputs), on the forecast's paths.
    public let sensitivity: SensitivityResult
    /// The model's scenarios side by side with it — forecast, plan, deployments, availability —
    /// each on the same paths and seed; empty when the model carries none.
    public let scenarios: [ScenarioComparison]
    /// The earlier review this one is compared with (`--compare`), if any.
    public let previous: PreviousReview?
    /// Host memory observed before the forecast (`--history`), drawn before the fan; nil without one.
    public let observed: ObservedHistory?

    /// Pool sizing in the review: keep P(wait > 100 ms or timeout) ≤ 1 % (the `capacity pools` defaults).
    public static let poolWaitMS = 100.0
    public static let poolTarget = 0.01

    /// The next review, a quarter after this one.
    public var nextReview: YearMonth { options.today.adding(months: 3) }

    /// Runs every engine the model has a section for.
    /// Why the review's simulations would run past the work budget (the deployment
    /// odds and the simulated years, as `capacity deploy` and `capacity sla` refuse
    /// them), or nil.
    public static func workProblem(_ validated: ValidatedModel, options: Options) -> String? {
        let model = validated.model
        let deployment = validated.deployment.flatMap {
            DeploymentOdds.workEstimate($0, options: options.deployment).problem
        }
        let outages = validated.availability.flatMap {
            OutageSimulation.workEstimate($0, options: options.outages).problem
        }
        // The forecast is the timeline's baseline: the timeline's runs are all the forecasts.
        let forecasts = MemoryForecast.workEstimate(validated, options: options.forecast,
                                                    forecasts: ScalingTimeline.forecastRuns(model)).problem
        return forecasts ?? deployment ?? outages
    }

    public static func run(_ validated: ValidatedModel, options: Options, previous: PreviousReview? = nil,
                           history: MonthlyHistory? = nil,
                           progress: (@Sendable (Double) -> Void)? = nil) throws -> QuarterlyReview {
        let model = validated.model
        let run = try MemoryForecast.simulate(validated, options: options.forecast,
                                              schedules: [Array(repeating: Provision(model), count: options.forecast.months)],
                                              poolThresholds: PoolForecast.thresholdLoads(model), progress: progress)[0]
        let forecast = run.result
        // The plan starts from this forecast (same paths and options), not from a second run of it.
        let timeline = try ScalingTimeline.run(validated, options: TimelineOptions(forecast: options.forecast,
                                                                                   today: options.day), baseline: run)
        let pools = model.pools.isEmpty ? nil
            : PoolForecast(forecast, model: model, waitMS: Self.poolWaitMS, target: Self.poolTarget)
        let deployment = try validated.deployment.map {
            try DeploymentOdds.run($0, options: options.deployment)
        }
        let availability = validated.availability.map(AvailabilityAnalysis.init)
        let outages = validated.availability.map { OutageSimulation($0, options: options.outages) }
        let sensitivity = try SensitivityAnalysis.run(validated, options: SensitivityOptions(
            metric: .memoryP90, forecast: options.forecast, today: options.day))
        let scenarios = try compare(validated, options: options, forecast: forecast, timeline: timeline, deployment: deployment,
                                    availability: availability.flatMap { a in outages.map { (a, $0) } },
                                    outageOptions: options.outages)
        return QuarterlyReview(model: model, overrides: validated.overrides, options: options, forecast: forecast,
                               pools: pools, timeline: timeline,
                               deployment: deployment,
                               availability: availability, outages: outages,
                               summary: ReviewSummary(forecast: forecast, timeline: timeline, deployment: deployment,
                                                      availability: availability, outages: outages),
                               decision: ReviewDecision(timeline: timeline, nextReview: options.today.adding(months: 3),
                                                        inputsAge: model.inputsAge),
                               sensitivity: sensitivity, scenarios: scenarios,
                               previous: previous,
                               observed: history.flatMap { ObservedHistory($0, before: forecast.months[0].date) })
    }
}

extension QuarterlyReview {
    /// The model's scenarios beside the base results already run: each scenario through the
    /// same engines with the same options (common random numbers).
    static func compare(_ validated: ValidatedModel, options: Options, forecast: ForecastResult, timeline: TimelineResult,
                        deployment: DeploymentOddsResult?, availability: (AvailabilityAnalysis, OutageSimulation)?,
                        outageOptions: OutageSimulation.Options) throws -> [ScenarioComparison] {
        guard !validated.scenarios.isEmpty else { return [] }
        let base = ScenarioComparison.Scenario(name: ScenarioComparison.baseName, overrides: [])
        let runs = ScenarioComparison.runs(validated, validated.scenarios).dropFirst()
        let commandLine = validated.overrides, name = validated.model.name
        // The scenarios' forecasts and plans on the draws already made (one pass for all that draw alike).
        let timelines = try ScalingTimeline.run(runs.map(\.1), options: TimelineOptions(forecast: options.forecast, today: options.day))
        var plans = ScenarioComparison.timeline([(base, timeline)] + Array(zip(runs.map(\.0), timelines)), commandLine: commandLine)
        plans.inputsAge = validated.model.inputsAge
        var comparisons = [
            ScenarioComparison.forecast([(base, forecast)] + Array(zip(runs.map(\.0), try MemoryForecast.simulate(
                runs.map { MemoryForecast.Member($0.1) }, options: options.forecast).map { $0[0].result })), commandLine: commandLine),
            plans,
        ]
        // A scenario that leaves a section as it is gets the base's result (same section, same seed).
        if let deployment, let section = validated.model.deployment {
            comparisons.append(ScenarioComparison.deployment([(base, deployment)] + (try runs.map {
                ($0.0, $0.1.model.deployment == section ? deployment : try DeploymentOdds.run($0.1.deployment!, options: options.deployment))
            }), modelName: name, commandLine: commandLine))
        }
        if let (analysis, outages) = availability, let section = validated.model.availability {
            comparisons.append(ScenarioComparison.availability([(base, analysis, outages)] + runs.map {
                $0.1.model.availability == section ? ($0.0, analysis, outages)
                    : ($0.0, AvailabilityAnalysis($0.1.availability!), OutageSimulation($0.1.availability!, options: outageOptions))
            }, modelName: name, commandLine: commandLine))
        }
        return comparisons
    }
}

/// The five things a director reads first, as decided figures (writers word them).
public struct ReviewSummary: Sendable {
    /// The first resource to fail and when (nil: none within the horizon), and the worst status seen.
    public var firstFailure: ResourceOutlook?
    public var worstStatus: ForecastStatus
    /// The earliest plan-by (a resource's P90 at warn) and act-by (its deadline less the lead time)
    /// over all resources, from the timeline.
    public var planBy: ResourceDates?
    public var actBy: ResourceDates?
    /// The plan's first action (nil: none needed, or none helps), and the first shortfall.
    public var firstAction: PlanStep?
    public var shortfall: Shortfall?
    /// Deployment success odds and the stage whose halved failure rate gains most.
    public var deploymentSuccess: Double?
    public var fixFirst: DeploymentStageImprovement?
    /// Expected availability, its target, the share of the error budget used and P(a year meets it).
    public var availability: Double?
    public var target: Double?
    public var errorBudgetUsed: Double?
    public var yearMeetsTarget: OutageSimulation.Estimate?

    init(forecast: ForecastResult, timeline: TimelineResult, deployment: DeploymentOddsResult?,
         availability: AvailabilityAnalysis?, outages: OutageSimulation?) {
        firstFailure = forecast.verdict.first { $0.crossings.firstFailure != nil }
        worstStatus = forecast.months.map(\.status.status).max() ?? .safe
        planBy = timeline.resources.filter { $0.planBy != nil }.min { $0.planBy! < $1.planBy! }
        actBy = timeline.resources.filter { $0.actBy != nil }.min { $0.actBy! < $1.actBy! }
        firstAction = timeline.firstAction
        shortfall = timeline.plan.shortfalls.first { !$0.onlyBeforeFirstChange }
        deploymentSuccess = deployment?.successProbability
        fixFirst = deployment?.improvements.first
        self.availability = availability?.availability
        target = availability?.target
        errorBudgetUsed = availability?.errorBudgetUsed
        yearMeetsTarget = outages?.probabilityMeetingTarget
    }
}
