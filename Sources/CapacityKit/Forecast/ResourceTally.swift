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
    /// Paths at or above the observer's extra threshold (``ResourceObserver/threshold``), if it has one.
    var aboveThreshold: [Int]

    init(months: Int) {
        demand = Array(repeating: QuantileHistogram(maximumBins: QuantileHistogram.maximumBins), count: months)
        warn = Array(repeating: 0, count: months)
        critical = warn
        fail = warn
        failBy = warn
        aboveThreshold = warn
    }

    mutating func merge(_ other: ResourceTally) {
        for m in demand.indices {
            demand[m].merge(other.demand[m])
            warn[m] += other.warn[m]
            critical[m] += other.critical[m]
            fail[m] += other.fail[m]
            failBy[m] += other.failBy[m]
            aboveThreshold[m] += other.aboveThreshold[m]
        }
    }

    /// Replaces month `m`'s demand histogram with `other`'s, and its counts too when `counts`.
    mutating func copy(month m: Int, from other: ResourceTally, counts: Bool) {
        demand[m] = other.demand[m]
        guard counts else { return }
        warn[m] = other.warn[m]
        critical[m] = other.critical[m]
        fail[m] = other.fail[m]
        failBy[m] = other.failBy[m]
        aboveThreshold[m] = other.aboveThreshold[m]
    }
}
