/// Counts one resource's demand against its levels for a chunk of paths and a
/// month: the observer of the simulation's drivers → demand → observers.
///
/// Memory fails when demand > capacity (the container is OOM-killed, the host
/// runs out); a pool fails when its offered load ≥ its connections (ρ ≥ 1: the
/// queue grows without bound). Warn and critical count demand above (at or
/// above, for pools) warn · capacity and critical · capacity.
struct ResourceObserver: Sendable {
    var levels: Model.Levels
    /// A pool fails at ρ = 1; memory only above its capacity.
    var failsAtCapacity: Bool
    /// An extra demand level to count paths at or above, in the resource's unit (nil: none):
    /// another question about the same paths, e.g. a pool's load at which 0.1 % of queries time out.
    var threshold: Double? = nil

    /// Tallies month `month` of `count` paths with capacity `capacity` (+∞: never fails).
    /// `failedSoFar` holds 1 for the paths that failed in an earlier month (else 0), and is updated.
    /// `recordingDemand: false` leaves the demand histogram alone (it is another tally's, shared).
    ///
    /// One branch-free loop of integer counts per resource, a C kernel (``VectorKernels``), which
    /// also finds the demands' range, so the histogram's counting pass is the only other one.
    func observe(_ demand: UnsafePointer<Double>, count: Int, month: Int, capacity: Double,
                 failedSoFar: UnsafeMutablePointer<UInt8>, recordingDemand: Bool = true, into tally: inout ResourceTally) {
        let kernels = VectorKernels.best
        let ((warnCount, criticalCount, failCount, failByCount), range) = kernels.observe(
            demand, count: count, warn: levels.warn * capacity, critical: levels.critical * capacity,
            capacity: capacity, atCapacity: failsAtCapacity, failedSoFar: failedSoFar,
            smallestBits: QuantileHistogram.smallestBits)
        if let threshold {
            tally.aboveThreshold[month] += kernels.countAtOrAbove(demand, count: count, threshold: threshold)
        }
        if recordingDemand {
            tally.demand[month].add(UnsafeBufferPointer(start: demand, count: count), range: range, kernels: kernels)
        }
        tally.warn[month] += warnCount
        tally.critical[month] += criticalCount
        tally.fail[month] += failCount
        tally.failBy[month] += failByCount
    }
}
