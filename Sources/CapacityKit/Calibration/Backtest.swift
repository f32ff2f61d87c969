/// Backtests: how far to trust a forecast, from the months it had to guess.
///
/// ``Backtest/holdOut(_:history:loadTest:months:options:)`` holds out the last
/// K months of a history, calibrates on the rest (``Calibration``), forecasts
/// from the last calibration month (``MemoryForecast``) and scores the held-out
/// months; ``Backtest/score(_:against:description:)`` scores any forecast
/// against the months of a history it covers.
public enum Backtest {
    /// Calibrates on all but the last `months` months of `history` and scores the forecast of those months.
    ///
    /// The forecast starts at the last calibration month (month 1, at that month's rps_avg), so
    /// held-out month j is forecast month j + 1.
    ///
    /// - Throws: ``CalibrationError`` when fewer than 3 months are left to calibrate on,
    ///   ``ModelError`` when the calibrated model breaks a model rule, ``ForecastError``.
    public static func holdOut(_ model: Model, history: MonthlyHistory, loadTest: LoadTest?, months k: Int,
                               options: ForecastOptions) throws -> BacktestResult {
        let training = history.count - k
        guard k >= 1, training >= 3 else {
            throw CalibrationError("--backtest \(k): \(history.source) has \(history.count) months; holding out \(k) leaves \(max(0, training)), and calibration needs at least 3 (hold out 1…\(max(1, history.count - 3)))")
        }
        let calibration = try Calibration.run(model, history: history.prefix(training), loadTest: loadTest)
        var calibrated = calibration.model
        calibrated.start = history.months[training - 1]
        calibrated.traffic.rps = history.rpsAverage[training - 1]
        var forecastOptions = options
        forecastOptions.months = k + 1
        let forecast = try MemoryForecast.run(try ValidatedModel(calibrated), options: forecastOptions)
        let actual = history.slice(training..<history.count)
        return score(forecast, against: actual, description: "the last \(k) month\(k == 1 ? "" : "s") of \(history.source), calibrated on the \(training) before")
    }

    /// Scores `forecast` on the months of `history` it covers: rps (monthly average), host
    /// memory and each service's memory (at the peak), where the history has them.
    public static func score(_ forecast: ForecastResult, against history: MonthlyHistory,
                             description: String) -> BacktestResult {
        let byDate = Dictionary(forecast.months.map { ($0.date, $0) }, uniquingKeysWith: { first, _ in first })
        let matched = history.months.indices.compactMap { t in byDate[history.months[t]].map { (t, $0) } }
        var scores: [BacktestScore] = []
        func add(_ series: String, _ unit: String, _ value: (Int) -> Double?, _ percentiles: (MonthForecast) -> Percentiles?) {
            let rows = matched.compactMap { t, month in value(t).flatMap { y in percentiles(month).map { (y, $0) } } }
            guard !rows.isEmpty else { return }
            scores.append(BacktestScore(series: series, unit: unit, actual: rows.map(\.0), p10: rows.map(\.1.p10),
                                        p50: rows.map(\.1.p50), p90: rows.map(\.1.p90)))
        }
        add("rps", "rps", { history.rpsAverage[$0] }, \.rps)
        add("host memory", "MB", { history.hostMemoryMB[$0] }, \.memoryMB)
        for name in forecast.serviceNames {
            add("\(name) memory", "MB", { history.serviceMemoryMB[name]?[$0] ?? nil },
                { month in month.services.first { $0.name == name }?.memoryMB })
        }
        return BacktestResult(description: description, months: matched.map { history.months[$0.0] }, scores: scores,
                              seed: forecast.options.seed, paths: forecast.paths)
    }
}
