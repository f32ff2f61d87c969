/// The JSON form of a deployment analysis: stable snake_case keys, numbers at
/// full precision, the exact odds, every Monte Carlo figure with its standard
/// error, and what it takes to repeat the run (model, seed, paths, threads,
/// tool version).
///
/// Exact figures (closed forms) carry no standard error. Monte Carlo figures:
/// `simulated` outcome frequencies (`p`, `se`), and the percentile summaries
/// (`p5`, `p50`, `p95`, `mean` with `*_se`), whose percentiles also carry a
/// binning error of at most `percentile_bin_relative_error` of the value (of
/// 1 − value for probabilities above ½).
struct DeploymentDocument: Encodable {
    typealias Probability = JSONProbability

    struct Percentiles: Encodable {
        var p5: Double
        var p50: Double
        var p95: Double
        var mean: Double
        var p5_se: Double
        var p50_se: Double
        var p95_se: Double
        var mean_se: Double
        var count: Int

        init(_ percentiles: CapacityKit.Percentiles) {
            p5 = percentiles.p5
            p50 = percentiles.p50
            p95 = percentiles.p95
            mean = percentiles.mean ?? 0
            p5_se = percentiles.p5StandardError
            p50_se = percentiles.p50StandardError
            p95_se = percentiles.p95StandardError
            mean_se = percentiles.meanStandardError ?? 0
            count = percentiles.count
        }
    }

    /// One figure per outcome, in the JSON's names.
    struct Outcomes<Figure: Encodable>: Encodable {
        var first_attempt_success: Figure
        var success_after_retries: Figure
        var success: Figure
        var blocked: Figure
        var failure: Figure
        var rolled_back: Figure
        var unrecoverable: Figure

        init<Source>(_ outcomes: DeploymentOutcomes<Source>, _ figure: (Source) -> Figure) {
            first_attempt_success = figure(outcomes.firstAttemptSuccess)
            success_after_retries = figure(outcomes.successAfterRetries)
            success = figure(outcomes.success)
            blocked = figure(outcomes.blocked)
            failure = figure(outcomes.failure)
            rolled_back = figure(outcomes.rolledBack)
            unrecoverable = figure(outcomes.unrecoverable)
        }
    }

    struct MeanAndSD: Encodable {
        var mean: Double
        var sd: Double
    }

    struct Stage: Encodable {
        var name: String
        /// "rate" or "counts".
        var evidence: String
        var failures: Int?
        var runs: Int?
        /// The rate used: the given one, or the posterior mean (failures + 1)/(runs + 2).
        var failure_rate: Double
        var failure_rate_percentiles: Percentiles?
        var retries: Int
        var retryable: Double
        /// `pre-release`, `release` or `post-release`.
        var phase: String
        /// Quick form only: how the phase was read (`given`, `ci-like name`,
        /// `ci-like name after a release stage`, `default`).
        var phase_source: String?
        var first_attempt_success: Double
        var success_probability: Double
        var failure_probability: Double
        var expected_attempts: Double
        var attempt_duration_minutes: MeanAndSD?

        init(_ stage: DeploymentStageOdds, phaseSource: StagePhaseReading.Source?) {
            name = stage.name
            phase = stage.phase.rawValue
            phase_source = phaseSource?.rawValue
            switch stage.evidence {
            case .rate: evidence = "rate"
            case .counts(let failures, let runs):
                evidence = "counts"
                self.failures = failures
                self.runs = runs
            }
            failure_rate = stage.failureRate
            failure_rate_percentiles = stage.failureRatePercentiles.map(Percentiles.init)
            retries = stage.retries
            retryable = stage.retryable
            first_attempt_success = stage.firstAttemptSuccess
            success_probability = stage.successProbability
            failure_probability = stage.failureProbability
            expected_attempts = stage.expectedAttempts
            attempt_duration_minutes = stage.durationMinutes.map { MeanAndSD(mean: $0.mean, sd: $0.sd) }
        }
    }

    struct Period: Encodable {
        var deployments: Double
        var failed: Double
        var rolled_back: Double
        var unrecoverable: Double

        init(_ period: DeploymentRiskOverTime.ExpectedDeployments) {
            deployments = period.deployments
            failed = period.failed
            rolled_back = period.rolledBack
            unrecoverable = period.unrecoverable
        }
    }

    struct OverTime: Encodable {
        var deploys_per_month: Double
        var per_month: Period
        var per_quarter: Period
        /// "binomial" (a whole number of deployments a quarter) or "poisson".
        var quarter_model: String
        var unrecoverable_in_quarter: Double
        var unrecoverable_in_quarter_percentiles: Percentiles?

        init(_ overTime: DeploymentRiskOverTime) {
            deploys_per_month = overTime.deploysPerMonth
            per_month = Period(overTime.perMonth)
            per_quarter = Period(overTime.perQuarter)
            switch overTime.quarterModel {
            case .binomial: quarter_model = "binomial"
            case .poisson: quarter_model = "poisson"
            }
            unrecoverable_in_quarter = overTime.unrecoverableInQuarter
            unrecoverable_in_quarter_percentiles = overTime.unrecoverableInQuarterPercentiles.map(Percentiles.init)
        }
    }

    struct Improvement: Encodable {
        var rank: Int
        var stage: String
        var failure_rate: Double
        var halved_failure_rate: Double
        var success_probability: Double
        var unrecoverable_probability: Double
        var gain: Double
    }

    var tool = "capacity"
    var version = CapacityVersion.current
    var command = "deploy"
    /// The model's name, or "quick form".
    var model: String
    var seed: UInt64
    var paths: Int
    var threads: Int
    var percentile_bin_relative_error = CapacityKit.Percentiles.binRelativeError
    var success_probability: Double
    var first_attempt_success: Double
    var success_after_retries: Double
    /// A pre-release stage failed: nothing shipped (0 without pre-release stages).
    var blocked_probability: Double
    var failure_probability: Double
    var rollback_probability: Double
    var unrecoverable_probability: Double
    var rollback_success_rate: Double
    var stages: [Stage]
    /// The exact odds' spread over the failure-rate posteriors; absent when every rate is known.
    var intervals: Outcomes<Percentiles>?
    /// Deployments simulated attempt by attempt: a check of the exact odds.
    var simulated: Outcomes<Probability>
    var over_time: OverTime?
    var duration_minutes: Percentiles?
    var fix_first: [Improvement]
    /// The overrides the run used (`--set`); absent for the model file as it is.
    var overrides: [JSONOverride]?
    var verdict: String

    init(_ result: DeploymentOddsResult, model: String, verdict: String, phaseReadings: [StagePhaseReading] = []) {
        self.model = model
        seed = result.options.seed
        paths = result.options.paths
        threads = result.options.threads
        success_probability = result.successProbability
        first_attempt_success = result.firstAttemptSuccess
        success_after_retries = result.outcomes.successAfterRetries
        blocked_probability = result.outcomes.blocked
        failure_probability = result.outcomes.failure
        rollback_probability = result.rollbackProbability
        unrecoverable_probability = result.unrecoverableProbability
        rollback_success_rate = result.rollbackSuccessRate
        stages = result.stages.map { stage in
            Stage(stage, phaseSource: phaseReadings.first { $0.stage == stage.name }?.source)
        }
        intervals = result.outcomePercentiles.map { Outcomes($0, Percentiles.init) }
        simulated = Outcomes(result.simulatedOutcomes, Probability.init)
        over_time = result.overTime.map(OverTime.init)
        duration_minutes = result.durationMinutes.map(Percentiles.init)
        fix_first = result.improvements.enumerated().map { rank, entry in
            Improvement(rank: rank + 1, stage: entry.stageName, failure_rate: entry.failureRate,
                        halved_failure_rate: entry.halvedFailureRate, success_probability: entry.successProbability,
                        unrecoverable_probability: entry.unrecoverableProbability, gain: entry.gain)
        }
        self.verdict = verdict
    }
}
