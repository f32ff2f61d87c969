import Foundation
import Testing
@testable import CapacityKit

/// The retry formula s = (1 − p)(1 − qʳ⁺¹)/(1 − q), q = p·f, against values derived by hand
/// from the geometric sum 1 + q + … + qʳ (issue 4, "Exact odds"; DESIGN.md, "Conventions").
@Suite struct DeploymentStageRetryOddsTests {
    @Test func twoRetriesOfAllTransientFailuresLeaveOnlyThreeFailuresInARow() {
        // p = 0.1, r = 2, f = 1: fails only if all three attempts fail, 1 − 0.1³ = 0.999.
        let stage = StageRetryOdds(failureRate: 0.1, retries: 2, retryable: 1)
        #expect(abs(stage.successProbability - 0.999) < 1e-15)
        #expect(abs(stage.failureProbability - 0.001) < 1e-17)
        // E[attempts] = 1 + 0.1 + 0.01.
        #expect(abs(stage.expectedAttempts - 1.11) < 1e-15)
        #expect(stage.firstAttemptSuccess == 0.9)
    }

    @Test(arguments: [0, 1, 2, 5])
    func retriesChangeNothingWhenNoFailureIsTransient(retries: Int) {
        let stage = StageRetryOdds(failureRate: 0.1, retries: retries, retryable: 0)
        #expect(stage.successProbability == 0.9)
        #expect(stage.failureProbability == 0.1)
        #expect(stage.expectedAttempts == 1)
    }

    @Test func partlyTransientFailures() {
        // p = 0.1, f = 0.5, r = 1: q = 0.05; s = 0.9 · (1 + 0.05) = 0.945;
        // failure = p(1 − f)(1 + q) + q² = 0.0525 + 0.0025 = 0.055.
        let stage = StageRetryOdds(failureRate: 0.1, retries: 1, retryable: 0.5)
        #expect(abs(stage.successProbability - 0.945) < 1e-15)
        #expect(abs(stage.failureProbability - 0.055) < 1e-16)
        #expect(abs(stage.expectedAttempts - 1.05) < 1e-15)
    }

    @Test func successAndFailureAreComputedApartAndSumToOne() {
        for p in [0.0, 1e-9, 0.01, 0.3, 0.99, 1.0] {
            for f in [0.0, 0.25, 1.0] {
                for r in [0, 1, 3, 20] {
                    let stage = StageRetryOdds(failureRate: p, retries: r, retryable: f)
                    let sum = stage.successProbability + stage.failureProbability
                    #expect(abs(sum - 1) < 4e-16, "p \(p), f \(f), r \(r): s + (1 − s) = \(sum)")
                    #expect(stage.successProbability >= stage.firstAttemptSuccess, "p \(p), f \(f), r \(r)")
                }
            }
        }
    }

    @Test func aStageThatAlwaysFailsNeverPassesHoweverOftenItRetries() {
        // p = 1, f = 1: q = 1, the 0/0 of the closed form; E[attempts] = r + 1.
        let stage = StageRetryOdds(failureRate: 1, retries: 3, retryable: 1)
        #expect(stage.successProbability == 0)
        #expect(stage.failureProbability == 1)
        #expect(stage.expectedAttempts == 4)
    }

    @Test func aTinyFailureKeepsItsDigits() {
        // p = 1e-6, r = 1, f = 1: failure = p² = 1e-12; 1 − s would give 9.99866855977416e-13.
        let stage = StageRetryOdds(failureRate: 1e-6, retries: 1, retryable: 1)
        #expect(abs(stage.failureProbability - 1e-12) < 1e-27)
    }
}
