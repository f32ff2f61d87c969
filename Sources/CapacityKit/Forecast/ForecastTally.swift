/// The counts a chunk of forecast paths leaves behind, merged exactly across
/// chunks: traffic, and one ``ResourceTally`` per resource of the simulator
/// (``PathSimulator/resources``, in its order: a service without a limit is
/// tallied and never fails).
struct ForecastTally: Sendable {
    var paths = 0
    var rps: [QuantileHistogram]
    var resources: [ResourceTally]
    /// Host totals of sampled paths: (path index, monthly totals).
    var samples: [(path: Int, months: [Double])] = []

    init(months: Int, resources: Int) {
        rps = Array(repeating: QuantileHistogram(maximumBins: QuantileHistogram.maximumBins), count: months)
        self.resources = Array(repeating: ResourceTally(months: months), count: resources)
    }

    /// Adds another tally's counts (exact, so order never matters for the counts).
    mutating func merge(_ other: ForecastTally) {
        paths += other.paths
        for m in rps.indices { rps[m].merge(other.rps[m]) }
        for r in resources.indices { resources[r].merge(other.resources[r]) }
        samples += other.samples
    }

    /// Takes `reference`'s traffic, its counts of the months before `month`
    /// (0-based), in which this tally's schedule equals the reference's, and its
    /// demand histograms of the months where `sharedDemand` is true: a variant of
    /// one pass (``PathSimulator``) completed with what it shares.
    mutating func adopt(before month: Int, sharedDemand: [Bool], from reference: ForecastTally) {
        rps = reference.rps
        for m in rps.indices where m < month || sharedDemand[m] {
            for r in resources.indices { resources[r].copy(month: m, from: reference.resources[r], counts: m < month) }
        }
    }
}
