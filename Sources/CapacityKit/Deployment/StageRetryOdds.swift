import Foundation

/// The exact odds of one pipeline stage that may retry transient failures.
///
/// Each attempt fails with probability p; a share f of failures is transient
/// and is retried while retries remain (at most r retries, r + 1 attempts).
/// With q = p·f and n = r + 1:
///
///     success     s = (1 − p) · (1 − qⁿ) / (1 − q)
///     failure     1 − s = p(1 − f) · (1 − qⁿ) / (1 − q) + qⁿ
///     attempts    E[N] = (1 − qⁿ) / (1 − q)
///
/// (attempt k + 1 happens only after k transient failures, with probability qᵏ).
/// Success and failure are computed by separate formulas, so neither loses
/// digits to cancellation when the other is close to 1. When r = 0 or f = 0,
/// retries change nothing: s = 1 − p exactly.
///
/// Domain: p and f in [0, 1], r ≥ 0 (the model loader's checks); not re-checked here.
public struct StageRetryOdds: Sendable, Equatable {
    /// p: probability that one attempt fails.
    public let failureRate: Double
    /// r: extra attempts after a transient failure.
    public let retries: Int
    /// f: share of failures that are transient.
    public let retryable: Double

    public init(failureRate: Double, retries: Int = 0, retryable: Double = 1) {
        self.failureRate = failureRate
        self.retries = retries
        self.retryable = retryable
    }

    /// q = p·f: probability that one attempt fails transiently.
    public var transientFailureRate: Double { failureRate * retryable }

    /// E[attempts] = 1 + q + … + qʳ = (1 − qʳ⁺¹)/(1 − q); r + 1 when q = 1.
    public var expectedAttempts: Double {
        let q = transientFailureRate
        guard retries > 0, q > 0 else { return 1 }
        if q == 1 { return Double(retries + 1) }
        // ≥ 1 exactly; the bound keeps rounding from pushing s below 1 − p.
        return max(1, -expm1(Double(retries + 1) * log(q)) / (1 - q))
    }

    /// 1 − p: the stage passes at its first attempt.
    public var firstAttemptSuccess: Double { 1 - failureRate }

    /// s = (1 − p) · E[attempts]: the stage passes at some attempt.
    public var successProbability: Double {
        (1 - failureRate) * expectedAttempts
    }

    /// 1 − s = p(1 − f) · E[attempts] + qʳ⁺¹: a permanent failure at some attempt,
    /// or transient failures at all r + 1 attempts.
    public var failureProbability: Double {
        guard retries > 0 else { return failureRate }
        let q = transientFailureRate
        return failureRate * (1 - retryable) * expectedAttempts + pow(q, Double(retries + 1))
    }

    /// The same stage with a different per-attempt failure rate.
    public func with(failureRate: Double) -> StageRetryOdds {
        StageRetryOdds(failureRate: failureRate, retries: retries, retryable: retryable)
    }
}
