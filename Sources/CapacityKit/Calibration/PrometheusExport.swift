import Foundation

/// A saved Prometheus HTTP API `query_range` response
/// (https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries):
///
///     {"status": "success",
///      "data": {"resultType": "matrix",
///               "result": [{"metric": {…}, "values": [[1719792000, "12.5"], [1719792060.5, "13"], …]}, …]}}
///
/// Timestamps are Unix seconds (fractions allowed); values are strings. Several
/// series are summed at each timestamp (the series present there); `"NaN"`,
/// `"+Inf"`, `"-Inf"` are skipped and counted, and so are gaps (a series'
/// missing steps, the step being the smallest spacing of any series).
/// Memory comes in bytes (as cAdvisor's `container_memory_working_set_bytes`)
/// and is converted to MB (10⁶ bytes).
public struct PrometheusExport: Sendable, Equatable {
    /// What an export measures: `rps`, `host_memory`, `memory.<service>`, `connections.<pool>`.
    public enum Metric: Sendable, Equatable, CustomStringConvertible {
        case rps
        case hostMemory
        case memory(service: String)
        case connections(pool: String)

        /// The metric for `name`, checked against the model's services and pools.
        public static func named(_ name: String, model: Model) -> Metric? {
            if name == "rps" { return .rps }
            if name == "host_memory" { return .hostMemory }
            if name.hasPrefix("memory."), model.services.contains(where: { "memory.\($0.name)" == name }) {
                return .memory(service: String(name.dropFirst(7)))
            }
            if name.hasPrefix("connections."), model.pools.contains(where: { "connections.\($0.name)" == name }) {
                return .connections(pool: String(name.dropFirst(12)))
            }
            return nil
        }

        /// Every name the model allows, for hints.
        public static func names(for model: Model) -> [String] {
            ["rps", "host_memory"] + model.services.map { "memory.\($0.name)" } + model.pools.map { "connections.\($0.name)" }
        }

        public var description: String {
            switch self {
            case .rps: "rps"
            case .hostMemory: "host_memory"
            case .memory(let service): "memory.\(service)"
            case .connections(let pool): "connections.\(pool)"
            }
        }

        /// Bytes → MB for memory; others as they are.
        var scale: Double {
            switch self {
            case .hostMemory, .memory: 1e-6
            case .rps, .connections: 1
            }
        }
    }

    public var source: String
    public var metric: Metric
    /// Summed samples in time order: (Unix seconds, value in the metric's unit).
    public var samples: [(time: Double, value: Double)]
    public var seriesCount: Int
    /// Values "NaN", "+Inf", "-Inf" skipped.
    public var skippedValues: Int
    /// Missing steps inside the series.
    public var gaps: Int

    public static func == (lhs: PrometheusExport, rhs: PrometheusExport) -> Bool {
        lhs.source == rhs.source && lhs.metric == rhs.metric && lhs.seriesCount == rhs.seriesCount
            && lhs.skippedValues == rhs.skippedValues && lhs.gaps == rhs.gaps
            && lhs.samples.map(\.time) == rhs.samples.map(\.time) && lhs.samples.map(\.value) == rhs.samples.map(\.value)
    }

    /// Parses the response text of `file`.
    public static func parse(_ text: String, file: String, metric: Metric) throws(DataFileError) -> PrometheusExport {
        func invalid(_ message: String, hint: String? = nil) -> DataFileError {
            DataFileError(file: file, message: message, hint: hint)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw invalid("not a complete JSON document (truncated or not JSON)",
                          hint: "save the whole response of /api/v1/query_range")
        }
        guard let top = object as? [String: Any] else { throw invalid("expected a JSON object with \"status\" and \"data\"") }
        if let status = top["status"] as? String, status != "success" {
            let kind = top["errorType"] as? String ?? "unknown"
            let message = top["error"] as? String ?? "no message"
            throw invalid("Prometheus answered status \"\(status)\" (\(kind): \(message))", hint: "fix the query and save the response again")
        }
        guard top["status"] as? String == "success", let data = top["data"] as? [String: Any] else {
            throw invalid("expected \"status\": \"success\" and a \"data\" object")
        }
        guard data["resultType"] as? String == "matrix", let result = data["result"] as? [[String: Any]] else {
            throw invalid("expected \"resultType\": \"matrix\" (a query_range response); got \(data["resultType"].map { "\"\($0)\"" } ?? "none")",
                          hint: "use /api/v1/query_range, not /api/v1/query")
        }
        guard !result.isEmpty else { throw invalid("the response holds no series", hint: "check the query's label matchers") }
        var series: [[(time: Double, value: Double)]] = []
        var stamps: [[Double]] = []  // every sample's time, NaN/Inf included, for the gaps
        var skipped = 0
        for (index, entry) in result.enumerated() {
            guard let values = entry["values"] as? [[Any]] else { throw invalid("series \(index + 1) has no \"values\" list") }
            var points: [(time: Double, value: Double)] = []
            var times: [Double] = []
            for pair in values {
                guard pair.count == 2, let time = (pair[0] as? NSNumber)?.doubleValue, time.isFinite,
                      let text = pair[1] as? String else {
                    throw invalid("series \(index + 1) has a sample that is not [unix_seconds, \"value\"]")
                }
                guard let value = Double(text) else {
                    throw invalid("series \(index + 1) has the value \"\(text)\", not a number")
                }
                times.append(time)
                guard value.isFinite else { skipped += 1; continue }
                points.append((time, value * metric.scale))
            }
            series.append(points)
            stamps.append(times.sorted())
        }
        let spacings = stamps.flatMap { s in zip(s.dropFirst(), s).map { $0 - $1 } }.filter { $0 > 0 }
        var gaps = 0
        if let step = spacings.min() {
            for s in stamps {
                for (next, previous) in zip(s.dropFirst(), s) { gaps += max(0, Int(((next - previous) / step).rounded()) - 1) }
            }
        }
        var sums: [Double: Double] = [:]
        for s in series { for point in s { sums[point.time, default: 0] += point.value } }
        let samples = sums.keys.sorted().map { (time: $0, value: sums[$0]!) }
        guard !samples.isEmpty else { throw invalid("every sample is NaN or infinite") }
        return PrometheusExport(source: file, metric: metric, samples: samples, seriesCount: series.count,
                                skippedValues: skipped, gaps: gaps)
    }

    /// Monthly average and peak (maximum) of the samples, by UTC calendar month.
    public func monthly() -> [YearMonth: (average: Double, peak: Double)] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var sums: [YearMonth: (total: Double, count: Int, peak: Double)] = [:]
        for sample in samples {
            let parts = calendar.dateComponents([.year, .month], from: Date(timeIntervalSince1970: sample.time))
            let month = YearMonth(year: parts.year!, month: parts.month!)
            let old = sums[month] ?? (0, 0, -Double.infinity)
            sums[month] = (old.total + sample.value, old.count + 1, max(old.peak, sample.value))
        }
        return sums.mapValues { (average: $0.total / Double($0.count), peak: $0.peak) }
    }
}

extension MonthlyHistory {
    /// A monthly history from Prometheus exports: months from the `rps` export (required):
    /// rps_avg its monthly mean, rps_peak its monthly maximum; host, service memory and
    /// connections their monthly maximum. Counts of skipped values and gaps go to ``notes``.
    public static func combining(_ exports: [PrometheusExport]) throws(DataFileError) -> MonthlyHistory {
        guard let rps = exports.first(where: { $0.metric == .rps }) else {
            throw DataFileError(file: exports.first?.source ?? "--prometheus", message: "Prometheus data need the request rate",
                                hint: "add --prometheus rps=FILE")
        }
        let traffic = rps.monthly()
        let first = traffic.keys.min()!, last = traffic.keys.max()!
        let count = Calibration.monthsBetween(first, last) + 1
        let months = (0..<count).map { first.adding(months: $0) }
        var average: [Double] = [], peak: [Double?] = []
        for month in months {
            guard let figures = traffic[month], figures.average >= 1e-6 else {
                throw DataFileError(file: rps.source, message: "no request rate above 0 in \(month), between \(first) and \(last)",
                                    hint: "export a range without missing months")
            }
            average.append(figures.average)
            peak.append(figures.peak)
        }
        func column(_ export: PrometheusExport) throws(DataFileError) -> [Double?] {
            let figures = export.monthly()
            let rule: NumberRule = export.metric == .rps ? .requestRate
                : { if case .connections = export.metric { return .connectionCount } else { return .memoryMB } }()
            for month in months {
                if let figure = figures[month], !rule.test(figure.average) || !rule.test(figure.peak) {
                    throw DataFileError(file: export.source, message: "\(export.metric) in \(month) must be \(rule.allowed); got \(NumberFormat.short(figure.peak, digits: 6))",
                                        hint: "check the query's unit (memory in bytes, rps in requests/s)")
                }
            }
            return months.map { figures[$0]?.peak }
        }
        _ = try column(rps)
        var history = MonthlyHistory(source: exports.map(\.source).joined(separator: " + "), months: months,
                                     rpsAverage: average, rpsPeak: peak)
        for export in exports {
            switch export.metric {
            case .rps: break
            case .hostMemory: history.hostMemoryMB = try column(export)
            case .memory(let service): history.serviceMemoryMB[service] = try column(export)
            case .connections(let pool): history.connections[pool] = try column(export)
            }
            if export.skippedValues > 0 || export.gaps > 0 {
                history.notes.append("\(export.source) (\(export.metric)): \(export.samples.count) samples from \(export.seriesCount) series; \(export.skippedValues) NaN/Inf values and \(export.gaps) gaps skipped")
            }
        }
        return history
    }
}
