/// The counts one resource leaves behind, month by month: a histogram of its
/// demand and how many paths were above its warn and critical levels, failed,
/// and had failed in some month so far. Integer counts, so merges are exact
/// and order-free.
struct ResourceTally: Sendable {
    /// Demand per month, in the resource's unit (MB, or connections for a pool).
    var demand: [QuantileHistogram]
    var warn: [Int]
    var critical: [Int]
    var fail: [Int]
    /// Paths that failed in at least one month 1…m.
    var failBy: [Int]

    init(months: Int) {
        demand = Array(repeating: QuantileHistogram(), count: months)
        warn = Array(repeating: 0, count: months)
        critical = warn
        fail = warn
        failBy = warn
    }

    mutating func merge(_ other: ResourceTally) {
        for m in demand.indices {
            demand[m].merge(other.demand[m])
            warn[m] += other.warn[m]
            critical[m] += other.critical[m]
            fail[m] += other.fail[m]
            failBy[m] += other.failBy[m]
        }
    }
}
