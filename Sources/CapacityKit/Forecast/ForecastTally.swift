/// The counts a chunk of forecast paths leaves behind: histograms and hit
/// counts per month, merged exactly across chunks.
struct ForecastTally: Sendable {
    var paths = 0
    var rps: [QuantileHistogram]
    var host: [QuantileHistogram]
    /// `services[s][m]`.
    var services: [[QuantileHistogram]]
    /// `poolUtilization[k][m]`.
    var poolUtilization: [[QuantileHistogram]]
    var warn: [Int]
    var critical: [Int]
    var oom: [Int]
    var oomBy: [Int]
    /// `overLimit[s][m]`.
    var overLimit: [[Int]]
    /// `saturated[k][m]`.
    var saturated: [[Int]]
    /// Host totals of sampled paths: (path index, monthly totals).
    var samples: [(path: Int, months: [Double])] = []

    init(months: Int, services: Int, pools: Int) {
        let histograms = Array(repeating: QuantileHistogram(), count: months)
        let zeros = Array(repeating: 0, count: months)
        rps = histograms
        host = histograms
        self.services = Array(repeating: histograms, count: services)
        poolUtilization = Array(repeating: histograms, count: pools)
        warn = zeros
        critical = zeros
        oom = zeros
        oomBy = zeros
        overLimit = Array(repeating: zeros, count: services)
        saturated = Array(repeating: zeros, count: pools)
    }

    /// Adds another tally's counts (exact, so order never matters for the counts).
    mutating func merge(_ other: ForecastTally) {
        paths += other.paths
        for m in rps.indices {
            rps[m].merge(other.rps[m])
            host[m].merge(other.host[m])
            warn[m] += other.warn[m]
            critical[m] += other.critical[m]
            oom[m] += other.oom[m]
            oomBy[m] += other.oomBy[m]
            for s in services.indices {
                services[s][m].merge(other.services[s][m])
                overLimit[s][m] += other.overLimit[s][m]
            }
            for k in poolUtilization.indices {
                poolUtilization[k][m].merge(other.poolUtilization[k][m])
                saturated[k][m] += other.saturated[k][m]
            }
        }
        samples += other.samples
    }
}
