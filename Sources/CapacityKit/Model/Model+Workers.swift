extension Model {
    /// A pool of application workers serving one service's requests (issue #22): on
    /// each node `perNode` requests are served at once (processes × threads, e.g.
    /// Gunicorn workers × threads) and the rest queue. Its month fails when the
    /// response time's P95 (or P99) exceeds the SLO (``WorkerLoad``).
    public struct Worker: Sendable, Equatable {
        public var name: String
        /// The service whose requests the pool serves (its peak rps is the pool's load).
        public var service: String
        /// Requests served at once per node: processes × threads, the c of the queue.
        public var perNode: Int
        /// The time a worker spends on one request.
        public var serviceTime: ServiceTimeSpec
        public var slo: LatencySLO
        /// CPU per request, ms (optional); with `host.cores`, the pool's CPU utilisation.
        public var cpuMS: Double?

        public init(name: String, service: String, perNode: Int, serviceTime: ServiceTimeSpec, slo: LatencySLO,
                    cpuMS: Double? = nil) {
            self.name = name
            self.service = service
            self.perNode = perNode
            self.serviceTime = serviceTime
            self.slo = slo
            self.cpuMS = cpuMS
        }
    }

    /// A worker's service time as the model file gives it.
    public enum ServiceTimeSpec: Sendable, Equatable {
        /// `service_ms: 40`: the mean, ms; the service time is taken as exponential (M/M/c).
        case mean(Double)
        /// `service_ms: {p50: 68, p95: 187}`: measured percentiles, ms (p95 > p50); a
        /// lognormal through both (M/G/c).
        case percentiles(p50: Double, p95: Double)
    }

    /// A response-time objective: the P95 and/or the P99 must not exceed these, ms.
    public struct LatencySLO: Sendable, Equatable {
        public var p95MS: Double?
        public var p99MS: Double?

        public init(p95MS: Double? = nil, p99MS: Double? = nil) {
            self.p95MS = p95MS
            self.p99MS = p99MS
        }

        /// The objectives given, as (quantile level, bound in ms): (0.95, p95MS), (0.99, p99MS).
        public var bounds: [(level: Double, ms: Double)] {
            [(0.95, p95MS), (0.99, p99MS)].compactMap { level, ms in ms.map { (level, $0) } }
        }
    }
}
