/// The JSON form of backtest scores.
struct BacktestDocument: Encodable {
    struct Score: Encodable {
        var series: String
        var unit: String
        var months: Int
        var coverage_p10_p90: Double
        var p50_error: Double
        var pinball_p10: Double
        var pinball_p50: Double
        var pinball_p90: Double
    }

    var tool = "capacity"
    var version = CapacityVersion.current
    var command = "backtest"
    var description: String
    var months: [String]
    var seed: UInt64
    var paths: Int
    var scores: [Score]

    init(_ result: BacktestResult) {
        description = result.description
        months = result.months.map(\.description)
        seed = result.seed
        paths = result.paths
        scores = result.scores.map {
            Score(series: $0.series, unit: $0.unit, months: $0.count, coverage_p10_p90: $0.coverage, p50_error: $0.p50Error,
                  pinball_p10: $0.pinball[0], pinball_p50: $0.pinball[1], pinball_p90: $0.pinball[2])
        }
    }
}
