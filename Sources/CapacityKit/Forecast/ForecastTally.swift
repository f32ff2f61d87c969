/// The counts a chunk of forecast paths leaves behind, merged exactly across
/// chunks: traffic, and one ``ResourceTally`` for the host, each service (a
/// service without a limit is tallied, never fails) and each pool, in the
/// simulator's order (services and pools sorted by name).
struct ForecastTally: Sendable {
    var paths = 0
    var rps: [QuantileHistogram]
    var host: ResourceTally
    var services: [ResourceTally]
    var pools: [ResourceTally]
    /// Host totals of sampled paths: (path index, monthly totals).
    var samples: [(path: Int, months: [Double])] = []

    init(months: Int, services: Int, pools: Int) {
        rps = Array(repeating: QuantileHistogram(maximumBins: QuantileHistogram.maximumBins), count: months)
        host = ResourceTally(months: months)
        self.services = Array(repeating: ResourceTally(months: months), count: services)
        self.pools = Array(repeating: ResourceTally(months: months), count: pools)
    }

    /// Adds another tally's counts (exact, so order never matters for the counts).
    mutating func merge(_ other: ForecastTally) {
        paths += other.paths
        for m in rps.indices { rps[m].merge(other.rps[m]) }
        host.merge(other.host)
        for s in services.indices { services[s].merge(other.services[s]) }
        for k in pools.indices { pools[k].merge(other.pools[k]) }
        samples += other.samples
    }

    /// Takes `reference`'s traffic, its counts of the months before `month`
    /// (0-based), in which this tally's schedule equals the reference's, and its
    /// demand histograms of the months where `sharedDemand` is true: a variant of
    /// one pass (``PathSimulator``) completed with what it shares.
    mutating func adopt(before month: Int, sharedDemand: [Bool], from reference: ForecastTally) {
        rps = reference.rps
        for m in rps.indices where m < month || sharedDemand[m] {
            let counts = m < month
            host.copy(month: m, from: reference.host, counts: counts)
            for s in services.indices { services[s].copy(month: m, from: reference.services[s], counts: counts) }
            for k in pools.indices { pools[k].copy(month: m, from: reference.pools[k], counts: counts) }
        }
    }
}
