/// The JSON form of a forecast: stable snake_case keys, numbers at full
/// precision, every probability and percentile with its Monte Carlo standard
/// error, the resources with their crossings, the notes that say what the
/// figures mean, and what it takes to repeat the run (model, seed, paths,
/// threads, tool version).
struct ForecastDocument: Encodable {
    typealias Probability = JSONProbability
    typealias Quantiles = JSONPercentiles

    struct Service: Encodable {
        var name: String
        var memory_mb: Quantiles
        var limit_mb: Double?
        var p90_pct_limit: Double?
        var p_over_limit: Probability?
        var p_over_limit_by: Probability?
    }

    struct Pool: Encodable {
        var name: String
        var offered_load: Quantiles
        var utilization: Quantiles
        var p_saturated: Probability
        var p_saturated_by: Probability
        var p_wait_p90: Double
    }

    /// A worker pool's month (``WorkerMonth``); a P95 latency whose load saturates the pool is null.
    struct Worker: Encodable {
        var name: String
        var per_node: Int
        var slo_p95_ms: Double?
        var slo_p99_ms: Double?
        /// The largest rps per node within the SLO.
        var slo_rps_per_node: Double
        var rps_per_node: Quantiles
        var utilization: Quantiles
        /// The P95 response time at the P10, P50 and P90 of the month's load, ms; null: saturated.
        var p95_ms_p10: Double?
        var p95_ms_p50: Double?
        var p95_ms_p90: Double?
        /// Which of them saturate the pool (`p10`, `p50`, `p90`); absent when none.
        var saturated_at: [String]?
        var p_slo_breach: Probability
        var p_slo_breach_by: Probability
        var cpu_utilization: Quantiles?
        var p_cpu_saturated: Probability?

        init(_ w: WorkerMonth) {
            name = w.name
            per_node = w.perNode
            slo_p95_ms = w.slo.p95MS
            slo_p99_ms = w.slo.p99MS
            slo_rps_per_node = w.sloRPSPerNode
            rps_per_node = Quantiles(w.rpsPerNode)
            utilization = Quantiles(w.utilization)
            let band = w.p95LatencyMS
            (p95_ms_p10, p95_ms_p50, p95_ms_p90) = (band.p10, band.p50, band.p90)
            let saturated = [("p10", band.p10), ("p50", band.p50), ("p90", band.p90)].filter { $0.1 == nil }.map(\.0)
            saturated_at = saturated.isEmpty ? nil : saturated
            p_slo_breach = Probability(w.pSLOBreach)
            p_slo_breach_by = Probability(w.pSLOBreachBy)
            cpu_utilization = w.cpuUtilization.map(Quantiles.init)
            p_cpu_saturated = w.pCPUSaturated.map(Probability.init)
        }
    }

    struct Month: Encodable {
        var month: Int
        var date: String
        var rps: Quantiles
        var memory_mb: Quantiles
        var memory_p90_pct_usable: Double
        var p_warn: Probability
        var p_critical: Probability
        var p_oom: Probability
        var p_oom_by: Probability
        var status: String
        var status_reason: String
        /// Labels of the resources that decide the status.
        var status_resources: [String]
        var services: [Service]
        var pools: [Pool]
        /// The worker pools; absent without a `workers:` section.
        var workers: [Worker]?
    }

    struct Runway: Encodable {
        var warn_month: Int?
        var critical_month: Int?
        var usable_month: Int?
    }

    /// A crossing: the month and its calendar date, or null when not within the horizon.
    struct Crossing: Encodable {
        var month: Int
        var date: String
    }

    struct Crossings: Encodable {
        var warn: Crossing?
        var critical: Crossing?
        var limit: Crossing?
        var risk: Crossing?
    }

    struct ResourceMonth: Encodable {
        var month: Int
        var date: String
        var demand: Quantiles
        var level: Quantiles
        var p_warn: Probability
        var p_critical: Probability
        var p_fail: Probability
        var p_fail_by: Probability
        var status: String
    }

    struct Resource: Encodable {
        var kind: String
        var name: String
        var label: String
        var unit: String
        var capacity: Double
        var warn_level: Double
        var critical_level: Double
        var crossings: Crossings
        var months: [ResourceMonth]
    }

    var tool = "capacity"
    var version = CapacityVersion.current
    var command = "forecast"
    var model: String
    var seed: UInt64
    var paths: Int
    var threads: Int
    var precision_target: Double?
    var nodes: Int
    var usable_mb: Double
    var warn_mb: Double
    var critical_mb: Double
    var risk_level: Double
    /// The month the model's inputs describe and their age in months at month 1, when
    /// the forecast starts later (``InputsAge``); absent otherwise.
    var inputs_month: String?
    var inputs_age_months: Int?
    var notes: [String]
    var months: [Month]
    var runway: Runway
    /// Resource labels, first failure first.
    var verdict_order: [String]
    var verdict: [String]
    var resources: [Resource]
    /// The overrides the run used (`--set`); absent for the model file as it is.
    var overrides: [JSONOverride]?

    init(_ result: ForecastResult, reason: (MonthStatus) -> String, verdict lines: [String]) {
        model = result.modelName
        seed = result.options.seed
        paths = result.paths
        threads = result.options.threads
        precision_target = result.options.precision
        nodes = result.nodes
        usable_mb = result.usableMB
        warn_mb = result.warnMB
        critical_mb = result.criticalMB
        risk_level = result.risk
        inputs_month = InputsAgeNote.month(result.inputsAge)
        inputs_age_months = result.inputsAge?.months
        notes = InputsAgeNote.notes(ForecastNotes.all(risk: result.risk, workers: !result.workerNames.isEmpty), result.inputsAge)
        months = result.months.map { month in
            Month(month: month.month, date: month.date.description, rps: Quantiles(month.rps),
                  memory_mb: Quantiles(month.memoryMB), memory_p90_pct_usable: 100 * month.memoryMB.p90 / result.usableMB,
                  p_warn: Probability(month.pWarn), p_critical: Probability(month.pCritical),
                  p_oom: Probability(month.pOOM), p_oom_by: Probability(month.pOOMBy),
                  status: month.status.status.rawValue, status_reason: reason(month.status),
                  status_resources: month.status.deciding.map(\.label),
                  services: month.services.map { service in
                      Service(name: service.name, memory_mb: Quantiles(service.memoryMB), limit_mb: service.limitMB,
                              p90_pct_limit: service.limitMB.map { 100 * service.memoryMB.p90 / $0 },
                              p_over_limit: service.pOverLimit.map(Probability.init),
                              p_over_limit_by: service.pOverLimitBy.map(Probability.init))
                  },
                  pools: month.pools.map {
                      Pool(name: $0.name, offered_load: Quantiles($0.offeredLoad), utilization: Quantiles($0.utilization),
                           p_saturated: Probability($0.pSaturated), p_saturated_by: Probability($0.pSaturatedBy),
                           p_wait_p90: $0.pWaitP90)
                  },
                  workers: result.workerNames.isEmpty ? nil : month.workers.map(Worker.init))
        }
        let r = result.runway
        runway = Runway(warn_month: r.warn, critical_month: r.critical, usable_month: r.usable)
        verdict_order = result.verdict.map(\.resource.label)
        verdict = lines
        let dates = result.months.map(\.date.description)
        func crossing(_ month: Int?) -> Crossing? { month.map { Crossing(month: $0, date: dates[$0 - 1]) } }
        resources = result.resources.map { outlook in
            let resource = outlook.resource, c = outlook.crossings
            return Resource(
                kind: resource.kind.rawValue, name: resource.name, label: resource.label, unit: resource.unit,
                capacity: resource.capacity, warn_level: resource.levels.warn, critical_level: resource.levels.critical,
                crossings: Crossings(warn: crossing(c.warn), critical: crossing(c.critical), limit: crossing(c.limit),
                                     risk: crossing(c.risk)),
                months: outlook.months.enumerated().map { m, month in
                    ResourceMonth(month: m + 1, date: dates[m], demand: Quantiles(month.demand), level: Quantiles(month.level),
                                  p_warn: Probability(month.pWarn), p_critical: Probability(month.pCritical),
                                  p_fail: Probability(month.pFail), p_fail_by: Probability(month.pFailBy),
                                  status: ForecastStatus.of(month, levels: resource.levels, risk: result.risk).rawValue)
                })
        }
    }
}
