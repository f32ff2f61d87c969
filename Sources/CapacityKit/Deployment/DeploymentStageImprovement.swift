/// What halving one stage's failure rate would buy: the "fix this first" list.
///
/// With stage i at p/2 and every other stage unchanged (retries and retryable
/// share kept), the pipeline is evaluated again exactly:
///
///     gain = success(pᵢ/2) − success   (absolute probability, ≥ 0)
///
/// For a stage without retries this is success · (pᵢ/2)/(1 − pᵢ).
public struct DeploymentStageImprovement: Sendable, Equatable {
    /// Position of the stage in the pipeline (0-based).
    public var stageIndex: Int
    public var stageName: String
    /// p now and p/2.
    public var failureRate: Double
    public var halvedFailureRate: Double
    /// Deployment success probability with the stage's rate halved.
    public var successProbability: Double
    /// Unrecoverable probability with the stage's rate halved.
    public var unrecoverableProbability: Double
    /// Increase of the success probability over the current pipeline.
    public var gain: Double

    public init(stageIndex: Int, stageName: String, failureRate: Double, halvedFailureRate: Double,
                successProbability: Double, unrecoverableProbability: Double, gain: Double) {
        self.stageIndex = stageIndex
        self.stageName = stageName
        self.failureRate = failureRate
        self.halvedFailureRate = halvedFailureRate
        self.successProbability = successProbability
        self.unrecoverableProbability = unrecoverableProbability
        self.gain = gain
    }

    /// One entry per stage, largest gain first; equal gains keep pipeline order. O(stages²).
    static func ranking(_ deployment: Model.Deployment, current: DeploymentOutcomes<Double>) -> [Self] {
        let odds = deployment.stages.map(\.retryOdds)
        let entries = deployment.stages.indices.map { index in
            var changed = odds
            changed[index] = odds[index].with(failureRate: odds[index].failureRate / 2)
            let outcomes = DeploymentOutcomes(stages: changed, rollbackSuccessRate: deployment.rollback.successRate,
                                              preReleaseCount: deployment.preReleaseStageCount)
            return DeploymentStageImprovement(
                stageIndex: index, stageName: deployment.stages[index].name, failureRate: odds[index].failureRate,
                halvedFailureRate: changed[index].failureRate, successProbability: outcomes.success,
                unrecoverableProbability: outcomes.unrecoverable, gain: outcomes.success - current.success)
        }
        return entries.sorted { $0.gain != $1.gain ? $0.gain > $1.gain : $0.stageIndex < $1.stageIndex }
    }
}
