extension TimeoutQueue {
    /// The offered load a* (erlangs) at which `figure` reaches `target` on a pool
    /// of `servers` connections: figure(a) < target for a < a*, ≥ target for a ≥ a*.
    ///
    /// Every ``QueueFigure`` is 0 at a = 0, increasing in a and tends to 1, so one
    /// threshold per pool answers "is this load over the target?" for any number
    /// of loads (a Monte Carlo counts paths with a ≥ a* instead of evaluating the
    /// queue per path). Found by doubling an upper bracket from max(1, c), then
    /// bisection until the bracket is within 10⁻¹² of a* (relative; at most 200
    /// steps, each O(c)). Nil when the figure stays below `target` up to 10³⁰⁰
    /// erlangs, which bounds the search (it does not happen for a target below 1).
    ///
    /// - Precondition: 0 < target < 1, `servers ≥ 1`, `holdMS > 0`, `timeoutMS ≥ 0`.
    public static func thresholdLoad(for figure: QueueFigure, reaching target: Double, servers: Int,
                                     holdMS: Double, timeoutMS: Double) -> Double? {
        precondition(target > 0 && target < 1, "a threshold needs a target in (0, 1)")
        func value(_ load: Double) -> Double {
            figure.value(in: TimeoutQueue(servers: servers, offeredLoad: load, holdMS: holdMS, timeoutMS: timeoutMS))
        }
        var low = 0.0, high = max(1, Double(servers))
        while value(high) < target {
            low = high
            high *= 2
            if high > 1e300 { return nil }
        }
        for _ in 0..<200 where high - low > 1e-12 * high {
            let middle = low + (high - low) / 2
            if value(middle) < target { low = middle } else { high = middle }
        }
        return high
    }
}
