/// What a chunk of deployment paths leaves behind: outcome counts, and the
/// per-path values whose percentiles are reported, in path order.
///
/// Merging chunks in chunk order concatenates the values in path order and
/// adds integer counts, so the merged tally is the same for any thread count
/// or chunk size.
struct DeploymentTally: Sendable {
    var firstAttemptSuccesses = 0
    var successesAfterRetries = 0
    var rollbacks = 0
    var unrecoverables = 0
    /// Exact odds at each path's drawn failure rates (only when some rate is uncertain).
    var outcomes: [DeploymentOutcomes<Double>] = []
    /// `failureRates[stage]`: the drawn rates of a counted stage; empty for a known rate.
    var failureRates: [[Double]]
    /// P(≥ 1 unrecoverable in a quarter) at each path's drawn rates.
    var unrecoverableInQuarter: [Double] = []
    /// Each path's deployment time, minutes (only when some duration is given).
    var durations: [Double] = []

    init(stageCount: Int) {
        failureRates = Array(repeating: [], count: stageCount)
    }

    var paths: Int { firstAttemptSuccesses + successesAfterRetries + rollbacks + unrecoverables }

    mutating func count(_ end: DeploymentSimulator.End) {
        switch end {
        case .firstAttemptSuccess: firstAttemptSuccesses += 1
        case .successAfterRetries: successesAfterRetries += 1
        case .rolledBack: rollbacks += 1
        case .unrecoverable: unrecoverables += 1
        }
    }

    /// Appends `other`, the tally of the paths that follow.
    mutating func merge(_ other: DeploymentTally) {
        firstAttemptSuccesses += other.firstAttemptSuccesses
        successesAfterRetries += other.successesAfterRetries
        rollbacks += other.rollbacks
        unrecoverables += other.unrecoverables
        outcomes += other.outcomes
        for index in failureRates.indices { failureRates[index] += other.failureRates[index] }
        unrecoverableInQuarter += other.unrecoverableInQuarter
        durations += other.durations
    }

    /// The simulated frequency of each outcome.
    var simulatedOutcomes: DeploymentOutcomes<SimulatedProbability> {
        let n = paths
        func frequency(_ hits: Int) -> SimulatedProbability { SimulatedProbability(hits: hits, trials: n) }
        return DeploymentOutcomes(
            firstAttemptSuccess: frequency(firstAttemptSuccesses),
            successAfterRetries: frequency(successesAfterRetries),
            success: frequency(firstAttemptSuccesses + successesAfterRetries),
            failure: frequency(rollbacks + unrecoverables), rolledBack: frequency(rollbacks),
            unrecoverable: frequency(unrecoverables))
    }

    /// Percentiles of each outcome over the drawn failure rates; nil when none was drawn.
    var outcomePercentiles: DeploymentOutcomes<DeploymentPercentiles>? {
        guard !outcomes.isEmpty else { return nil }
        func percentiles(_ key: KeyPath<DeploymentOutcomes<Double>, Double>) -> DeploymentPercentiles {
            DeploymentPercentiles(sample: outcomes.map { $0[keyPath: key] })
        }
        return DeploymentOutcomes(
            firstAttemptSuccess: percentiles(\.firstAttemptSuccess),
            successAfterRetries: percentiles(\.successAfterRetries),
            success: percentiles(\.success), failure: percentiles(\.failure), rolledBack: percentiles(\.rolledBack),
            unrecoverable: percentiles(\.unrecoverable))
    }
}
