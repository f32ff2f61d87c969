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

/// A forecast's P10, P50 and P90 of one series in one calendar month:
/// `rps` (monthly average), `host memory` or `<service> memory` (MB at the peak).
public struct ForecastBand: Sendable, Equatable {
    public var date: YearMonth
    public var series: String
    public var p10: Double
    public var p50: Double
    public var p90: Double

    public init(date: YearMonth, series: String, p10: Double, p50: Double, p90: Double) {
        self.date = date
        self.series = series
        self.p10 = p10
        self.p50 = p50
        self.p90 = p90
    }

    /// The bands of every month of a forecast.
    static func bands(of forecast: ForecastResult) -> [ForecastBand] {
        forecast.months.flatMap { month in
            [ForecastBand(date: month.date, series: "rps", p10: month.rps.p10, p50: month.rps.p50, p90: month.rps.p90),
             ForecastBand(date: month.date, series: "host memory", p10: month.memoryMB.p10, p50: month.memoryMB.p50,
                          p90: month.memoryMB.p90)]
                + month.services.map {
                    ForecastBand(date: month.date, series: "\($0.name) memory", p10: $0.memoryMB.p10, p50: $0.memoryMB.p50,
                                 p90: $0.memoryMB.p90)
                }
        }
    }

    /// The bands of a forecast saved with `capacity forecast --format json`.
    /// Returns them with the run's seed and paths.
    public static func read(json text: String, file: String) throws(DataFileError)
        -> (bands: [ForecastBand], seed: UInt64, paths: Int) {
        func invalid(_ message: String) -> DataFileError {
            DataFileError(file: file, message: message, hint: "give a file written by `capacity forecast --format json`")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw invalid("not a complete JSON object (truncated or not JSON)")
        }
        guard object["command"] as? String == "forecast", let months = object["months"] as? [[String: Any]] else {
            throw invalid("not a saved forecast (no \"command\": \"forecast\" with \"months\")")
        }
        func band(_ date: YearMonth, _ series: String, _ value: Any?) throws(DataFileError) -> ForecastBand {
            guard let quantiles = value as? [String: Any], let p50 = (quantiles["p50"] as? NSNumber)?.doubleValue,
                  let p90 = (quantiles["p90"] as? NSNumber)?.doubleValue else {
                throw invalid("month \(date): `\(series)` has no p50 and p90")
            }
            guard let p10 = (quantiles["p10"] as? NSNumber)?.doubleValue else {
                throw invalid("month \(date): `\(series)` has no p10 (saved by an older capacity); run the forecast again")
            }
            return ForecastBand(date: date, series: series, p10: p10, p50: p50, p90: p90)
        }
        var bands: [ForecastBand] = []
        for month in months {
            guard let text = month["date"] as? String, let date = YearMonth(parsing: text) else {
                throw invalid("a month has no `date` YYYY-MM")
            }
            bands.append(try band(date, "rps", month["rps"]))
            bands.append(try band(date, "host memory", month["memory_mb"]))
            for service in month["services"] as? [[String: Any]] ?? [] {
                guard let name = service["name"] as? String else { throw invalid("month \(date): a service has no name") }
                bands.append(try band(date, "\(name) memory", service["memory_mb"]))
            }
        }
        let seed = (object["seed"] as? NSNumber)?.uint64Value ?? 0
        let paths = (object["paths"] as? NSNumber)?.intValue ?? 0
        return (bands, seed, paths)
    }
}

import Foundation
