import Synchronization

/// Each worker pool's capacity as the plan changes its `per_node`: the largest requests/s
/// per node within its SLO at a number of workers (``WorkerSizing/maxRPS(workers:service:slo:)``,
/// the rule the forecast's workers resource reads, ``WorkerLoad/ratePerNode``), and the fewest
/// workers that carry a rate. Each value is solved once and kept: the planner asks for the
/// same ones for many epochs and states.
///
///     rate(w, c)        = the largest λ per node with P95 (P99) of the response time ≤ the SLO, c workers
///     workers(w, λ, c₀) = the least c ≥ c₀, a multiple of threads, with rate(w, c) ≥ λ
///
/// Both use that the response time falls with c (``WorkerSizing``), so rate(w, c) grows with c.
final class WorkerRates: Sendable {
    /// The most workers per node a plan sets: the contract's bound on `per_node`.
    static let maximumPerNode = 10_000

    private struct Key: Hashable {
        var worker: Int
        var perNode: Int
    }

    /// The model's worker pools, model order.
    let loads: [WorkerLoad]
    private let rates = Mutex<[Key: Double]>([:])

    init(_ model: Model) {
        loads = WorkerLoad.all(model)
    }

    /// The largest requests/s per node within worker pool `w`'s SLO with `perNode` workers per node
    /// (``WorkerDemand/unmeetableRPS`` when its service time alone misses the SLO).
    func rate(_ w: Int, perNode: Int) -> Double {
        let load = loads[w]
        if perNode == load.worker.perNode { return load.ratePerNode }
        let key = Key(worker: w, perNode: perNode)
        if let known = rates.withLock({ $0[key] }) { return known }
        let rate = WorkerSizing.maxRPS(workers: perNode, service: load.service, slo: load.worker.slo) ?? WorkerDemand.unmeetableRPS
        rates.withLock { $0[key] = rate }
        return rate
    }

    /// The fewest workers per node of pool `w`, at least `from` and a multiple of its threads, whose
    /// rate within the SLO is at least `rps` (requests/s per node); nil when none up to
    /// ``maximumPerNode`` does (or its service time alone misses the SLO).
    func perNode(_ w: Int, carrying rps: Double, from: Int) -> Int? {
        if rate(w, perNode: from) >= rps { return from }
        let load = loads[w], threads = load.worker.threads
        guard let fewest = WorkerSizing.workersNeeded(rps: rps, service: load.service, slo: load.worker.slo),
              fewest <= Self.maximumPerNode else { return nil }
        // The fewest at λ = rps, up to a multiple of threads; then checked against the rate itself (the
        // two bisections agree to 10⁻¹²: at most a step or two more).
        var candidate = max(from, (fewest + threads - 1) / threads * threads)
        while candidate <= Self.maximumPerNode {
            if rate(w, perNode: candidate) >= rps { return candidate }
            candidate += threads
        }
        return nil
    }
}
