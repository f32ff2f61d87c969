/// What a worker pool can carry within its SLO (``WorkerQueue``): the largest rps at a
/// given number of workers, and the fewest workers at a given rps. Both use that the
/// response time grows with λ and shrinks with c (in the exact M/M/c queue and in the
/// M/G/c approximation alike: C rises with a, κ falls), so bisection finds the edge.
public enum WorkerSizing {
    /// The most workers the search for ``workersNeeded(rps:service:slo:)`` tries.
    public static let maximumWorkers = 1_000_000

    /// True when `queue` is not saturated and P(T > bound) ≤ 1 − level for every bound of
    /// `slo` (its P95 ≤ p95_ms and its P99 ≤ p99_ms).
    public static func meets(_ queue: WorkerQueue, _ slo: Model.LatencySLO) -> Bool {
        !queue.isSaturated && slo.bounds.allSatisfy { queue.survival($0.ms) <= 1 - $0.level }
    }

    /// True when the service time alone (a vanishing load: no wait) meets `slo`; when it does
    /// not, no load is light enough and no number of workers is large enough.
    public static func serviceMeets(_ service: ServiceTime, _ slo: Model.LatencySLO) -> Bool {
        slo.bounds.allSatisfy { service.survival($0.ms) <= 1 - $0.level }
    }

    /// The largest rps one queue of `workers` serves within `slo`, requests/s, by bisection on λ
    /// in [0, c/E[S]) to a relative 10⁻¹²; nil when the service time alone misses it.
    public static func maxRPS(workers: Int, service: ServiceTime, slo: Model.LatencySLO) -> Double? {
        guard serviceMeets(service, slo) else { return nil }
        let saturation = Double(workers) / service.meanMS * 1000  // fails
        return Bisection.edge(low: 0, high: saturation, relative: 1e-12) {
            meets(WorkerQueue(rps: $0, workers: workers, service: service), slo)
        }.holds
    }

    /// The fewest workers meeting `slo` at `rps` (one queue); nil when the service time alone
    /// misses it or more than ``maximumWorkers`` would be needed. Doubling, then bisection on c.
    public static func workersNeeded(rps: Double, service: ServiceTime, slo: Model.LatencySLO) -> Int? {
        guard serviceMeets(service, slo) else { return nil }
        let load = rps / 1000 * service.meanMS
        guard load < Double(maximumWorkers) else { return nil }
        var failing = Int(load.rounded(.down))  // c ≤ a saturates (c = 0: none)
        var meeting = failing + 1
        while !meets(WorkerQueue(rps: rps, workers: meeting, service: service), slo) {
            failing = meeting
            guard meeting < maximumWorkers else { return nil }
            meeting = min(maximumWorkers, 2 * meeting)
        }
        while meeting - failing > 1 {
            let mid = failing + (meeting - failing) / 2
            if meets(WorkerQueue(rps: rps, workers: mid, service: service), slo) { meeting = mid } else { failing = mid }
        }
        return meeting
    }
}
