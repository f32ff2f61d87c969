/// The JSON form of a worker-pool analysis (`capacity workers` quick form): stable
/// snake_case keys, numbers at full precision, the inputs that repeat the run. All
/// figures are computed, not sampled (no standard errors); `null` where a figure does
/// not exist (saturated: no response time; no SLO: no largest rps), never left out.
struct WorkersDocument: Encodable {
    struct Inputs: Encodable {
        var rps: Double
        var workers: Int
        var service_ms: Double?
        var service_p50_ms: Double?
        var service_p95_ms: Double?
        var slo_p95_ms: Double?
        var slo_p99_ms: Double?
        var size_for_rps: Double
        var cpu_ms: Double?
        var cores: Double?
    }

    struct Response: Encodable {
        var p50: Double
        var p95: Double
        var p99: Double
    }

    struct Needed: Encodable {
        var rps: Double
        var workers: JSONNullable<Int>
    }

    var tool = "capacity"
    var version = CapacityVersion.current
    var command = "workers"
    var model: String
    var inputs: Inputs
    var service_mean_ms: Double
    var service_scv: Double
    var offered_load: Double
    var utilization: Double
    var saturated: Bool
    var p_wait: Double
    var mean_wait_ms: JSONNullable<Double>
    var response_ms: JSONNullable<Response>
    var meets_slo: JSONNullable<Bool>
    var max_rps_within_slo: JSONNullable<Double>
    var workers_needed: Needed
    var cpu_utilization: JSONNullable<Double>
    var verdict: String
    var notes: [String]

    init(_ analysis: WorkerAnalysis, model: String, verdict: String, notes: [String]) {
        let worker = analysis.worker, queue = analysis.queue
        var mean: Double?, p50: Double?, p95: Double?
        switch worker.serviceTime {
        case .mean(let value): mean = value
        case .percentiles(let low, let high): (p50, p95) = (low, high)
        }
        self.model = model
        inputs = Inputs(rps: analysis.rps, workers: worker.perNode, service_ms: mean, service_p50_ms: p50, service_p95_ms: p95,
                        slo_p95_ms: worker.slo.p95MS, slo_p99_ms: worker.slo.p99MS, size_for_rps: analysis.sizeForRPS,
                        cpu_ms: worker.cpuMS, cores: analysis.cores)
        service_mean_ms = queue.service.meanMS
        service_scv = queue.service.squaredCV
        offered_load = queue.offeredLoad
        utilization = queue.utilization
        saturated = queue.isSaturated
        p_wait = queue.pWait
        mean_wait_ms = JSONNullable(queue.meanWaitMS)
        response_ms = JSONNullable(analysis.response.map { Response(p50: $0.p50, p95: $0.p95, p99: $0.p99) })
        meets_slo = JSONNullable(analysis.meetsSLO)
        max_rps_within_slo = JSONNullable(analysis.maxRPSWithinSLO)
        workers_needed = Needed(rps: analysis.sizeForRPS, workers: JSONNullable(analysis.workersNeeded))
        cpu_utilization = JSONNullable(analysis.cpuUtilization)
        self.verdict = verdict
        self.notes = notes
    }
}
