import Foundation
import Testing
import CapacityTestSupport
@testable import CapacityKit

/// The engine end to end: exact odds, counts and their posteriors, figures over time,
/// the fix-first ranking, options. Monte Carlo checks are in ``DeploymentMonteCarloTests``.
@Suite struct DeploymentOddsTests {
    static let seed: UInt64 = 20_261_125

    /// Seed 000's pipeline (shared/seeds/000_*.md) at 20 deployments a month, rollback 95 %.
    static let seedPipeline = Model.Deployment(
        deploysPerMonth: 20,
        stages: [("ci", 0.04), ("docker build", 0.02), ("deploy", 0.03), ("health checks", 0.01),
                 ("configuration", 0.01)].map { Model.Stage(name: $0.0, failure: .rate($0.1)) },
        rollback: Model.Rollback(successRate: 0.95))

    func run(_ deployment: Model.Deployment, paths: Int = 20_000) throws -> DeploymentOddsResult {
        try DeploymentOdds.run(Validated(checked: deployment), options: DeploymentOddsOptions(paths: paths, seed: Self.seed))
    }

    @Test func seedPipelineFigures() throws {
        let result = try run(Self.seedPipeline)
        #expect(abs(result.successProbability - 0.8944157376) < 1e-15)
        #expect(abs(result.firstAttemptSuccess - 0.8944157376) < 1e-15)
        #expect(abs(result.rollbackProbability - 0.10030504928) < 1e-15)
        #expect(abs(result.unrecoverableProbability - 0.0052792131) < 5e-11)
        #expect(result.stages.map(\.name) == ["ci", "docker build", "deploy", "health checks", "configuration"])
        #expect(result.stages.map(\.successProbability) == [0.96, 0.98, 0.97, 0.99, 0.99])
        // Known rates: no posterior, so no percentiles; no durations given.
        #expect(result.outcomePercentiles == nil)
        #expect(result.stages.allSatisfy { $0.failureRatePercentiles == nil })
        #expect(result.durationMinutes == nil)
        #expect(result.simulatedOutcomes.success.trials == 20_000)
    }

    @Test func theDefaultModelIsTheSeedPipeline() throws {
        let deployment = try #require(try DefaultModel.load().deployment)
        let result = try run(deployment)
        #expect(abs(result.successProbability - 0.8944157376) < 1e-15)
        // Issue #13: CI and the image build are pre-release, so their failures block the release
        // instead of being rolled back: by hand 0.96 · 0.98 · (1 − 0.97 · 0.99 · 0.99) · 0.05
        // = 0.9408 · 0.049303 · 0.05 = 0.00231921312 (0.232 %, 1 in 431), not 0.528 %.
        #expect(abs(result.unrecoverableProbability - 0.00231921312) < 1e-16)
        #expect(abs(result.outcomes.blocked - 0.0592) < 1e-15)
        #expect(abs(result.outcomes.success + result.outcomes.blocked + result.outcomes.failure - 1) < 1e-15)
        #expect(result.overTime?.quarterModel == .binomial(deployments: 60))
    }

    @Test func modelFileKeysReachTheEngine() throws {
        // The contract's deployment keys, through the loader: counts → posterior mean
        // (2 + 1)/(100 + 2), retries, retryable share, durations of stages and rollback.
        let section = """
            deployment:
              deploys_per_month: 20
              stages:
                - {name: ci, failure_rate: 4%, duration_minutes: {mean: 6, sd: 2}}
                - {name: build, failures: 2, runs: 100}
                - {name: deploy, failure_rate: 3%, retries: 1, retryable: 50%}
              rollback: {success_rate: 95%, duration_minutes: {mean: 5, sd: 1}}

            """
        let text = DefaultModel.yaml.replacingOccurrences(
            of: #"(?s)deployment:\n.*?\n\n"#, with: section, options: .regularExpression)
        let deployment = try #require(try ModelLoader.parse(text, file: "test.yaml").deployment)
        let result = try run(deployment)
        #expect(result.stages.map(\.name) == ["ci", "build", "deploy"])
        // ci 0.96 · build 99/102 · deploy 0.97 · (1 + 0.03 · 0.5) = 0.9173689411764706…
        #expect(abs(result.successProbability - 0.96 * (99.0 / 102) * 0.97 * 1.015) < 1e-15)
        #expect(result.stages[1].failureRatePercentiles != nil && result.durationMinutes != nil)
    }

    @Test func countsUseThePosteriorMean() throws {
        // 4 failures in 100 runs: Beta(5, 97), mean 5/102.
        let deployment = Model.Deployment(stages: [Model.Stage(name: "ci", failure: .counts(failures: 4, runs: 100))])
        let result = try run(deployment)
        #expect(result.stages[0].failureRate == 5.0 / 102)
        #expect(abs(result.successProbability - 97.0 / 102) < 1e-15)
        #expect(result.outcomePercentiles != nil)
    }

    @Test func posteriorPercentilesMatchTheBetaDistributionAndNarrowAsRunsGrow() throws {
        // The same 4 % failure share seen over more runs: Beta(f + 1, n − f + 1) narrows.
        // At an estimated q-quantile Q̂, the exact CDF I_Q̂(α, β) is q within SE √(q(1 − q)/n)
        // (the exact Beta CDF is the regularised incomplete beta function, Numerical Recipes §6.4);
        // Q̂ is a bin midpoint within ε = 2⁻¹¹ of the sample quantile, so the CDF is taken over Q̂/(1 ± ε).
        let paths = 40_000
        var widths: [Double] = []
        for (failures, runs) in [(4, 100), (40, 1_000), (400, 10_000)] {
            let deployment = Model.Deployment(stages: [Model.Stage(name: "ci", failure: .counts(failures: failures, runs: runs))])
            let result = try run(deployment, paths: paths)
            let rate = try #require(result.stages[0].failureRatePercentiles)
            let alpha = Double(failures + 1), beta = Double(runs - failures + 1)
            let epsilon = Percentiles.binRelativeError
            for (q, value) in [(0.05, rate.p5), (0.5, rate.p50), (0.95, rate.p95)] {
                let low = SpecialFunctions.regularizedBeta(value / (1 + epsilon), alpha, beta)
                let high = SpecialFunctions.regularizedBeta(value / (1 - epsilon), alpha, beta)
                let tolerance = 5 * (q * (1 - q) / Double(paths)).squareRoot()
                #expect(low - tolerance <= q && q <= high + tolerance,
                        "\(failures)/\(runs): I(P\(Int(q * 100))) in [\(low), \(high)], seed \(Self.seed)")
            }
            let mean = try #require(rate.mean), meanStandardError = try #require(rate.meanStandardError)
            #expect(abs(mean - alpha / (alpha + beta)) <= 5 * meanStandardError,
                    "\(failures)/\(runs): mean \(mean), seed \(Self.seed)")
            widths.append(rate.p95 - rate.p5)
        }
        #expect(widths[0] > widths[1] && widths[1] > widths[2], "P95 − P5: \(widths), seed \(Self.seed)")
    }

    @Test func overTimeWithAWholeNumberOfDeploymentsPerQuarter() throws {
        let overTime = try #require(try run(Self.seedPipeline).overTime)
        // 20 a month: failed 20 · 0.1055842624, rolled back 20 · 0.10030504928, unrecoverable 20 · 0.00527921312.
        #expect(abs(overTime.perMonth.failed - 2.111685248) < 1e-14)
        #expect(abs(overTime.perMonth.rolledBack - 2.0061009856) < 1e-14)
        #expect(abs(overTime.perMonth.unrecoverable - 0.1055842624) < 1e-15)
        #expect(overTime.perQuarter.deployments == 60)
        #expect(abs(overTime.perQuarter.unrecoverable - 0.3167527872) < 1e-15)
        // 1 − (1 − 0.00527921312)⁶⁰ = 0.27210017573006237… (40-digit decimal arithmetic).
        #expect(overTime.quarterModel == .binomial(deployments: 60))
        #expect(abs(overTime.unrecoverableInQuarter - 0.27210017573006237) < 1e-15)
        #expect(overTime.unrecoverableInQuarterPercentiles == nil)
    }

    @Test func overTimeWithAFractionalNumberOfDeploymentsIsPoisson() throws {
        var deployment = Self.seedPipeline
        deployment.deploysPerMonth = 2.5
        let overTime = try #require(try run(deployment).overTime)
        // N = 7.5 a quarter: 1 − e^(−7.5 · 0.00527921312) = 0.03882049571838719… (40-digit decimal arithmetic).
        #expect(overTime.quarterModel == .poisson(meanDeployments: 7.5))
        #expect(abs(overTime.unrecoverableInQuarter - 0.03882049571838719) < 1e-16)
        #expect(abs(overTime.perQuarter.failed - 7.5 * 0.1055842624) < 1e-15)
    }

    @Test func noDeploymentsPerMonthMeansNoFiguresOverTime() throws {
        var deployment = Self.seedPipeline
        deployment.deploysPerMonth = 0
        #expect(try run(deployment).overTime == nil)
    }

    @Test func quarterRiskPercentilesFollowTheUnrecoverablePercentiles() throws {
        // P(≥ 1 in a quarter) = g(u) = 1 − (1 − u)⁶⁰ is increasing in u, so its percentiles are the
        // transform of u's — for the same order statistic, which each level is (x₍⌈nq⌉₎, the
        // inverse of the empirical distribution, Percentiles). Both are read from histograms: x̂ within
        // ε = 2⁻¹¹ of u (so u ∈ [x̂/(1 + ε), x̂/(1 − ε)]), ŷ within ε·min(y, 1 − y) of g(u).
        var deployment = Self.seedPipeline
        deployment.stages[0].failure = .counts(failures: 4, runs: 100)
        let result = try run(deployment, paths: 20_001)
        let u = try #require(result.outcomePercentiles?.unrecoverable)
        let risk = try #require(result.overTime?.unrecoverableInQuarterPercentiles)
        let epsilon = Percentiles.binRelativeError
        func g(_ u: Double) -> Double { 1 - pow(1 - u, 60) }
        for (x, y) in [(u.p5, risk.p5), (u.p50, risk.p50), (u.p95, risk.p95)] {
            let binOfY = epsilon * min(y, 1 - y) / (1 - epsilon)
            let low = g(x / (1 + epsilon)) - binOfY - 1e-13, high = g(x / (1 - epsilon)) + binOfY + 1e-13
            #expect(low <= y && y <= high, "risk \(y) vs g(\(x)) = \(g(x)) in [\(low), \(high)], seed \(Self.seed)")
        }
    }

    @Test func fixFirstRanksStagesByTheGainOfHalvingTheirRate() throws {
        // Without retries, gain = success · (p/2)/(1 − p): ci 0.8944157376 · 0.02/0.96 = 0.0186336612,
        // deploy · 0.015/0.97 = 0.0138311712, build · 0.01/0.98 = 0.0091266912, health checks and
        // configuration · 0.005/0.99 = 0.0045172512 each (ties keep pipeline order).
        let ranking = try run(Self.seedPipeline).improvements
        #expect(ranking.map(\.stageName) == ["ci", "deploy", "docker build", "health checks", "configuration"])
        #expect(ranking.map(\.stageIndex) == [0, 2, 1, 3, 4])
        for (entry, gain) in zip(ranking, [0.0186336612, 0.0138311712, 0.0091266912, 0.0045172512, 0.0045172512]) {
            #expect(abs(entry.gain - gain) < 1e-15, "\(entry.stageName): \(entry.gain)")
            #expect(abs(entry.successProbability - (0.8944157376 + gain)) < 1e-15)
            #expect(entry.halvedFailureRate == entry.failureRate / 2)
        }
        // Unrecoverable with ci at 2 %: (1 − 0.98 · 0.98 · 0.97 · 0.99 · 0.99) · 0.05 = 0.00434753006.
        #expect(abs(ranking[0].unrecoverableProbability - 0.00434753006) < 1e-16)
    }

    @Test func halvingARetriedStage() throws {
        // p = 0.1 → 0.05 with 2 retries: 1 − 0.05³ = 0.999875, gain over 0.999 is 0.000875.
        let deployment = Model.Deployment(stages: [Model.Stage(name: "deploy", failure: .rate(0.1), retries: 2)])
        let entry = try run(deployment, paths: 1).improvements[0]
        #expect(abs(entry.successProbability - 0.999875) < 1e-15)
        #expect(abs(entry.gain - 0.000875) < 1e-15)
    }

    @Test func anEmptyPipelineAlwaysSucceeds() throws {
        let result = try run(Model.Deployment(stages: []), paths: 100)
        #expect(result.successProbability == 1 && result.unrecoverableProbability == 0)
        #expect(result.simulatedOutcomes.firstAttemptSuccess.hits == 100)
        #expect(result.improvements.isEmpty)
    }

    @Test(arguments: [
        (DeploymentOddsOptions(paths: 0), "--paths"),
        (DeploymentOddsOptions(paths: DeploymentOddsOptions.maximumPaths + 1), "--paths"),
        (DeploymentOddsOptions(threads: 0), "--threads"),
        (DeploymentOddsOptions(chunkSize: 0), "--chunk-size"),
    ])
    func optionsOutOfRangeAreRefused(options: DeploymentOddsOptions, flag: String) {
        #expect(options.problem?.hasPrefix(flag) == true)
        #expect(throws: DeploymentOddsError.self) { try DeploymentOdds.run(Validated(checked: Self.seedPipeline), options: options) }
    }
}
