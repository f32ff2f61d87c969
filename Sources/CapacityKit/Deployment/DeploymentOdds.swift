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
    public static func run(_ deployment: Model.Deployment, options: DeploymentOddsOptions = DeploymentOddsOptions())
        throws -> DeploymentOddsResult {
        if let problem = options.problem { throw DeploymentOddsError.invalidOptions(problem) }
        let rollbackSuccessRate = deployment.rollback.successRate
        let outcomes = DeploymentOutcomes(stages: deployment.stages.map(\.retryOdds),
                                          rollbackSuccessRate: rollbackSuccessRate)
        let deploysPerMonth = deployment.deploysPerMonth
        let quarterModel = deploysPerMonth > 0
            ? DeploymentRiskOverTime.quarterModel(deploysPerMonth: deploysPerMonth) : nil

        let simulator = DeploymentSimulator(deployment, seed: options.seed, quarterModel: quarterModel)
        let chunkSize = options.chunkSize ?? DeploymentOddsOptions.defaultChunkSize
        let plan = ChunkPlan(paths: options.paths, chunkSize: chunkSize)
        let tally = ChunkedRunner.reduce(plan, threads: options.threads,
                                         into: DeploymentTally(stageCount: deployment.stages.count),
                                         { simulator.simulate($0) }, combine: { $0.merge($1) })

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

    /// The summary of a tally; nil when the figure was not sampled.
    private static func percentiles(_ tally: SampleTally?) -> DeploymentPercentiles? {
        tally.map(DeploymentPercentiles.init)
    }
}
