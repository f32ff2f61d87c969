/// The quarterly planning review: every engine's result for one model, and the
/// summary a director reads, decided here from the same figures the sections show.
///
/// The report computes nothing of its own beyond that summary: the forecast,
/// the deployment odds and the availability come from their engines, with the
/// same seed, so each section equals what its own command prints.
public struct QuarterlyReview: Sendable {
    /// How the review runs.
    public struct Options: Sendable, Equatable {
        public var months: Int
        public var paths: Int
        public var seed: UInt64
        public var threads: Int
        /// The day the review is written (the command line passes the clock).
        public var day: CalendarDay

        /// The calendar month the review is written in.
        public var today: YearMonth { day.yearMonth }

        public init(months: Int = 12, paths: Int = 100_000, seed: UInt64 = ForecastOptions.defaultSeed,
                    threads: Int = 1, today: CalendarDay) {
            self.months = months
            self.paths = paths
            self.seed = seed
            self.threads = threads
            day = today
        }

        var forecast: ForecastOptions { ForecastOptions(months: months, paths: paths, seed: seed, threads: threads) }
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
    /// The earlier review this one is compared with (`--compare`), if any.
    public let previous: PreviousReview?

    /// Pool sizing in the review: keep P(wait > 100 ms or timeout) ≤ 1 % (the `capacity pools` defaults).
    public static let poolWaitMS = 100.0
    public static let poolTarget = 0.01

    /// The next review, a quarter after this one.
    public var nextReview: YearMonth { options.today.adding(months: 3) }

    /// Runs every engine the model has a section for.
    public static func run(_ validated: ValidatedModel, options: Options, previous: PreviousReview? = nil,
                           progress: (@Sendable (Double) -> Void)? = nil) throws -> QuarterlyReview {
        let model = validated.model
        let forecast = try MemoryForecast.run(validated, options: options.forecast,
                                              poolThresholds: PoolForecast.thresholdLoads(model), progress: progress)
        let timeline = try ScalingTimeline.run(validated, options: TimelineOptions(forecast: options.forecast,
                                                                                   today: options.day))
        let pools = model.pools.isEmpty ? nil
            : PoolForecast(forecast, model: model, waitMS: Self.poolWaitMS, target: Self.poolTarget)
        let deployment = try model.deployment.map {
            try DeploymentOdds.run($0, options: DeploymentOddsOptions(seed: options.seed, threads: options.threads))
        }
        let availability = model.availability.map(AvailabilityAnalysis.init)
        let outages = model.availability.map {
            OutageSimulation($0, options: OutageSimulation.Options(seed: options.seed, threads: options.threads))
        }
        return QuarterlyReview(model: model, overrides: validated.overrides, options: options, forecast: forecast,
                               pools: pools, timeline: timeline,
                               deployment: deployment,
                               availability: availability, outages: outages,
                               summary: ReviewSummary(forecast: forecast, timeline: timeline, deployment: deployment,
                                                      availability: availability, outages: outages),
                               previous: previous)
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
        shortfall = timeline.plan.shortfalls.first
        deploymentSuccess = deployment?.successProbability
        fixFirst = deployment?.improvements.first
        self.availability = availability?.availability
        target = availability?.target
        errorBudgetUsed = availability?.errorBudgetUsed
        yearMeetsTarget = outages?.probabilityMeetingTarget
    }
}
