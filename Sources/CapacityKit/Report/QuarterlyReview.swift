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
        /// The calendar month the review is written in (the command line passes the clock).
        public var today: YearMonth

        public init(months: Int = 12, paths: Int = 100_000, seed: UInt64 = ForecastOptions.defaultSeed,
                    threads: Int = 1, today: YearMonth) {
            self.months = months
            self.paths = paths
            self.seed = seed
            self.threads = threads
            self.today = today
        }
    }

    public let model: Model
    public let options: Options
    public let forecast: ForecastResult
    /// The pools on the forecast's own paths (nil without pools): waits, timeouts, budget, sizing.
    public let pools: PoolForecast?
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
        let forecast = try MemoryForecast.run(validated, options: ForecastOptions(
            months: options.months, paths: options.paths, seed: options.seed, threads: options.threads),
            poolThresholds: PoolForecast.thresholdLoads(model), progress: progress)
        let pools = model.pools.isEmpty ? nil
            : PoolForecast(forecast, model: model, waitMS: Self.poolWaitMS, target: Self.poolTarget)
        let deployment = try model.deployment.map {
            try DeploymentOdds.run($0, options: DeploymentOddsOptions(seed: options.seed, threads: options.threads))
        }
        let availability = model.availability.map(AvailabilityAnalysis.init)
        let outages = model.availability.map {
            OutageSimulation($0, options: OutageSimulation.Options(seed: options.seed, threads: options.threads))
        }
        return QuarterlyReview(model: model, options: options, forecast: forecast, pools: pools, deployment: deployment,
                               availability: availability, outages: outages,
                               summary: ReviewSummary(forecast: forecast, deployment: deployment,
                                                      availability: availability, outages: outages),
                               previous: previous)
    }
}

/// The five things a director reads first, as decided figures (writers word them).
public struct ReviewSummary: Sendable {
    /// The first resource to fail and when (nil: none within the horizon), and the worst status seen.
    public var firstFailure: ResourceOutlook?
    public var worstStatus: ForecastStatus
    /// Plan by the first month any resource's P90 reaches warn; act by the first it reaches critical.
    public var planBy: (resource: Resource, month: Int)?
    public var actBy: (resource: Resource, month: Int)?
    /// Deployment success odds and the stage whose halved failure rate gains most.
    public var deploymentSuccess: Double?
    public var fixFirst: DeploymentStageImprovement?
    /// Expected availability, its target, the share of the error budget used and P(a year meets it).
    public var availability: Double?
    public var target: Double?
    public var errorBudgetUsed: Double?
    public var yearMeetsTarget: OutageSimulation.Estimate?

    init(forecast: ForecastResult, deployment: DeploymentOddsResult?, availability: AvailabilityAnalysis?,
         outages: OutageSimulation?) {
        let verdict = forecast.verdict
        firstFailure = verdict.first { $0.crossings.firstFailure != nil }
        worstStatus = forecast.months.map(\.status.status).max() ?? .safe
        func earliest(_ month: (Crossings) -> Int?) -> (Resource, Int)? {
            forecast.resources.compactMap { outlook in month(outlook.crossings).map { (outlook.resource, $0) } }
                .min { $0.1 < $1.1 }
        }
        planBy = earliest(\.warn).map { (resource: $0.0, month: $0.1) }
        actBy = earliest(\.critical).map { (resource: $0.0, month: $0.1) }
        deploymentSuccess = deployment?.successProbability
        fixFirst = deployment?.improvements.first
        self.availability = availability?.availability
        target = availability?.target
        errorBudgetUsed = availability?.errorBudgetUsed
        yearMeetsTarget = outages?.probabilityMeetingTarget
    }
}
