/// What the deployment analysis found: plain values for the writers, nothing left to compute.
///
/// Probabilities are fractions in [0, 1] at full precision; durations are minutes.
public struct DeploymentOddsResult: Sendable, Equatable {
    /// Paths, seed and threads of the run (the exact odds do not depend on them).
    public var options: DeploymentOddsOptions
    public var stages: [DeploymentStageOdds]
    public var rollbackSuccessRate: Double
    /// The exact odds, every stage at its point failure rate (a given rate, or a posterior mean).
    public var outcomes: DeploymentOutcomes<Double>
    /// The exact odds' spread over the failure-rate posteriors (P5/P50/P95; the mean is the
    /// posterior-predictive probability). Nil when every stage has a known rate.
    public var outcomePercentiles: DeploymentOutcomes<Percentiles>?
    /// Outcome frequencies of the deployments simulated attempt by attempt (at each path's
    /// drawn rates), with standard errors: a check of the exact odds, and with counted stages
    /// that retry, the posterior-predictive odds.
    public var simulatedOutcomes: DeploymentOutcomes<Proportion>
    /// Monthly and quarterly figures; nil when `deploys_per_month` is 0.
    public var overTime: DeploymentRiskOverTime?
    /// Deployment time including retries and the rollback of failed deployments, minutes;
    /// nil when no stage and not the rollback has a duration.
    public var durationMinutes: Percentiles?
    /// Every stage with the gain from halving its failure rate, largest gain first.
    public var improvements: [DeploymentStageImprovement]

    public init(options: DeploymentOddsOptions, stages: [DeploymentStageOdds], rollbackSuccessRate: Double,
                outcomes: DeploymentOutcomes<Double>, outcomePercentiles: DeploymentOutcomes<Percentiles>?,
                simulatedOutcomes: DeploymentOutcomes<Proportion>, overTime: DeploymentRiskOverTime?,
                durationMinutes: Percentiles?, improvements: [DeploymentStageImprovement]) {
        self.options = options
        self.stages = stages
        self.rollbackSuccessRate = rollbackSuccessRate
        self.outcomes = outcomes
        self.outcomePercentiles = outcomePercentiles
        self.simulatedOutcomes = simulatedOutcomes
        self.overTime = overTime
        self.durationMinutes = durationMinutes
        self.improvements = improvements
    }

    /// P(every stage passes, with or without retries).
    public var successProbability: Double { outcomes.success }
    /// P(every stage passes at its first attempt) = Π(1 − pᵢ).
    public var firstAttemptSuccess: Double { outcomes.firstAttemptSuccess }
    /// P(the deployment fails and its rollback succeeds).
    public var rollbackProbability: Double { outcomes.rolledBack }
    /// P(the deployment fails and its rollback fails too).
    public var unrecoverableProbability: Double { outcomes.unrecoverable }
    /// The stages whose retries assume every failure can be retried
    /// (``DeploymentStageOdds/assumesEveryFailureRetryable``), in pipeline order.
    public var stagesAssumingEveryFailureRetryable: [String] {
        stages.filter(\.assumesEveryFailureRetryable).map(\.name)
    }
}
