/// The Monte Carlo of the deployment analysis: one deployment per path.
///
/// Path i first draws each counted stage's failure rate from its posterior
/// Beta(failures + 1, runs − failures + 1) (a known rate stays fixed) and
/// records the exact odds at those rates. It then runs the pipeline attempt
/// by attempt at the same rates: an attempt draws U ~ U(0, 1) and
///
///     U ≥ p          passes
///     p·f ≤ U < p    fails permanently                     → rollback
///     U < p·f        fails transiently: retried while retries remain, else → rollback
///
/// A failure of a pre-release stage blocks the release (nothing to roll back);
/// a later one goes to the rollback, which succeeds when V < rollback success rate. Each attempt of a
/// stage with a duration takes a LogNormal(mean, sd) time; stages without one
/// take no time. A failed deployment's time adds the rollback's, whether the
/// rollback succeeds or not.
///
/// Every random number comes from the stream of its path, purpose and stage
/// (``StreamKey`` with stream = purpose · 2³² + stage), so a path's numbers never
/// depend on threads or chunks, and changing one stage leaves the others' draws alone.
struct DeploymentSimulator: Sendable {
    /// What a stream's numbers are for.
    enum Purpose: UInt64 {
        case posterior = 1, attempts, attemptDurations, rollback, rollbackDuration
    }

    /// How a simulated deployment ended.
    enum End {
        case firstAttemptSuccess, successAfterRetries, blocked, rolledBack, unrecoverable
    }

    let seed: UInt64
    let stages: [StageRetryOdds]
    /// Beta posterior of each stage's failure rate; nil when the rate is known.
    let posteriors: [Beta?]
    /// Duration of one attempt of each stage; nil: no time.
    let attemptDurations: [LogNormal?]
    let rollbackSuccessRate: Double
    let rollbackDuration: LogNormal?
    /// The first this many stages are pre-release: their failure blocks the release.
    let preReleaseCount: Int
    /// Set when deployments per month are given: the quarter's count model.
    let quarterModel: DeploymentRiskOverTime.QuarterModel?

    init(_ deployment: Model.Deployment, seed: UInt64, quarterModel: DeploymentRiskOverTime.QuarterModel?) {
        self.seed = seed
        stages = deployment.stages.map(\.retryOdds)
        posteriors = deployment.stages.map { stage in
            guard case .counts(let failures, let runs) = stage.failure else { return nil }
            return Beta(alpha: Double(failures + 1), beta: Double(runs - failures + 1))
        }
        attemptDurations = deployment.stages.map { $0.durationMinutes.map(Self.logNormal) }
        rollbackSuccessRate = deployment.rollback.successRate
        preReleaseCount = deployment.preReleaseStageCount
        rollbackDuration = deployment.rollback.durationMinutes.map(Self.logNormal)
        self.quarterModel = quarterModel
    }

    /// Some failure rate is uncertain: paths draw rates and keep their odds.
    var samplesPosteriors: Bool { posteriors.contains { $0 != nil } }
    /// Some stage or the rollback takes time: paths keep their durations.
    var samplesDurations: Bool { rollbackDuration != nil || attemptDurations.contains { $0 != nil } }

    /// Simulates `paths` and tallies them. The chunk's values wait in buffers of
    /// at most `paths.count` entries until they go into the tally's histograms and sums.
    func simulate(_ paths: Range<Int>) -> DeploymentTally {
        var tally = DeploymentTally(stageCount: stages.count)
        var outcomes: [DeploymentOutcomes<Double>] = []
        var rateDraws = Array(repeating: [Double](), count: stages.count)
        var unrecoverableInQuarter: [Double] = []
        var durations: [Double] = []
        for path in paths {
            var rates = stages
            if samplesPosteriors {
                for (index, posterior) in posteriors.enumerated() {
                    guard let posterior else { continue }
                    var generator = self.generator(.posterior, stage: index, path: path)
                    let rate = posterior.sample(using: &generator)
                    rates[index] = rates[index].with(failureRate: rate)
                    rateDraws[index].append(rate)
                }
                let odds = DeploymentOutcomes(stages: rates, rollbackSuccessRate: rollbackSuccessRate,
                                              preReleaseCount: preReleaseCount)
                outcomes.append(odds)
                if let quarterModel {
                    unrecoverableInQuarter.append(
                        DeploymentRiskOverTime.probabilityOfAny(unrecoverable: odds.unrecoverable, quarterModel))
                }
            }
            let (end, minutes) = deploy(rates, path: path)
            tally.count(end)
            if samplesDurations { durations.append(minutes) }
        }
        if samplesPosteriors {
            func probabilities(_ key: KeyPath<DeploymentOutcomes<Double>, Double>) -> SampleTally {
                Self.tally(outcomes.map { $0[keyPath: key] }, probability: true)
            }
            tally.outcomes = DeploymentOutcomes(
                firstAttemptSuccess: probabilities(\.firstAttemptSuccess),
                successAfterRetries: probabilities(\.successAfterRetries), success: probabilities(\.success),
                blocked: probabilities(\.blocked), failure: probabilities(\.failure), rolledBack: probabilities(\.rolledBack),
                unrecoverable: probabilities(\.unrecoverable))
            tally.failureRates = posteriors.indices.map { index in
                posteriors[index] == nil ? nil : Self.tally(rateDraws[index], probability: true)
            }
            if quarterModel != nil { tally.unrecoverableInQuarter = Self.tally(unrecoverableInQuarter, probability: true) }
        }
        if samplesDurations { tally.durations = Self.tally(durations, probability: false) }
        return tally
    }

    private static func tally(_ values: [Double], probability: Bool) -> SampleTally {
        var tally = SampleTally(probability: probability)
        tally.add(values)
        return tally
    }

    /// One deployment through `rates`, attempt by attempt: how it ended and how long it took, minutes.
    func deploy(_ rates: [StageRetryOdds], path: Int) -> (End, Double) {
        var minutes = 0.0
        var retried = false
        for (index, stage) in rates.enumerated() {
            var attempts = generator(.attempts, stage: index, path: path)
            var clock = generator(.attemptDurations, stage: index, path: path)
            var retriesLeft = stage.retries
            while true {
                if let duration = attemptDurations[index] { minutes += duration.sample(using: &clock) }
                let u = attempts.nextUniform()
                if u >= stage.failureRate { break }
                if u < stage.transientFailureRate && retriesLeft > 0 {
                    retriesLeft -= 1
                    retried = true
                    continue
                }
                if index < preReleaseCount { return (.blocked, minutes) }
                return rollBack(after: minutes, path: path)
            }
        }
        return (retried ? .successAfterRetries : .firstAttemptSuccess, minutes)
    }

    private func rollBack(after minutes: Double, path: Int) -> (End, Double) {
        var outcome = generator(.rollback, stage: 0, path: path)
        var clock = generator(.rollbackDuration, stage: 0, path: path)
        let restored = outcome.nextUniform() < rollbackSuccessRate
        let total = minutes + (rollbackDuration?.sample(using: &clock) ?? 0)
        return (restored ? .rolledBack : .unrecoverable, total)
    }

    private func generator(_ purpose: Purpose, stage: Int, path: Int) -> Philox4x32 {
        StreamKey(seed: seed, path: UInt64(path), stream: purpose.rawValue << 32 | UInt64(stage)).generator
    }

    private static func logNormal(_ duration: Model.MeanAndSD) -> LogNormal {
        LogNormal(mean: duration.mean, standardDeviation: duration.sd)
    }
}
