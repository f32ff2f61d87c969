/// The JSON form of the model form of `capacity pools` (``PoolForecast``):
/// stable snake_case keys, numbers at full precision, every Monte Carlo
/// probability with its standard error (or its 95 % bound when no path or every
/// path hits), percentiles with theirs, and what repeats the run.
struct PoolForecastDocument: Encodable {
    struct Load: Encodable {
        var p50: Double
        var p90: Double
        var p50_se: Double
        var p90_se: Double

        init(_ percentiles: Percentiles) {
            p50 = percentiles.p50
            p90 = percentiles.p90
            p50_se = percentiles.p50StandardError
            p90_se = percentiles.p90StandardError
        }
    }

    struct Month: Encodable {
        var month: Int
        var date: String
        var offered_load: Load
        var utilization: Load
        var p_wait_p50: Double
        var p_wait_p90: Double
        var mean_wait_ms_p90: Double
        var mean_wait_served_ms_p90: Double
        var timeout_share_p90: Double
        var p_wait_over_wait_ms_p90: Double
        var p_saturated: JSONProbability
        var p_saturated_by: JSONProbability
        var p_timeout_share_over_0_1pct: JSONProbability
        var recommended_size: Int?
        var pgbouncer_pool_size: Int?
        var connections_needed: Int?
    }

    struct Pool: Encodable {
        var name: String
        var service: String
        var server: String
        var connections: Int
        var timeout_threshold_load: Double?
        var client_connections: Int
        var server_connections: Int
        var connections_budget: Int
        var connections_headroom: Int
        var budget_broken: Bool
        var server_headroom: Int
        var months: [Month]
        var sizing: PoolsDocument.Sizing
    }

    var tool = "capacity"
    var version = CapacityVersion.current
    var command = "pools"
    var model: String
    var seed: UInt64
    var paths: Int
    var threads: Int
    var months: Int
    var wait_ms: Double
    var target: Double
    var sizing_month: Int
    var pools: [Pool]
    var verdict: [String]
    /// The month the model's inputs describe and their age at month 1 (``InputsAge``); absent when they describe month 1.
    var inputs_month: String?
    var inputs_age_months: Int?
    /// What the figures mean; first, when the inputs are older than month 1, their age.
    var notes: [String]
    /// The overrides the run used (`--set`); absent for the model file as it is.
    var overrides: [JSONOverride]?

    init(_ forecast: PoolForecast, verdict: [String], notes: [String]) {
        model = forecast.modelName
        seed = forecast.options.seed
        paths = forecast.paths
        threads = forecast.options.threads
        months = forecast.options.months
        wait_ms = forecast.waitMS
        target = forecast.target
        sizing_month = forecast.sizingMonth
        let wait = forecast.waitMS
        pools = forecast.pools.map { outlook in
            let entry = forecast.budget.pools.first { $0.name == outlook.pool.name }!
            let server = forecast.budget.server(of: outlook.pool.name)!
            let months = outlook.months.map { m in
                Month(month: m.month, date: m.date.description, offered_load: Load(m.offeredLoad),
                      utilization: Load(m.utilization), p_wait_p50: m.atP50.pWait, p_wait_p90: m.atP90.pWait,
                      mean_wait_ms_p90: m.atP90.meanWaitMS, mean_wait_served_ms_p90: m.atP90.meanWaitServedMS,
                      timeout_share_p90: m.atP90.timeoutShare,
                      p_wait_over_wait_ms_p90: m.atP90.pWaitOrTimeout(longerThanMS: wait),
                      p_saturated: JSONProbability(m.pSaturated), p_saturated_by: JSONProbability(m.pSaturatedBy),
                      p_timeout_share_over_0_1pct: JSONProbability(m.pTimeoutShareOver),
                      recommended_size: m.sizing.recommendedSize, pgbouncer_pool_size: m.sizing.pgbouncerPoolSize,
                      connections_needed: m.sizing.connectionsNeeded)
            }
            let sizing = outlook.months[forecast.sizingMonth - 1].sizing
            return Pool(name: outlook.pool.name, service: outlook.pool.service, server: server.name,
                        connections: outlook.connections,
                        timeout_threshold_load: outlook.timeoutThresholdLoad.isFinite ? outlook.timeoutThresholdLoad : nil,
                        client_connections: entry.clientConnections, server_connections: entry.serverConnections,
                        connections_budget: entry.budget, connections_headroom: entry.headroom,
                        budget_broken: entry.isBroken || server.isBroken, server_headroom: server.headroom,
                        months: months, sizing: PoolsDocument.Sizing(sizing, waitMS: wait))
        }
        self.verdict = verdict
        inputs_month = InputsAgeNote.month(forecast.inputsAge)
        inputs_age_months = forecast.inputsAge?.months
        self.notes = InputsAgeNote.notes(notes, forecast.inputsAge)
    }
}
