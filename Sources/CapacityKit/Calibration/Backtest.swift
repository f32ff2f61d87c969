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
    /// - Throws: ``CalibrationError`` when fewer than 4 months are left to calibrate on,
    ///   ``ModelError`` when the calibrated model breaks a model rule, ``ForecastError``.
    public static func holdOut(_ validated: ValidatedModel, history: MonthlyHistory, loadTest: LoadTest?, months k: Int,
                               options: ForecastOptions) throws -> BacktestResult {
        let training = history.count - k
        let fewest = Calibration.fewestGrowthMonths
        guard history.count > fewest else {
            throw CalibrationError("--backtest \(k): \(history.source) has \(history.count) month\(history.count == 1 ? "" : "s"); a backtest needs at least \(fewest + 1) (\(fewest) to calibrate on, 1 to hold out)")
        }
        guard k >= 1, training >= fewest else {
            throw CalibrationError("--backtest \(k): \(history.source) has \(history.count) months; holding out \(k) leaves \(max(0, training)), and calibration needs at least \(fewest) (hold out 1…\(max(1, history.count - fewest)))")
        }
        let calibration = try Calibration.run(validated, history: history.prefix(training), loadTest: loadTest)
        var calibrated = calibration.model.describing(history.months[training - 1])
        calibrated.traffic.rps = history.rpsAverage[training - 1]
        var forecastOptions = options
        forecastOptions.months = k + 1
        let forecast = try MemoryForecast.run(try ValidatedModel(calibrated), options: forecastOptions)
        let actual = history.slice(training..<history.count)
        return score(forecast, against: actual, description: "the last \(k) month\(k == 1 ? "" : "s") of \(history.source), calibrated on the \(training) before")
    }

    /// Scores `forecast` on the months of `history` it covers.
    public static func score(_ forecast: ForecastResult, against history: MonthlyHistory,
                             description: String) -> BacktestResult {
        score(ForecastBand.bands(of: forecast), against: history, description: description,
              seed: forecast.options.seed, paths: forecast.paths)
    }

    /// Scores forecast bands on the months of `history` they cover: rps (monthly average),
    /// host memory and each service's memory (at the peak), where the history has them.
    public static func score(_ bands: [ForecastBand], against history: MonthlyHistory, description: String,
                             seed: UInt64, paths: Int) -> BacktestResult {
        var series: [String] = []
        var byKey: [String: ForecastBand] = [:]
        for band in bands {
            if !series.contains(band.series) { series.append(band.series) }
            byKey["\(band.series) \(band.date)"] = band
        }
        func actual(_ name: String, _ t: Int) -> Double? {
            if name == "rps" { return history.rpsAverage[t] }
            if name == "host memory" { return history.hostMemoryMB[t] }
            return history.serviceMemoryMB[String(name.dropLast(" memory".count))]?[t] ?? nil
        }
        var scores: [BacktestScore] = []
        var scored: Set<YearMonth> = []
        for name in series {
            let rows = history.months.indices.compactMap { t in
                actual(name, t).flatMap { y in byKey["\(name) \(history.months[t])"].map { (t, y, $0) } }
            }
            guard !rows.isEmpty else { continue }
            for row in rows { scored.insert(history.months[row.0]) }
            scores.append(BacktestScore(series: name, unit: name == "rps" ? "rps" : "MB", actual: rows.map(\.1),
                                        p10: rows.map(\.2.p10), p50: rows.map(\.2.p50), p90: rows.map(\.2.p90)))
        }
        return BacktestResult(description: description, months: scored.sorted(), scores: scores, seed: seed, paths: paths)
    }
}
