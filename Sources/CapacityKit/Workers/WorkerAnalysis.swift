/// One worker pool at one load, for `capacity workers`' quick form: utilisation, P(wait),
/// the response time's P50/P95/P99 (``WorkerQueue``), whether it meets the SLO, the largest
/// rps meeting it and the fewest workers meeting it at ``sizeForRPS`` (``WorkerSizing``),
/// and the CPU utilisation. The engine decides; writers only say so.
public struct WorkerAnalysis: Sendable {
    /// Response-time percentiles, ms.
    public struct Percentiles: Sendable, Equatable {
        public var p50: Double
        public var p95: Double
        public var p99: Double
    }

    public let worker: Model.Worker
    public let rps: Double
    public let queue: WorkerQueue
    /// Nil when saturated (ρ ≥ 1): the response time has no bound.
    public let response: Percentiles?
    /// Nil without an SLO.
    public let meetsSLO: Bool?
    /// The largest rps meeting the SLO with the pool's workers; nil without an SLO or when the
    /// service time alone misses it.
    public let maxRPSWithinSLO: Double?
    public let sizeForRPS: Double
    /// The fewest workers meeting the SLO at ``sizeForRPS``; nil without an SLO, when the service
    /// time alone misses it, or above ``WorkerSizing/maximumWorkers``.
    public let workersNeeded: Int?
    public let cores: Double?
    /// rps × cpu_ms / 1000 / cores; nil without both.
    public let cpuUtilization: Double?

    public init(worker: Model.Worker, rps: Double, sizeForRPS: Double, cores: Double?) {
        self.worker = worker
        self.rps = rps
        self.sizeForRPS = sizeForRPS
        self.cores = cores
        let service = ServiceTime(worker.serviceTime)
        queue = WorkerQueue(rps: rps, workers: worker.perNode, service: service)
        response = queue.isSaturated ? nil
            : Percentiles(p50: queue.quantile(0.5)!, p95: queue.quantile(0.95)!, p99: queue.quantile(0.99)!)
        let hasSLO = !worker.slo.bounds.isEmpty
        meetsSLO = hasSLO ? WorkerSizing.meets(queue, worker.slo) : nil
        maxRPSWithinSLO = hasSLO ? WorkerSizing.maxRPS(workers: worker.perNode, service: service, slo: worker.slo) : nil
        workersNeeded = hasSLO ? WorkerSizing.workersNeeded(rps: sizeForRPS, service: service, slo: worker.slo) : nil
        cpuUtilization = worker.cpuMS.flatMap { cpu in cores.map { rps * cpu / 1000 / $0 } }
    }

    /// True when the service time alone misses the SLO (no load or worker count helps).
    public var serviceMissesSLO: Bool {
        !worker.slo.bounds.isEmpty && !WorkerSizing.serviceMeets(queue.service, worker.slo)
    }
}
