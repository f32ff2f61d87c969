/// The edge of a monotone test on an interval, by bisection: `holds` is true at `low`, false at
/// `high`, and changes once between them.
enum Bisection {
    /// The last point where `holds` is known true and the first where it is known false, at most
    /// `relative` × the latter apart (or after 200 halvings). O(log((high − low)/(relative·high))) calls.
    static func edge(low: Double, high: Double, relative: Double, _ holds: (Double) -> Bool) -> (holds: Double, fails: Double) {
        var (lo, hi) = (low, high)
        for _ in 0..<200 where hi - lo > relative * hi {
            let mid = lo + (hi - lo) / 2
            if holds(mid) { lo = mid } else { hi = mid }
        }
        return (lo, hi)
    }
}
