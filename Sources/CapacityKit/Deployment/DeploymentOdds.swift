/// The deployment-odds engine: the chance that a deployment through a pipeline
/// of independent stages succeeds (at once or after retries), is rolled back,
/// or fails unrecoverably; the spread of those odds when failure rates are
/// known only from counts; the monthly and quarterly consequences; deployment
/// time; and which stage to fix first.
///
/// The exact odds are closed forms (``StageRetryOdds``, ``DeploymentOutcomes``);
/// the percentiles, simulated frequencies and durations come from the Monte
/// Carlo of ``DeploymentSimulator``, run in chunks on `options.threads`
/// threads with results identical for any thread count and chunk size.
///
/// Input is assumed valid, as ``ModelLoader`` checks it (rates, shares and the
/// rollback success rate in [0, 1], 0 ≤ failures ≤ runs, runs ≥ 1, retries ≥ 0,
/// duration means > 0 and sds ≥ 0, deploys per month ≥ 0); the engine does not
/// check it again, so a caller that builds ``Model/Deployment`` itself (the CLI's
/// quick `--stage` form) must apply the same rules. An empty pipeline always succeeds.
public enum DeploymentOdds {
    /// Runs the analysis. Throws ``DeploymentOddsError`` for options out of range.
    ///
    /// Cost: O(paths · attempts) time. Memory is bounded whatever the path count:
    /// each chunk's values go into histograms and exact sums (``SampleTally``),
    /// folded in chunk order by ``ChunkedRunner/reduce(_:threads:into:_:combine:)``.
    ///
    /// `progress` is called with the fraction of paths done after each chunk, from worker threads.
    public static func run(_ validated: Validated<Model.Deployment>, options: DeploymentOddsOptions = DeploymentOddsOptions(),
                           progress: (@Sendable (Double) -> Void)? = nil) throws -> DeploymentOddsResult {
        if let problem = options.problem { throw DeploymentOddsError.invalidOptions(problem) }
        let deployment = validated.section
        let rollbackSuccessRate = deployment.rollback.successRate
        let outcomes = DeploymentOutcomes(stages: deployment.stages.map(\.retryOdds),
                                          rollbackSuccessRate: rollbackSuccessRate,
                                          preReleaseCount: deployment.preReleaseStageCount)
        let deploysPerMonth = deployment.deploysPerMonth
        let quarterModel = deploysPerMonth > 0
            ? DeploymentRiskOverTime.quarterModel(deploysPerMonth: deploysPerMonth) : nil

        let simulator = DeploymentSimulator(deployment, seed: options.seed, quarterModel: quarterModel)
        let chunkSize = options.chunkSize ?? DeploymentOddsOptions.defaultChunkSize
        let plan = ChunkPlan(paths: options.paths, chunkSize: chunkSize)
        let tally = ChunkedRunner.reduce(plan, threads: options.threads,
                                         into: DeploymentTally(stageCount: deployment.stages.count),
                                         { paths in
                                             let tally = simulator.simulate(paths)
                                             progress?(Double(paths.upperBound) / Double(plan.paths))
                                             return tally
                                         }, combine: { $0.merge($1) })

        let stages = deployment.stages.enumerated().map { index, stage in
            DeploymentStageOdds(stage, failureRatePercentiles: percentiles(tally.failureRates[index]))
        }
        let overTime = quarterModel.map { _ in
            DeploymentRiskOverTime(deploysPerMonth: deploysPerMonth, outcomes: outcomes,
                                   unrecoverableInQuarterPercentiles: percentiles(tally.unrecoverableInQuarter))
        }
        return DeploymentOddsResult(
            options: options, stages: stages, rollbackSuccessRate: rollbackSuccessRate, outcomes: outcomes,
            outcomePercentiles: tally.outcomePercentiles, simulatedOutcomes: tally.simulatedOutcomes,
            overTime: overTime, durationMinutes: percentiles(tally.durations),
            improvements: DeploymentStageImprovement.ranking(deployment, current: outcomes))
    }

    /// The work of the Monte Carlo before it starts: per path, the expected
    /// attempts of every stage (an upper bound, since a failed stage ends the
    /// deployment) and one posterior draw per counted stage,
    ///
    ///     attempts = paths · Σ_stages (1 − q^(r+1)) / (1 − q)     (q = p·f at the point estimate of p)
    ///     seconds  = 1.1 × 10⁻⁸ · (paths + attempts) + 1.3 × 10⁻⁷ · paths · counted stages
    ///
    /// (the prices measured: `benchmarks/work-estimates.md`).
    public static func workEstimate(_ validated: Validated<Model.Deployment>, options: DeploymentOddsOptions) -> WorkEstimate {
        let deployment = validated.section
        let attempts = deployment.stages.reduce(0.0) { $0 + $1.retryOdds.expectedAttempts }
        let draws = Double(deployment.stages.count { if case .counts = $0.failure { true } else { false } })
        let perPath = 1.1e-8 * (1 + attempts) + 1.3e-7 * draws
        let paths = Double(options.paths)
        return WorkEstimate(units: paths * attempts, unitName: "stage attempts", coreSeconds: paths * perPath,
                            flags: ["--paths"], coreSecondsPerStep: perPath, modelHint: "give the stages fewer retries")
    }

    /// The summary of a tally; nil when the figure was not sampled.
    private static func percentiles(_ tally: SampleTally?) -> Percentiles? {
        tally.map(Percentiles.init)
    }
}
