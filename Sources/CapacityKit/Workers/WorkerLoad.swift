/// One worker pool of the model, ready to be asked about one path and month (issue #22):
/// the simulator's call is ``month(peakRPS:nodes:)``, O(1) per path.
///
/// The offered load per node is the month's peak rps of the pool's service ÷ nodes (the
/// nodes share the traffic evenly; each runs `per_node` workers, the c of its queue). The
/// month fails for the pool when the response time's P95 exceeds `slo.p95_ms` or its P99
/// exceeds `slo.p99_ms` — equivalently when the per-node rps is above the largest rps
/// meeting the SLO (``WorkerSizing/maxRPS(workers:service:slo:)``), solved once here,
/// because the response time grows with the load — or when the queue saturates (ρ ≥ 1).
/// For the same reason the P90 across paths of a month's P95 latency is the P95 at the
/// P90 per-node load: ``responseMS(perNodeRPS:level:)`` once per month, not per path.
///
/// CPU utilisation per node, when `host.cores` and `cpu_ms` are given, is
/// rps per node × cpu_ms / 1000 / cores: a resource of its own, failing at ≥ 1.
public struct WorkerLoad: Sendable {
    public let worker: Model.Worker
    public let service: ServiceTime
    /// CPU cores per node (`host.cores`), if given.
    public let cores: Double?
    /// The largest per-node rps meeting the SLO; nil when the service time alone misses it.
    public let maxRPSPerNode: Double?

    /// What one path's month means for the pool.
    public struct Month: Sendable, Equatable {
        /// Requests/s reaching one node: peak rps ÷ nodes.
        public var perNodeRPS: Double
        /// ρ = per-node rps × E[S] / 1000 / per_node.
        public var utilization: Double
        /// ρ ≥ 1.
        public var isSaturated: Bool
        /// The response time's P95 (P99) above the SLO, or saturated.
        public var breachesSLO: Bool
        /// rps per node × cpu_ms / 1000 / cores; nil without both.
        public var cpuUtilization: Double?
    }

    public init(_ worker: Model.Worker, cores: Double?) {
        self.worker = worker
        service = ServiceTime(worker.serviceTime)
        self.cores = cores
        maxRPSPerNode = WorkerSizing.maxRPS(workers: worker.perNode, service: service, slo: worker.slo)
    }

    private init(worker: Model.Worker, service: ServiceTime, cores: Double?, maxRPSPerNode: Double?) {
        self.worker = worker
        self.service = service
        self.cores = cores
        self.maxRPSPerNode = maxRPSPerNode
    }

    /// The same pool with `perNode` workers per node, whose largest rate within the SLO is
    /// `ratePerNode` (as ``ratePerNode`` gives it: known, so nothing is solved again).
    func with(perNode: Int, ratePerNode: Double) -> WorkerLoad {
        guard perNode != worker.perNode else { return self }
        var worker = worker
        worker.perNode = perNode
        return WorkerLoad(worker: worker, service: service, cores: cores,
                          maxRPSPerNode: maxRPSPerNode == nil ? nil : ratePerNode)
    }

    /// The capacity of its resource (``Resource/Kind/workers``): ``maxRPSPerNode``, or
    /// ``WorkerDemand/unmeetableRPS`` when the service time alone misses the SLO.
    var ratePerNode: Double { maxRPSPerNode ?? WorkerDemand.unmeetableRPS }

    /// The pools of `model`, in model order.
    public static func all(_ model: Model) -> [WorkerLoad] {
        model.workers.map { WorkerLoad($0, cores: model.host.cores) }
    }

    /// The pool's month on one path whose service peaks at `peakRPS` on `nodes` nodes. O(1).
    public func month(peakRPS: Double, nodes: Int) -> Month {
        let perNode = peakRPS / Double(max(1, nodes))
        let utilization = perNode / 1000 * service.meanMS / Double(worker.perNode)
        let cpu: Double? = if let cores, let cpuMS = worker.cpuMS { perNode * cpuMS / 1000 / cores } else { nil }
        return Month(perNodeRPS: perNode, utilization: utilization, isSaturated: utilization >= 1,
                     breachesSLO: utilization >= 1 || maxRPSPerNode.map { perNode > $0 } ?? true, cpuUtilization: cpu)
    }

    /// The response time's `level` quantile at `perNodeRPS`, ms; nil when saturated.
    public func responseMS(perNodeRPS: Double, level: Double) -> Double? {
        WorkerQueue(rps: perNodeRPS, workers: worker.perNode, service: service).quantile(level)
    }
}
