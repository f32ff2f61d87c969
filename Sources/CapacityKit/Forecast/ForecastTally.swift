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
        rps = Array(repeating: QuantileHistogram(), count: months)
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
}
