/// For the deployment figure's variance shares: on each path, a draw of every
/// counted stage's failure rate from its posterior Beta(f + 1, n − f + 1)
/// (``Beta``, one stream per path and stage, keyed by the stage's name), and
/// the exact P(unrecoverable) of the pipeline at those rates
/// (``DeploymentOutcomes``, the other stages at their given rates); and each
/// counted rate's P10 and P90 over the draws (nearest rank), the tornado's low
/// and high values.
struct PosteriorDraws {
    /// Per path, by input key (`deployment.stages.<name>.failure_rate`).
    var rates: [String: [Double]] = [:]
    var unrecoverable: [Double] = []
    /// By stage name.
    var quantiles: [String: (low: Double, high: Double)] = [:]

    init(_ deployment: Model.Deployment, paths: Int, seed: UInt64, threads: Int) {
        let counted = deployment.stages.indices.filter { if case .counts = deployment.stages[$0].failure { true } else { false } }
        let posteriors = counted.map { index -> Beta in
            guard case .counts(let failures, let runs) = deployment.stages[index].failure else { fatalError("counted") }
            return Beta(alpha: Double(failures + 1), beta: Double(runs - failures + 1))
        }
        let streams = counted.map { StreamKey.id(named: "sensitivity.deployment.stages.\(deployment.stages[$0].name)") }
        let chunks = ChunkedRunner.reduce(ChunkPlan(paths: paths, chunkSize: 16_384), threads: threads,
                                          into: [[Double]](repeating: [], count: counted.count + 1), { range in
            var columns = [[Double]](repeating: [], count: counted.count + 1)
            var stages = deployment.stages
            for path in range {
                for (j, index) in counted.enumerated() {
                    var generator = StreamKey(seed: seed, path: UInt64(path), stream: streams[j]).generator
                    let rate = posteriors[j].sample(using: &generator)
                    stages[index].failure = .rate(rate)
                    columns[j].append(rate)
                }
                columns[counted.count].append(DeploymentOutcomes(stages: stages.map(\.retryOdds),
                                                                 rollbackSuccessRate: deployment.rollback.successRate,
                                                                 preReleaseCount: deployment.preReleaseStageCount).unrecoverable)
            }
            return columns
        }, combine: { all, chunk in for j in all.indices { all[j] += chunk[j] } })
        unrecoverable = chunks[counted.count]
        for (j, index) in counted.enumerated() {
            let name = deployment.stages[index].name
            rates["deployment.stages.\(name).failure_rate"] = chunks[j]
            let sorted = chunks[j].sorted()
            let rank = { (q: Double) in sorted[Int((Double(sorted.count - 1) * q).rounded())] }
            quantiles[name] = (rank(0.1), rank(0.9))
        }
    }
}
