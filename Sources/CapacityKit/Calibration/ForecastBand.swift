import Foundation

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
