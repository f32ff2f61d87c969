/// One worker pool of `capacity workers`' quick form, read from command-line text with
/// the model loader's rules for a `workers:` entry (DESIGN.md), plus the load:
///
///     --rps R                          requests/s (> 0)
///     --workers C                      whole, 1…10,000 (per_node on one node)
///     --service-ms S                   the mean, 0.001…10⁷ ms (exponential), or
///     --service-p50-ms P --service-p95-ms Q   measured, P < Q ≤ 100·P (lognormal)
///     --slo-p95-ms T, --slo-p99-ms U   optional, 0.001…10⁷ ms, U ≥ T
///     --size-for-rps R'                the rps to size the pool for (default R)
///     --cpu-ms X --cores K             optional, together: CPU utilisation
///
/// A problem is thrown as one line worded as the model file's, with the flag in place
/// of the key path: `--service-ms must be ≥ 0.001 ms and ≤ 10,000,000 ms; got 0`.
public struct WorkerQuickForm: Sendable, Equatable {
    /// The pool, named `workers`, of a service named `app`.
    public var worker: Model.Worker
    public var rps: Double
    /// The rps the fewest workers are sought for.
    public var sizeForRPS: Double
    public var cores: Double?
    /// True when an SLO was given (the pool's `slo` is then not empty).
    public var hasSLO: Bool { !worker.slo.bounds.isEmpty }

    public static let workerName = "workers"

    /// Reads the flags' text (nil: the flag is absent).
    public static func parse(rps: String, workers: String?, serviceMS: String?, serviceP50MS: String?,
                             serviceP95MS: String?, sloP95MS: String?, sloP99MS: String?, sizeForRPS: String?,
                             cpuMS: String?, cores: String?) throws(WorkerQuickFormError) -> WorkerQuickForm {
        let rate = try number("--rps", rps, .rps)
        guard let workers else { throw WorkerQuickFormError("the quick form needs --workers, the requests served at once (processes × threads, e.g. --workers 8)") }
        let count = try whole("--workers", workers, .workersPerNode)
        let service: Model.ServiceTimeSpec
        switch (serviceMS, serviceP50MS, serviceP95MS) {
        case (let mean?, nil, nil):
            service = .mean(try number("--service-ms", mean, .serviceMS))
        case (nil, let p50?, let p95?):
            let low = try number("--service-p50-ms", p50, .serviceMS), high = try number("--service-p95-ms", p95, .serviceMS)
            if let (allowed, hint) = ModelRules.servicePercentilesProblem(p50: low, p95: high, p50Name: "--service-p50-ms") {
                throw WorkerQuickFormError("--service-p95-ms must be \(allowed); got \(p95); \(hint)")
            }
            service = .percentiles(p50: low, p95: high)
        case (nil, nil, nil):
            throw WorkerQuickFormError("the quick form needs --service-ms, the mean time a worker spends on a request "
                + "(or --service-p50-ms and --service-p95-ms, measured)")
        case (_?, _, _):
            throw WorkerQuickFormError("give --service-ms (the mean) or --service-p50-ms with --service-p95-ms (measured), not both")
        default:
            throw WorkerQuickFormError("--service-p50-ms and --service-p95-ms go together")
        }
        let p95 = try sloP95MS.map { text throws(WorkerQuickFormError) in try number("--slo-p95-ms", text, .serviceMS) }
        let p99 = try sloP99MS.map { text throws(WorkerQuickFormError) in try number("--slo-p99-ms", text, .serviceMS) }
        if let p95, let p99, p99 < p95 {
            throw WorkerQuickFormError("--slo-p99-ms must be ≥ --slo-p95-ms (\(NumberFormat.exact(p95))); got \(sloP99MS!); \(ModelRules.sloOrderHint)")
        }
        let target = try sizeForRPS.map { text throws(WorkerQuickFormError) in try number("--size-for-rps", text, .rps) } ?? rate
        guard (cpuMS == nil) == (cores == nil) else {
            throw WorkerQuickFormError("--cpu-ms and --cores go together: CPU utilisation = rps × cpu_ms / 1000 / cores")
        }
        let cpu = try cpuMS.map { text throws(WorkerQuickFormError) in try number("--cpu-ms", text, .cpuMS) }
        let coreCount = try cores.map { text throws(WorkerQuickFormError) in try number("--cores", text, .cores) }
        let worker = Model.Worker(name: workerName, service: "app", perNode: count, serviceTime: service,
                                  slo: Model.LatencySLO(p95MS: p95, p99MS: p99), cpuMS: cpu)
        return WorkerQuickForm(worker: worker, rps: rate, sizeForRPS: target, cores: coreCount)
    }

    /// ``PoolQuickForm``'s reading of a number, worded the same.
    static func number(_ flag: String, _ text: String, _ rule: NumberRule) throws(WorkerQuickFormError) -> Double {
        do { return try PoolQuickForm.number(flag, text, rule) } catch { throw WorkerQuickFormError(error.description) }
    }

    static func whole(_ flag: String, _ text: String, _ rule: NumberRule) throws(WorkerQuickFormError) -> Int {
        do { return try PoolQuickForm.whole(flag, text, rule) } catch { throw WorkerQuickFormError(error.description) }
    }
}
