/// One worker pool in one month (issue #22): its load per node, how close it runs to
/// its SLO, the P95 response time across paths and P(SLO breach).
///
/// The response time's P95 grows with the load, so its q-quantile across paths is the
/// P95 at the q-quantile of the rps per node (``WorkerLoad/responseMS(perNodeRPS:level:)``
/// once per quantile, not per path); a quantile whose load saturates the pool (ρ ≥ 1) has
/// no P95 (nil: "saturated", never ∞).
public struct WorkerMonth: Sendable {
    /// The P95 response time at the P10, P50 and P90 of the month's load, ms; nil: saturated.
    public struct LatencyBand: Sendable, Equatable {
        public var p10: Double?
        public var p50: Double?
        public var p90: Double?
    }

    public var name: String
    /// Requests served at once per node (`per_node`).
    public var perNode: Int
    /// The SLO's bounds, ms.
    public var slo: Model.LatencySLO
    /// The largest requests/s per node within the SLO (``WorkerDemand/unmeetableRPS`` when the
    /// service time alone misses it).
    public var sloRPSPerNode: Double
    /// Requests/s per node at the month's peak: peak rps ÷ nodes.
    public var rpsPerNode: Percentiles
    /// ρ = rps per node · E[S] / 1000 / per_node.
    public var utilization: Percentiles
    /// The P95 response time at the month's load quantiles, ms (the month's P95 latency across paths).
    public var p95LatencyMS: LatencyBand
    /// P(the P95 or P99 response time exceeds the SLO, or the pool saturates) this month.
    public var pSLOBreach: Proportion
    /// P(a breach in at least one month 1…m), along each path.
    public var pSLOBreachBy: Proportion
    /// CPU utilisation per node (cores busy ÷ `host.cores`); nil without `host.cores` and `cpu_ms`.
    public var cpuUtilization: Percentiles?
    /// P(cores busy ≥ `host.cores`); nil without CPU figures.
    public var pCPUSaturated: Proportion?

    /// The month of `load`'s pool from its resource's month (`pool`: rps per node against the
    /// SLO rate) and its CPU resource's month, if any (cores busy against the cores).
    init(_ load: WorkerLoad, pool: ResourceMonth, cpu: ResourceMonth?) {
        name = load.worker.name
        perNode = load.worker.perNode
        slo = load.worker.slo
        sloRPSPerNode = pool.capacity
        rpsPerNode = pool.demand
        utilization = pool.demand.scaled(by: Double(load.worker.perNode) * 1000 / load.service.meanMS)
        let rps = pool.demand
        func p95(_ perNode: Double) -> Double? { load.responseMS(perNodeRPS: perNode, level: 0.95) }
        p95LatencyMS = LatencyBand(p10: p95(rps.p10), p50: p95(rps.p50), p90: p95(rps.p90))
        pSLOBreach = pool.pFail
        pSLOBreachBy = pool.pFailBy
        cpuUtilization = cpu.map { $0.level }
        pCPUSaturated = cpu.map(\.pFail)
    }
}
