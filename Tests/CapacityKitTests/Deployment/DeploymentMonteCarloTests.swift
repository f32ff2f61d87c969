import Foundation
import Testing
@testable import CapacityKit

/// The Monte Carlo against the closed forms, with tolerances of 5 standard errors
/// (seeded; the seed is in every message), and its independence of thread count and chunk size.
@Suite struct DeploymentMonteCarloTests {
    static let seed: UInt64 = 72_026

    func run(_ deployment: Model.Deployment, paths: Int, threads: Int = 1, chunkSize: Int? = nil) throws
        -> DeploymentOddsResult {
        try DeploymentOdds.run(Validated(checked: deployment), options: DeploymentOddsOptions(paths: paths, seed: Self.seed,
                                                                          threads: threads, chunkSize: chunkSize))
    }

    /// Simulated frequency within 5 binomial standard errors √(p(1 − p)/n) of the exact p.
    func expectAgreement(_ simulated: DeploymentOutcomes<Proportion>, _ exact: DeploymentOutcomes<Double>,
                         _ label: String) {
        let pairs: [(String, Proportion, Double)] = [
            ("first-attempt success", simulated.firstAttemptSuccess, exact.firstAttemptSuccess),
            ("success after retries", simulated.successAfterRetries, exact.successAfterRetries),
            ("success", simulated.success, exact.success), ("rolled back", simulated.rolledBack, exact.rolledBack),
            ("unrecoverable", simulated.unrecoverable, exact.unrecoverable),
        ]
        for (name, frequency, p) in pairs {
            let tolerance = 5 * (p * (1 - p) / Double(frequency.trials)).squareRoot()
            #expect(abs(frequency.estimate - p) <= tolerance,
                    "\(label), \(name): simulated \(frequency.estimate) vs exact \(p) (5σ = \(tolerance)), seed \(Self.seed)")
        }
    }

    @Test func attemptByAttemptSimulationAgreesWithTheRetryFormula() throws {
        // Known rates, so each path simulates the pipeline the closed form describes:
        // retries of partly transient failures, retries of fully transient ones, none.
        let deployment = Model.Deployment(
            stages: [Model.Stage(name: "ci", failure: .rate(0.04), retries: 2, retryable: 0.5),
                     Model.Stage(name: "build", failure: .rate(0.02)),
                     Model.Stage(name: "deploy", failure: .rate(0.03), retries: 1),
                     Model.Stage(name: "health", failure: .rate(0.2), retries: 3, retryable: 0.9)],
            rollback: Model.Rollback(successRate: 0.7))
        let result = try run(deployment, paths: 200_000)
        expectAgreement(result.simulatedOutcomes, result.outcomes, "known rates")
        let s = result.simulatedOutcomes
        // The four outcomes partition the paths.
        #expect(s.firstAttemptSuccess.hits + s.successAfterRetries.hits + s.rolledBack.hits + s.unrecoverable.hits
                == 200_000)
    }

    @Test func posteriorOddsWithoutRetriesAverageToTheExactOdds() throws {
        // Without retries success = Π(1 − pᵢ) is linear in each independent pᵢ, so its posterior
        // mean is Π(1 − E pᵢ): the exact odds at the posterior means (5/102, 3/102, 0.03).
        let deployment = Model.Deployment(
            stages: [Model.Stage(name: "ci", failure: .counts(failures: 4, runs: 100)),
                     Model.Stage(name: "build", failure: .counts(failures: 2, runs: 100)),
                     Model.Stage(name: "deploy", failure: .rate(0.03))],
            rollback: Model.Rollback(successRate: 0.95))
        let result = try run(deployment, paths: 100_000)
        #expect(abs(result.successProbability - (97.0 / 102) * (99.0 / 102) * 0.97) < 1e-15)
        let percentiles = try #require(result.outcomePercentiles)
        for (name, summary, exact) in [("success", percentiles.success, result.outcomes.success),
                                       ("rolled back", percentiles.rolledBack, result.outcomes.rolledBack),
                                       ("unrecoverable", percentiles.unrecoverable, result.outcomes.unrecoverable)] {
            #expect(abs(summary.mean! - exact) <= 5 * summary.meanStandardError!,
                    "\(name): posterior mean \(summary.mean!) vs \(exact) (5σ = \(5 * summary.meanStandardError!)), seed \(Self.seed)")
            #expect(summary.p5 < exact && exact < summary.p95, "\(name): \(summary.p5)…\(summary.p95), seed \(Self.seed)")
        }
        expectAgreement(result.simulatedOutcomes, result.outcomes, "counts without retries")
    }

    @Test func simulatedDeploymentsAgreeWithThePosteriorPredictiveOddsWhenCountedStagesRetry() throws {
        // With retries the exact odds are non-linear in p, so the posterior-predictive odds (the mean
        // of the per-path exact odds) differ from the point odds; the attempt-by-attempt simulation
        // at the same drawn rates must match that mean. The two estimates share their rate draws
        // (positively correlated), so 5·√(SE₁² + SE₂²) is a conservative bound.
        let deployment = Model.Deployment(
            stages: [Model.Stage(name: "ci", failure: .counts(failures: 3, runs: 12), retries: 1),
                     Model.Stage(name: "deploy", failure: .counts(failures: 1, runs: 20), retries: 2, retryable: 0.5)],
            rollback: Model.Rollback(successRate: 0.8))
        let result = try run(deployment, paths: 100_000)
        let percentiles = try #require(result.outcomePercentiles)
        let pairs = [("success", result.simulatedOutcomes.success, percentiles.success),
                     ("after retries", result.simulatedOutcomes.successAfterRetries, percentiles.successAfterRetries),
                     ("unrecoverable", result.simulatedOutcomes.unrecoverable, percentiles.unrecoverable)]
        for (name, frequency, summary) in pairs {
            let tolerance = 5 * (frequency.standardError * frequency.standardError
                + summary.meanStandardError! * summary.meanStandardError!).squareRoot()
            #expect(abs(frequency.estimate - summary.mean!) <= tolerance,
                    "\(name): simulated \(frequency.estimate) vs posterior mean \(summary.mean!), seed \(Self.seed)")
        }
        // Every path's odds sum to 1, so their means do too.
        let sum = percentiles.firstAttemptSuccess.mean! + percentiles.successAfterRetries.mean!
            + percentiles.rolledBack.mean! + percentiles.unrecoverable.mean!
        #expect(abs(sum - 1) < 1e-12)
    }

    @Test func meanDeploymentTimeMatchesTheExpectedAttempts() throws {
        // E[T] = Σᵢ P(stage i runs) · E[attemptsᵢ] · meanᵢ + P(failure) · rollback mean.
        // A: p = 0.1, 2 retries: E[attempts] = 1.11, s = 0.999; B: p = 0.05: runs with 0.999;
        // failure = 1 − 0.999 · 0.95 = 0.05095; E[T] = 1.11 · 10 + 0.999 · 5 + 0.05095 · 20 = 17.114 min.
        let deployment = Model.Deployment(
            stages: [Model.Stage(name: "A", failure: .rate(0.1), retries: 2,
                                 durationMinutes: Model.MeanAndSD(mean: 10, sd: 3)),
                     Model.Stage(name: "B", failure: .rate(0.05), durationMinutes: Model.MeanAndSD(mean: 5, sd: 1))],
            rollback: Model.Rollback(successRate: 0.9, durationMinutes: Model.MeanAndSD(mean: 20, sd: 5)))
        let duration = try #require(try run(deployment, paths: 100_000).durationMinutes)
        #expect(abs(duration.mean! - 17.114) <= 5 * duration.meanStandardError!,
                "mean \(duration.mean!) vs 17.114 (5σ = \(5 * duration.meanStandardError!)), seed \(Self.seed)")
        #expect(duration.p50 < duration.p95)
    }

    @Test func durationPercentilesOfOneStageThatNeverFailsAreLogNormal() throws {
        // T ~ LogNormal(mean 30, sd 10): σ² = ln(1 + 1/9), μ = ln 30 − σ²/2. At an estimated
        // q-quantile Q̂, Φ((ln Q̂ − μ)/σ) is q within SE √(q(1 − q)/n); Q̂ is a bin midpoint within
        // ε = 2⁻¹¹ of the sample quantile, so the CDF is taken over Q̂/(1 ± ε).
        let paths = 50_000
        let deployment = Model.Deployment(
            stages: [Model.Stage(name: "deploy", failure: .rate(0), durationMinutes: Model.MeanAndSD(mean: 30, sd: 10))])
        let duration = try #require(try run(deployment, paths: paths).durationMinutes)
        let sigma = log(1 + 1.0 / 9).squareRoot(), mu = log(30) - sigma * sigma / 2
        let epsilon = Percentiles.binRelativeError
        for (q, value) in [(0.5, duration.p50), (0.95, duration.p95)] {
            let low = Normal.cdf((log(value / (1 + epsilon)) - mu) / sigma)
            let high = Normal.cdf((log(value / (1 - epsilon)) - mu) / sigma)
            let tolerance = 5 * (q * (1 - q) / Double(paths)).squareRoot()
            #expect(low - tolerance <= q && q <= high + tolerance,
                    "P\(Int(q * 100)) = \(value): Φ in [\(low), \(high)], seed \(Self.seed)")
        }
        #expect(abs(duration.mean! - 30) <= 5 * duration.meanStandardError!, "mean \(duration.mean!), seed \(Self.seed)")
    }

    @Test func oneAndTwoThreadsAndAnyChunkSizeGiveIdenticalResults() throws {
        // Counts, retries, durations and figures over time: every Monte Carlo figure is exercised.
        let deployment = Model.Deployment(
            deploysPerMonth: 12,
            stages: [Model.Stage(name: "ci", failure: .counts(failures: 4, runs: 100), retries: 1,
                                 durationMinutes: Model.MeanAndSD(mean: 8, sd: 2)),
                     Model.Stage(name: "deploy", failure: .rate(0.03), retries: 2, retryable: 0.6,
                                 durationMinutes: Model.MeanAndSD(mean: 4, sd: 1))],
            rollback: Model.Rollback(successRate: 0.95, durationMinutes: Model.MeanAndSD(mean: 6, sd: 2)))
        let reference = try run(deployment, paths: 30_000, threads: 1)
        for (threads, chunkSize) in [(2, nil), (2, 1_000), (1, 777), (2, 1)] as [(Int, Int?)] {
            var other = try run(deployment, paths: 30_000, threads: threads, chunkSize: chunkSize)
            #expect(other.options.threads == threads)
            other.options = reference.options
            let identical = other == reference
            #expect(identical, "threads \(threads), chunk size \(String(describing: chunkSize)), seed \(Self.seed)")
        }
        #expect(reference.outcomePercentiles != nil && reference.durationMinutes != nil
                && reference.overTime?.unrecoverableInQuarterPercentiles != nil)
    }

    @Test func anotherSeedGivesOtherDraws() throws {
        let deployment = Model.Deployment(stages: [Model.Stage(name: "ci", failure: .counts(failures: 4, runs: 100))])
        let a = try DeploymentOdds.run(Validated(checked: deployment), options: DeploymentOddsOptions(paths: 1_000, seed: 1))
        let b = try DeploymentOdds.run(Validated(checked: deployment), options: DeploymentOddsOptions(paths: 1_000, seed: 2))
        #expect(a.stages[0].failureRatePercentiles != b.stages[0].failureRatePercentiles)
        #expect(a.outcomes == b.outcomes)
    }
}
