/// Counts one resource's demand against its levels for a chunk of paths and a
/// month: the observer of the simulation's drivers → demand → observers, and
/// the one home of the failure rules.
///
/// Memory fails when demand > capacity (the container is OOM-killed, the host
/// runs out); a pool fails when its offered load ≥ its connections (ρ ≥ 1: the
/// queue grows without bound) — ``Resource/Kind/failsAtCapacity``. Warn and
/// critical count demand above (at or above, for pools) warn · capacity and
/// critical · capacity. The C kernel counts by these rules a chunk at a time;
/// ``fails(_:capacity:)`` and ``isCritical(_:capacity:)`` say them for one path.
struct ResourceObserver: Sendable, Equatable {
    var levels: Model.Levels
    /// A pool fails at ρ = 1; memory only above its capacity.
    var failsAtCapacity: Bool
    /// An extra demand level to count paths at or above, in the resource's unit (nil: none):
    /// another question about the same paths, e.g. a pool's load at which 0.1 % of queries time out.
    var threshold: Double? = nil

    /// Whether one path's demand fails at `capacity`: demand > capacity (≥ when the resource fails at capacity).
    func fails(_ demand: Double, capacity: Double) -> Bool { reaches(demand, capacity) }

    /// Whether one path's demand is at its critical level: above critical · capacity (at or above, for a resource that fails at capacity).
    func isCritical(_ demand: Double, capacity: Double) -> Bool { reaches(demand, levels.critical * capacity) }

    private func reaches(_ demand: Double, _ level: Double) -> Bool {
        failsAtCapacity ? demand >= level : demand > level
    }

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
