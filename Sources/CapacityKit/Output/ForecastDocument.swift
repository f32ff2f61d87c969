/// The JSON form of a forecast: stable snake_case keys, numbers at full
/// precision, every probability with its Monte Carlo standard error, and what
/// it takes to repeat the run (model, seed, paths, threads, tool version).
struct ForecastDocument: Encodable {
    typealias Probability = JSONProbability

    struct Quantiles: Encodable {
        var p50: Double
        var p90: Double
        var p99: Double

        init(_ percentiles: Percentiles) {
            p50 = percentiles.p50
            p90 = percentiles.p90
            p99 = percentiles.p99
        }
    }

    struct Service: Encodable {
        var name: String
        var memory_mb: Quantiles
        var p_over_limit: Probability?
    }

    struct Pool: Encodable {
        var name: String
        var utilization: Quantiles
        var p_saturated: Probability
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
        var services: [Service]
        var pools: [Pool]
    }

    struct Runway: Encodable {
        var warn_month: Int?
        var critical_month: Int?
        var usable_month: Int?
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
    var months: [Month]
    var runway: Runway

    init(_ result: ForecastResult) {
        model = result.modelName
        seed = result.options.seed
        paths = result.paths
        threads = result.options.threads
        precision_target = result.options.precision
        nodes = result.nodes
        usable_mb = result.usableMB
        warn_mb = result.warnMB
        critical_mb = result.criticalMB
        months = result.months.map { month in
            Month(month: month.month, date: month.date.description, rps: Quantiles(month.rps),
                  memory_mb: Quantiles(month.memoryMB), memory_p90_pct_usable: 100 * month.memoryMB.p90 / result.usableMB,
                  p_warn: Probability(month.pWarn), p_critical: Probability(month.pCritical),
                  p_oom: Probability(month.pOOM), p_oom_by: Probability(month.pOOMBy), status: month.status.rawValue,
                  services: month.services.map {
                      Service(name: $0.name, memory_mb: Quantiles($0.memoryMB), p_over_limit: $0.pOverLimit.map(Probability.init))
                  },
                  pools: month.pools.map {
                      Pool(name: $0.name, utilization: Quantiles($0.utilization), p_saturated: Probability($0.pSaturated))
                  })
        }
        let r = result.runway
        runway = Runway(warn_month: r.warn, critical_month: r.critical, usable_month: r.usable)
    }
}
