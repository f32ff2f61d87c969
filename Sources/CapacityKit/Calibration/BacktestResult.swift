/// How well a forecast's bands held up against what happened: one score per
/// series (rps, host memory, each service's memory).
public struct BacktestResult: Sendable, Equatable {
    /// What was scored, for headlines: "the last 6 months of history.csv", "forecast.json".
    public var description: String
    /// Months scored.
    public var months: [YearMonth]
    public var scores: [BacktestScore]
    /// The forecast's seed and paths (for repeating it).
    public var seed: UInt64
    public var paths: Int
}

/// One series' score over the months it has actuals for:
///
///     coverage  = share of actuals y with P10 ≤ y ≤ P90             (80 % for honest bands)
///     p50 error = mean of (P50 − y) / y                              (signed: > 0 forecast too high)
///     pinball_τ = mean of max(τ (y − q_τ), (τ − 1)(y − q_τ)),  τ ∈ {0.1, 0.5, 0.9}
///
/// The pinball (quantile) loss is in the series' unit; lower is better and
/// pinball₀.₅ is half the mean absolute error of the P50 (Gneiting & Raftery,
/// "Strictly proper scoring rules", JASA 102, 2007, §6.2; Koenker & Bassett 1978).
public struct BacktestScore: Sendable, Equatable {
    /// "rps", "host memory", "api memory".
    public var series: String
    /// "rps" or "MB".
    public var unit: String
    public var count: Int
    public var coverage: Double
    public var p50Error: Double
    /// Mean pinball loss at τ = 0.1, 0.5, 0.9.
    public var pinball: [Double]

    /// Scores actuals `y` against the forecast quantiles (P10, P50, P90) of the same months.
    public init(series: String, unit: String, actual y: [Double], p10: [Double], p50: [Double], p90: [Double]) {
        precondition(!y.isEmpty && [p10.count, p50.count, p90.count].allSatisfy { $0 == y.count },
                     "BacktestScore needs one P10, P50, P90 per actual")
        self.series = series
        self.unit = unit
        count = y.count
        let n = Double(y.count)
        coverage = Double(y.indices.filter { p10[$0] <= y[$0] && y[$0] <= p90[$0] }.count) / n
        p50Error = y.indices.reduce(0) { $0 + (p50[$1] - y[$1]) / y[$1] } / n
        pinball = zip([0.1, 0.5, 0.9], [p10, p50, p90]).map { tau, q in
            y.indices.reduce(0) { $0 + Self.pinball(tau, actual: y[$1], quantile: q[$1]) } / n
        }
    }

    /// max(τ (y − q), (τ − 1)(y − q)).
    static func pinball(_ tau: Double, actual y: Double, quantile q: Double) -> Double {
        max(tau * (y - q), (tau - 1) * (y - q))
    }
}
