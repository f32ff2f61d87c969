/// What a chunk of deployment paths leaves behind, in memory bounded whatever
/// the path count: outcome counts, and a ``SampleTally`` (histograms and exact
/// sums) of each figure whose percentiles are reported.
///
/// Merging adds integer counts, histogram counts and exact sums, so the merged
/// tally is the same for any thread count or chunk size.
struct DeploymentTally: Sendable {
    var firstAttemptSuccesses = 0
    var successesAfterRetries = 0
    var blocks = 0
    var rollbacks = 0
    var unrecoverables = 0
    /// Exact odds at each path's drawn failure rates; nil when every rate is known.
    var outcomes: DeploymentOutcomes<SampleTally>?
    /// `failureRates[stage]`: the drawn rates of a counted stage; nil for a known rate.
    var failureRates: [SampleTally?]
    /// P(≥ 1 unrecoverable in a quarter) at each path's drawn rates; nil when not drawn.
    var unrecoverableInQuarter: SampleTally?
    /// Each path's deployment time, minutes; nil when no duration is given.
    var durations: SampleTally?

    init(stageCount: Int) {
        failureRates = Array(repeating: nil, count: stageCount)
    }

    var paths: Int { firstAttemptSuccesses + successesAfterRetries + blocks + rollbacks + unrecoverables }

    mutating func count(_ end: DeploymentSimulator.End) {
        switch end {
        case .firstAttemptSuccess: firstAttemptSuccesses += 1
        case .successAfterRetries: successesAfterRetries += 1
        case .blocked: blocks += 1
        case .rolledBack: rollbacks += 1
        case .unrecoverable: unrecoverables += 1
        }
    }

    /// Adds `other`, the tally of other paths (of the same pipeline).
    mutating func merge(_ other: DeploymentTally) {
        firstAttemptSuccesses += other.firstAttemptSuccesses
        successesAfterRetries += other.successesAfterRetries
        blocks += other.blocks
        rollbacks += other.rollbacks
        unrecoverables += other.unrecoverables
        if let theirs = other.outcomes {
            if outcomes == nil { outcomes = theirs } else { outcomes?.merge(theirs) { $0.merge($1) } }
        }
        for index in failureRates.indices { Self.merge(&failureRates[index], other.failureRates[index]) }
        Self.merge(&unrecoverableInQuarter, other.unrecoverableInQuarter)
        Self.merge(&durations, other.durations)
    }

    private static func merge(_ tally: inout SampleTally?, _ other: SampleTally?) {
        guard let other else { return }
        if tally == nil { tally = other } else { tally?.merge(other) }
    }

    /// The simulated frequency of each outcome.
    var simulatedOutcomes: DeploymentOutcomes<Proportion> {
        let n = paths
        func frequency(_ hits: Int) -> Proportion { Proportion(hits: hits, trials: n) }
        return DeploymentOutcomes(
            firstAttemptSuccess: frequency(firstAttemptSuccesses),
            successAfterRetries: frequency(successesAfterRetries),
            success: frequency(firstAttemptSuccesses + successesAfterRetries), blocked: frequency(blocks),
            failure: frequency(rollbacks + unrecoverables), rolledBack: frequency(rollbacks),
            unrecoverable: frequency(unrecoverables))
    }

    /// Percentiles of each outcome over the drawn failure rates; nil when none was drawn.
    var outcomePercentiles: DeploymentOutcomes<Percentiles>? {
        outcomes?.map(Percentiles.init)
    }
}
