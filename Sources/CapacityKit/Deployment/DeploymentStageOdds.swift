/// One pipeline stage as the analysis sees it: its evidence, the failure rate
/// used, and its exact odds (see ``StageRetryOdds`` for the formulas).
public struct DeploymentStageOdds: Sendable, Equatable {
    public var name: String
    /// What the model gave: a known rate, or failure counts.
    public var evidence: Model.FailureEvidence
    /// p used for the exact odds: the given rate, or the posterior mean
    /// (failures + 1)/(runs + 2) of Beta(failures + 1, runs − failures + 1).
    public var failureRate: Double
    public var retries: Int
    public var retryable: Double
    /// When it runs: a pre-release failure blocks the release, a later one is rolled back.
    public var phase: Model.Phase
    /// 1 − p.
    public var firstAttemptSuccess: Double
    /// s = (1 − p)(1 − (pf)ʳ⁺¹)/(1 − pf).
    public var successProbability: Double
    /// 1 − s, computed without cancellation.
    public var failureProbability: Double
    /// Mean attempts of the stage when it runs, (1 − (pf)ʳ⁺¹)/(1 − pf).
    public var expectedAttempts: Double
    /// Spread of p over its Beta posterior; nil for a known rate.
    public var failureRatePercentiles: Percentiles?
    /// Duration of one attempt, minutes, when the model gives it.
    public var durationMinutes: Model.MeanAndSD?

    public init(name: String, evidence: Model.FailureEvidence, failureRate: Double, retries: Int, retryable: Double,
                firstAttemptSuccess: Double, successProbability: Double, failureProbability: Double,
                expectedAttempts: Double, failureRatePercentiles: Percentiles?,
                durationMinutes: Model.MeanAndSD?, phase: Model.Phase = .release) {
        self.name = name
        self.phase = phase
        self.evidence = evidence
        self.failureRate = failureRate
        self.retries = retries
        self.retryable = retryable
        self.firstAttemptSuccess = firstAttemptSuccess
        self.successProbability = successProbability
        self.failureProbability = failureProbability
        self.expectedAttempts = expectedAttempts
        self.failureRatePercentiles = failureRatePercentiles
        self.durationMinutes = durationMinutes
    }

    /// The point figures of `stage`; `failureRatePercentiles` comes from the Monte Carlo.
    init(_ stage: Model.Stage, failureRatePercentiles: Percentiles?) {
        let odds = stage.retryOdds
        self.init(name: stage.name, evidence: stage.failure, failureRate: odds.failureRate, retries: stage.retries,
                  retryable: stage.retryable, firstAttemptSuccess: odds.firstAttemptSuccess,
                  successProbability: odds.successProbability, failureProbability: odds.failureProbability,
                  expectedAttempts: odds.expectedAttempts, failureRatePercentiles: failureRatePercentiles,
                  durationMinutes: stage.durationMinutes, phase: stage.phase)
    }

    /// The stage retries and counts every failure as transient (retryable 100 %): its
    /// success with retries, 1 − pʳ⁺¹ (f = 1), holds only if no failure is permanent —
    /// an assumption the output states.
    public var assumesEveryFailureRetryable: Bool { retries > 0 && retryable == 1 }
}

extension Model.Stage {
    /// The stage's exact odds at its point failure rate.
    var retryOdds: StageRetryOdds {
        StageRetryOdds(failureRate: failure.pointEstimate, retries: retries, retryable: retryable)
    }
}
