import Foundation

/// How one deployment ends, as some figure per outcome: exact probabilities
/// (`Double`), their spread over the failure-rate posteriors
/// (``DeploymentPercentiles``), or simulated frequencies (``Proportion``).
///
/// Four outcomes partition the deployments; `success` and `failure` are their
/// sums, stored because a percentile of a sum is not the sum of percentiles:
///
///     success = firstAttemptSuccess + successAfterRetries
///     failure = rolledBack + unrecoverable = 1 − success
public struct DeploymentOutcomes<Figure> {
    /// Every stage passed at its first attempt.
    public var firstAttemptSuccess: Figure
    /// Every stage passed, at least one after a retry.
    public var successAfterRetries: Figure
    /// Every stage passed (with or without retries).
    public var success: Figure
    /// Some stage failed after its retries: the deployment was rolled back or was unrecoverable.
    public var failure: Figure
    /// Failed, and the rollback restored service.
    public var rolledBack: Figure
    /// Failed, and the rollback failed too.
    public var unrecoverable: Figure

    public init(firstAttemptSuccess: Figure, successAfterRetries: Figure, success: Figure, failure: Figure,
                rolledBack: Figure, unrecoverable: Figure) {
        self.firstAttemptSuccess = firstAttemptSuccess
        self.successAfterRetries = successAfterRetries
        self.success = success
        self.failure = failure
        self.rolledBack = rolledBack
        self.unrecoverable = unrecoverable
    }

    /// The same outcomes with `transform` applied to each figure.
    public func map<Other>(_ transform: (Figure) -> Other) -> DeploymentOutcomes<Other> {
        DeploymentOutcomes<Other>(
            firstAttemptSuccess: transform(firstAttemptSuccess), successAfterRetries: transform(successAfterRetries),
            success: transform(success), failure: transform(failure), rolledBack: transform(rolledBack),
            unrecoverable: transform(unrecoverable))
    }

    /// Combines each figure with the same outcome's figure of `other`.
    mutating func merge(_ other: DeploymentOutcomes, _ combine: (inout Figure, Figure) -> Void) {
        combine(&firstAttemptSuccess, other.firstAttemptSuccess)
        combine(&successAfterRetries, other.successAfterRetries)
        combine(&success, other.success)
        combine(&failure, other.failure)
        combine(&rolledBack, other.rolledBack)
        combine(&unrecoverable, other.unrecoverable)
    }
}

extension DeploymentOutcomes: Sendable where Figure: Sendable {}
extension DeploymentOutcomes: Equatable where Figure: Equatable {}

extension DeploymentOutcomes where Figure == Double {
    /// The exact odds of a pipeline of independent stages, given the rollback success rate ρ:
    ///
    ///     firstAttemptSuccess = Π (1 − pᵢ)
    ///     success             = Π sᵢ                      (sᵢ: the stage's success probability)
    ///     successAfterRetries = success − firstAttemptSuccess
    ///     failure             = 1 − Π (1 − fᵢ)            (fᵢ = 1 − sᵢ, summed in logs: −expm1(Σ log1p(−fᵢ)))
    ///     rolledBack          = failure · ρ
    ///     unrecoverable       = failure · (1 − ρ)
    ///
    /// `failure` is not computed as 1 − success, so a small failure probability
    /// keeps its digits; the outcomes sum to 1 within rounding.
    /// Domain: probabilities in [0, 1] (not re-checked). O(stages).
    public init(stages: [StageRetryOdds], rollbackSuccessRate: Double) {
        var firstAttempt = 1.0, success = 1.0, logSurvival = 0.0
        for stage in stages {
            firstAttempt *= stage.firstAttemptSuccess
            success *= stage.successProbability
            logSurvival += log1p(-stage.failureProbability)
        }
        let failure = -expm1(logSurvival)
        self.init(firstAttemptSuccess: firstAttempt, successAfterRetries: success - firstAttempt, success: success,
                  failure: failure, rolledBack: failure * rollbackSuccessRate,
                  unrecoverable: failure * (1 - rollbackSuccessRate))
    }
}
