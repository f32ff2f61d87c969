import Foundation

/// The queries `capacity calibrate --prometheus-url` runs, and how a range is cut into
/// `/api/v1/query_range` requests.
public struct PrometheusQuery: Sendable, Equatable {
    /// The figure the query measures.
    public var metric: PrometheusExport.Metric?
    /// `memory.*`: one query whose series are split by this label, each value a service name.
    public var splitLabel: String?
    public var name: String
    public var promQL: String
    /// Given on the command line (an empty answer is then an error; a default's is a note).
    public var given: Bool

    public init(metric: PrometheusExport.Metric?, splitLabel: String? = nil, name: String, promQL: String, given: Bool) {
        self.metric = metric
        self.splitLabel = splitLabel
        self.name = name
        self.promQL = promQL
        self.given = given
    }

    /// The default queries: node_exporter's host memory per instance, cAdvisor's working set
    /// per container name (each name that is one of the model's services), and the request rate.
    ///
    ///     rps          sum(rate(http_requests_total[5m]))
    ///     host_memory  node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes
    ///     memory.*     sum by (container) (container_memory_working_set_bytes{container!="",container!="POD"})
    public static let defaults: [PrometheusQuery] = [
        PrometheusQuery(metric: .rps, name: "rps", promQL: "sum(rate(http_requests_total[5m]))", given: false),
        PrometheusQuery(metric: .hostMemory, name: "host_memory",
                        promQL: "node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes", given: false),
        PrometheusQuery(metric: nil, splitLabel: "container", name: "memory.*",
                        promQL: #"sum by (container) (container_memory_working_set_bytes{container!="",container!="POD"})"#,
                        given: false),
    ]

    /// The default queries with `given` (NAME=PROMQL, NAME a metric name or `memory.*`) in place of
    /// the defaults of the same name; a given `memory.<service>` takes that service out of `memory.*`.
    public static func queries(given: [PrometheusQuery]) -> [PrometheusQuery] {
        var result = defaults.filter { query in !given.contains { $0.name == query.name } }
        result += given
        return result
    }

    // MARK: - Durations

    /// Seconds of a Prometheus-style duration: a number and a unit `s`, `m`, `h`, `d`, `w`, `y`
    /// (365 d), or several (`1h30m`); nil for anything else. Months (`mo`) are calendar months
    /// and only a range takes them (``rangeStart(end:range:)``).
    public static func seconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400), ("w", 604_800), ("y", 31_536_000)]
        var rest = Substring(text), total = 0.0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber || $0 == "." }
            guard !digits.isEmpty, let value = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.0) && !(($0.0 == "m") && rest.hasPrefix("mo")) }) else { return nil }
            total += value * unit.1
            rest = rest.dropFirst(unit.0.count)
        }
        return total > 0 && total.isFinite ? total : nil
    }

    /// The start of a `range` (a duration, or `N mo` calendar months) ending at `end` (Unix seconds); nil when not a range.
    public static func rangeStart(end: Double, range: String) -> Double? {
        if range.hasSuffix("mo"), let months = Int(range.dropLast(2)), months > 0, months <= 1200 {
            let month = YearMonth.containing(unixSeconds: end)
            let offset = end - month.unixSeconds
            let back = month.adding(months: -months)
            return back.unixSeconds + min(offset, Double(back.dayCount * 86_400))
        }
        return seconds(range).map { end - $0 }
    }

    /// A duration in Prometheus' shortest form: 3600 → `1h`, 90 → `1m30s`.
    public static func duration(_ seconds: Double) -> String {
        var rest = seconds.rounded(), text = ""
        for (unit, size) in [("d", 86_400.0), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            let count = (rest / size).rounded(.down)
            text += "\(Int(count))\(unit)"
            rest -= count * size
        }
        return text.isEmpty ? "\(seconds)s" : text
    }

    // MARK: - Windows

    /// Prometheus refuses a range query of more than 11,000 points per series.
    public static let maximumPoints = 11_000

    /// The evaluation grid from `start` to `end` at `step` cut into requests of at most
    /// `maximumPoints` points: start and end are aligned down to multiples of `step` (whole days
    /// at a 1d step fall on midnight UTC), and window k covers
    ///
    ///     [s + k·P·step, min(e, s + ((k+1)·P − 1)·step)]      P = maximumPoints
    ///
    /// so no timestamp is asked twice. Complexity O(points / P).
    public static func windows(start: Double, end: Double, step: Double,
                               maximumPoints: Int = maximumPoints) -> [(start: Double, end: Double)] {
        let first = (start / step).rounded(.up) * step
        let last = (end / step).rounded(.down) * step
        guard last >= first else { return [] }
        let points = Int(((last - first) / step).rounded()) + 1
        return stride(from: 0, to: points, by: maximumPoints).map { k in
            (first + Double(k) * step, first + Double(min(points, k + maximumPoints) - 1) * step)
        }
    }
}
