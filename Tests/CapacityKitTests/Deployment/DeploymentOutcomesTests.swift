import Foundation
import Testing
@testable import CapacityKit

/// Exact pipeline odds. Reference: seed 000 (shared/seeds/000_*.md), "Deployment
/// Success Probability Analysis": CI 4 %, Docker build 2 %, deploy 3 %, health checks 1 %,
/// configuration 1 %, rollback 95 %. By hand, 0.96 · 0.98 · 0.97 · 0.99 · 0.99 = 0.8944157376
/// (the seed claims 0.92), and (1 − 0.8944157376) · 0.05 = 0.00527921312 (the seed claims 0.8 %).
@Suite struct DeploymentOutcomesTests {
    static let seedRates = [0.04, 0.02, 0.03, 0.01, 0.01]

    static func pipeline(_ rates: [Double], retries: Int = 0) -> [StageRetryOdds] {
        rates.map { StageRetryOdds(failureRate: $0, retries: retries) }
    }

    @Test func seedPipeline() {
        let outcomes = DeploymentOutcomes(stages: Self.pipeline(Self.seedRates), rollbackSuccessRate: 0.95)
        #expect(abs(outcomes.success - 0.8944157376) < 1e-15)
        #expect(abs(outcomes.firstAttemptSuccess - 0.8944157376) < 1e-15)
        #expect(outcomes.successAfterRetries == 0)
        #expect(abs(outcomes.failure - 0.1055842624) < 1e-15)
        #expect(abs(outcomes.rolledBack - 0.10030504928) < 1e-15)
        #expect(abs(outcomes.unrecoverable - 0.00527921312) < 1e-16)
        // The figure, rounded to ten decimals.
        #expect(abs(outcomes.unrecoverable - 0.0052792131) < 5e-11)
    }

    @Test func successAfterRetriesIsTheSuccessThatRetriesAdd() {
        // One stage p = 0.1 with 2 retries: first attempt 0.9, overall 0.999, after retries 0.099.
        let single = DeploymentOutcomes(stages: [StageRetryOdds(failureRate: 0.1, retries: 2)], rollbackSuccessRate: 1)
        #expect(single.firstAttemptSuccess == 0.9)
        #expect(abs(single.success - 0.999) < 1e-15)
        #expect(abs(single.successAfterRetries - 0.099) < 1e-15)
        #expect(single.unrecoverable == 0)
        // Seed pipeline with one retry everywhere: success = Π(1 − pᵢ²) = 0.9984 · 0.9996 · 0.9991 · 0.9999 · 0.9999.
        let retried = DeploymentOutcomes(stages: Self.pipeline(Self.seedRates, retries: 1), rollbackSuccessRate: 0.95)
        let byHand = 0.9984 * 0.9996 * 0.9991 * 0.9999 * 0.9999
        #expect(abs(retried.success - byHand) < 1e-15)
        #expect(abs(retried.successAfterRetries - (byHand - 0.8944157376)) < 1e-15)
    }

    @Test func outcomesSumToOne() {
        let pipelines: [[StageRetryOdds]] = [
            Self.pipeline(Self.seedRates),
            Self.pipeline(Self.seedRates, retries: 2),
            [StageRetryOdds(failureRate: 0.3, retries: 1, retryable: 0.4), StageRetryOdds(failureRate: 1e-7),
             StageRetryOdds(failureRate: 0.9, retries: 4, retryable: 0.9)],
            [StageRetryOdds(failureRate: 1, retries: 2)],
            [],
        ]
        for stages in pipelines {
            for rollback in [0.0, 0.95, 1.0] {
                let o = DeploymentOutcomes(stages: stages, rollbackSuccessRate: rollback)
                let sum = o.firstAttemptSuccess + o.successAfterRetries + o.rolledBack + o.unrecoverable
                #expect(abs(sum - 1) < 1e-15, "\(stages.map(\.failureRate)), rollback \(rollback): sum \(sum)")
                #expect(abs(o.success + o.failure - 1) < 1e-15)
                #expect(o.successAfterRetries >= 0)
            }
        }
    }

    @Test func anEmptyPipelineAlwaysSucceeds() {
        let o = DeploymentOutcomes(stages: [], rollbackSuccessRate: 0.5)
        #expect(o.success == 1 && o.firstAttemptSuccess == 1 && o.failure == 0 && o.unrecoverable == 0)
    }
}
