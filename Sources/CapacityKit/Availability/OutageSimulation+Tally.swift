extension OutageSimulation {
    /// What a run of consecutive paths leaves behind: histograms of every
    /// simulated year and pairwise moments of each path's means, so memory stays
    /// bounded whatever the path count.
    ///
    /// Histogram counts are integers and ``PairwiseMoments`` depends only on the
    /// values in path order, so tallies of consecutive chunks, merged in chunk
    /// order, are bit-identical to one tally of all paths: the result depends on
    /// neither the thread count nor the chunk size.
    struct Tally: Sendable {
        /// Downtime of each simulated year, minutes.
        var downtime = QuantileHistogram()
        /// Longest outage of each simulated year, minutes.
        var longestOutage = QuantileHistogram()
        /// Per path: mean downtime per year, minutes.
        var downtimeMeans: PairwiseMoments
        /// Per path: the fraction of its years within the error budget.
        var meetFractions: PairwiseMoments
        /// Per path: mean outages per year.
        var incidentMeans: PairwiseMoments

        /// An empty tally whose first path is `firstPath`.
        init(firstPath: Int) {
            downtimeMeans = PairwiseMoments(startingAt: firstPath)
            meetFractions = PairwiseMoments(startingAt: firstPath)
            incidentMeans = PairwiseMoments(startingAt: firstPath)
        }

        /// Adds the next path's years (year 1 first); a year meets the target when
        /// its downtime is at most `budgetMinutes`. `scratch` is reused between
        /// calls to avoid an allocation per path.
        mutating func add(_ years: [OutageTimeline.YearOutcome], budgetMinutes: Double, scratch: inout [Double]) {
            let count = Double(years.count)
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: years.lazy.map(\.downtimeMinutes))
            scratch.withUnsafeBufferPointer { downtime.add($0) }
            downtimeMeans.append(scratch.reduce(0, +) / count)
            meetFractions.append(Double(scratch.count { $0 <= budgetMinutes }) / count)

            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: years.lazy.map(\.longestOutageMinutes))
            scratch.withUnsafeBufferPointer { longestOutage.add($0) }
            incidentMeans.append(Double(years.reduce(0) { $0 + $1.incidents }) / count)
        }

        /// Adds the tally of the paths that follow this one's.
        mutating func merge(_ next: Tally) {
            downtime.merge(next.downtime)
            longestOutage.merge(next.longestOutage)
            downtimeMeans.append(next.downtimeMeans)
            meetFractions.append(next.meetFractions)
            incidentMeans.append(next.incidentMeans)
        }
    }
}
