import Foundation

/// How one deployment ends, as some figure per outcome: exact probabilities
/// (`Double`), their spread over the failure-rate posteriors
/// (``Percentiles``), or simulated frequencies (``Proportion``).
///
/// Five outcomes partition the deployments; `success` and `failure` are sums,
/// stored because a percentile of a sum is not the sum of percentiles:
///
///     success = firstAttemptSuccess + successAfterRetries
///     failure = rolledBack + unrecoverable = 1 − success − blocked
public struct DeploymentOutcomes<Figure> {
    /// Every stage passed at its first attempt.
    public var firstAttemptSuccess: Figure
    /// Every stage passed, at least one after a retry.
    public var successAfterRetries: Figure
    /// Every stage passed (with or without retries).
    public var success: Figure
    /// A pre-release stage failed after its retries: nothing shipped, nothing to roll back.
    public var blocked: Figure
    /// A release or post-release stage failed after its retries: the deployment was rolled back or was unrecoverable.
    public var failure: Figure
    /// Failed, and the rollback restored service.
    public var rolledBack: Figure
    /// Failed, and the rollback failed too.
    public var unrecoverable: Figure

    public init(firstAttemptSuccess: Figure, successAfterRetries: Figure, success: Figure, blocked: Figure,
                failure: Figure, rolledBack: Figure, unrecoverable: Figure) {
        self.firstAttemptSuccess = firstAttemptSuccess
        self.successAfterRetries = successAfterRetries
        self.success = success
        self.blocked = blocked
        self.failure = failure
        self.rolledBack = rolledBack
        self.unrecoverable = unrecoverable
    }

    /// The same outcomes with `transform` applied to each figure.
    public func map<Other>(_ transform: (Figure) -> Other) -> DeploymentOutcomes<Other> {
        DeploymentOutcomes<Other>(
            firstAttemptSuccess: transform(firstAttemptSuccess), successAfterRetries: transform(successAfterRetries),
            success: transform(success), blocked: transform(blocked), failure: transform(failure),
            rolledBack: transform(rolledBack),
            unrecoverable: transform(unrecoverable))
    }

    /// Combines each figure with the same outcome's figure of `other`.
    mutating func merge(_ other: DeploymentOutcomes, _ combine: (inout Figure, Figure) -> Void) {
        combine(&firstAttemptSuccess, other.firstAttemptSuccess)
        combine(&successAfterRetries, other.successAfterRetries)
        combine(&success, other.success)
        combine(&blocked, other.blocked)
        combine(&failure, other.failure)
        combine(&rolledBack, other.rolledBack)
        combine(&unrecoverable, other.unrecoverable)
    }
}

extension DeploymentOutcomes: Sendable where Figure: Sendable {}
extension DeploymentOutcomes: Equatable where Figure: Equatable {}

extension DeploymentOutcomes where Figure == Double {
    /// The exact odds of a pipeline of independent stages whose first
    /// `preReleaseCount` stages are pre-release, given the rollback success rate ρ:
    ///
    ///     firstAttemptSuccess = Π (1 − pᵢ)
    ///     success             = Π sᵢ                      (sᵢ: the stage's success probability)
    ///     successAfterRetries = success − firstAttemptSuccess
    ///     blocked             = 1 − Π_pre sᵢ              (a pre-release stage failed)
    ///     failure             = Π_pre sᵢ · (1 − Π_rest sⱼ)  (released, then a later stage failed)
    ///     rolledBack          = failure · ρ
    ///     unrecoverable       = failure · (1 − ρ)
    ///
    /// 1 − Π sᵢ is computed as −expm1(Σ log1p(−fᵢ)) with fᵢ = 1 − sᵢ, not as
    /// 1 − success, so a small failure probability keeps its digits; the
    /// outcomes sum to 1 within rounding. Domain: probabilities in [0, 1] (not
    /// re-checked). O(stages).
    public init(stages: [StageRetryOdds], rollbackSuccessRate: Double, preReleaseCount: Int = 0) {
        var firstAttempt = 1.0, success = 1.0, logPreSurvival = 0.0, logRestSurvival = 0.0
        for (index, stage) in stages.enumerated() {
            firstAttempt *= stage.firstAttemptSuccess
            success *= stage.successProbability
            if index < preReleaseCount {
                logPreSurvival += log1p(-stage.failureProbability)
            } else {
                logRestSurvival += log1p(-stage.failureProbability)
            }
        }
        let blocked = -expm1(logPreSurvival)
        let failure = exp(logPreSurvival) * -expm1(logRestSurvival)
        self.init(firstAttemptSuccess: firstAttempt, successAfterRetries: success - firstAttempt, success: success,
                  blocked: blocked, failure: failure, rolledBack: failure * rollbackSuccessRate,
                  unrecoverable: failure * (1 - rollbackSuccessRate))
    }
}
