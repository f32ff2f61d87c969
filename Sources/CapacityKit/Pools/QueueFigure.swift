/// A figure of a ``TimeoutQueue`` that grows with the offered load, as a
/// target is stated: "P(wait) below 5 %", "timeouts below 0.1 %",
/// "P(wait > 100 ms) below 1 %".
public enum QueueFigure: Sendable, Equatable, Hashable {
    /// P(V > 0), ``TimeoutQueue/pWait``.
    case pWait
    /// P(V > τ), ``TimeoutQueue/timeoutShare``.
    case timeoutShare
    /// P(V > min(t, τ)), ``TimeoutQueue/pWaitOrTimeout(longerThanMS:)``.
    case pWaitOrTimeout(longerThanMS: Double)

    /// The figure's value in `queue`.
    public func value(in queue: TimeoutQueue) -> Double {
        switch self {
        case .pWait: queue.pWait
        case .timeoutShare: queue.timeoutShare
        case .pWaitOrTimeout(let ms): queue.pWaitOrTimeout(longerThanMS: ms)
        }
    }
}
