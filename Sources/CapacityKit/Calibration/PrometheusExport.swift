import Foundation

/// A Prometheus HTTP API `query_range` response, read from a saved file, standard input
/// or the server itself (https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries):
///
///     {"status": "success",
///      "data": {"resultType": "matrix",
///               "result": [{"metric": {…}, "values": [[1719792000, "12.5"], [1719792060.5, "13"], …]}, …]}}
///
/// Timestamps are Unix seconds (fractions allowed); values are strings. The response is
/// streamed (``PrometheusResponseReader``): what is kept is, per timestamp, the sum of the
/// series present there and how many they are, so memory grows with the number of
/// distinct timestamps (one year at a 1-minute step: 525,600, about 30 MB), never with the
/// file's size or its number of series. `"NaN"`, `"+Inf"`, `"-Inf"` are skipped and counted,
/// and so are gaps (a series' missing steps, the step being the query's or else the smallest
/// spacing of any series). Memory comes in bytes (as cAdvisor's
/// `container_memory_working_set_bytes`) and is converted to MB (10⁶ bytes).
public struct PrometheusExport: Sendable, Equatable {
    /// What an export measures: `rps`, `host_memory`, `memory.<service>`, `connections.<pool>`.
    public enum Metric: Sendable, Equatable, Hashable, CustomStringConvertible {
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

        /// The figure at one timestamp from the `sum` of the `count` series present there, on a
        /// model of `nodes` nodes:
        ///
        ///     rps, connections:  sum                 (all nodes; the model's units)
        ///     host_memory:       sum / count         (per node: the mean over the instances reporting)
        ///     memory.<service>:  sum / nodes         (per node: the service's containers on all nodes)
        public func aggregate(sum: Double, count: Int, nodes: Int) -> Double {
            switch self {
            case .rps, .connections: sum
            case .hostMemory: sum / Double(max(1, count))
            case .memory: sum / Double(max(1, nodes))
            }
        }

        /// How ``aggregate(sum:count:nodes:)`` combines several series, in words.
        public var aggregation: String {
            switch self {
            case .rps, .connections: "summed"
            case .hostMemory: "averaged over the instances reporting at each step: memory per node"
            case .memory: "summed, divided by the model's nodes: memory per node"
            }
        }
    }

    public var source: String
    public var metric: Metric
    /// Summed samples in time order: (Unix seconds, value in the metric's unit).
    public var samples: [(time: Double, value: Double)]
    /// How many series have a finite value at each of ``samples``' timestamps.
    public var counts: [Int]
    public var seriesCount: Int
    /// Each series' labels, in the response's order.
    public var labels: [[String: String]]
    /// Values "NaN", "+Inf", "-Inf" skipped.
    public var skippedValues: Int
    /// Missing steps inside the series.
    public var gaps: Int
    /// The query's step in seconds (given, or the smallest spacing of any series); nil with one timestamp.
    public var step: Double?
    /// The response's `warnings` (e.g. a partial response from a federated store).
    public var warnings: [String]
    /// The PromQL query, when the tool ran it.
    public var query: String?

    public init(source: String, metric: Metric, samples: [(time: Double, value: Double)], counts: [Int]? = nil,
                seriesCount: Int, labels: [[String: String]] = [], skippedValues: Int = 0, gaps: Int = 0,
                step: Double? = nil, warnings: [String] = [], query: String? = nil) {
        self.source = source
        self.metric = metric
        self.samples = samples
        self.counts = counts ?? Array(repeating: 1, count: samples.count)
        self.seriesCount = seriesCount
        self.labels = labels
        self.skippedValues = skippedValues
        self.gaps = gaps
        self.step = step
        self.warnings = warnings
        self.query = query
    }

    public static func == (lhs: PrometheusExport, rhs: PrometheusExport) -> Bool {
        lhs.source == rhs.source && lhs.metric == rhs.metric && lhs.seriesCount == rhs.seriesCount
            && lhs.skippedValues == rhs.skippedValues && lhs.gaps == rhs.gaps && lhs.counts == rhs.counts
            && lhs.samples.map(\.time) == rhs.samples.map(\.time) && lhs.samples.map(\.value) == rhs.samples.map(\.value)
            && lhs.step == rhs.step && lhs.warnings == rhs.warnings && lhs.query == rhs.query && lhs.labels == rhs.labels
    }

    /// Parses the response text of `file`.
    public static func parse(_ text: String, file: String, metric: Metric) throws(DataFileError) -> PrometheusExport {
        var sent = false
        let data = Data(text.utf8)
        return try read(file: file, metric: metric) { () -> Data? in
            if sent { return nil }
            sent = true
            return data
        }
    }

    /// Streams the response at `path` (`-`: standard input) in 64 KiB chunks.
    public static func read(path: String, metric: Metric) throws(DataFileError) -> PrometheusExport {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw DataFileError(.missing, file: path, message: "no such file")
            }
            guard !isDirectory.boolValue, let opened = FileHandle(forReadingAtPath: path) else {
                throw DataFileError(.missing, file: path, message: "cannot read the file")
            }
            handle = opened
        }
        defer { if path != "-" { try? handle.close() } }
        return try read(file: path == "-" ? "standard input" : path, metric: metric) {
            (try? handle.read(upToCount: 1 << 16)) ?? nil
        }
    }

    /// Reads a response from `chunks` (called until it returns nil or empty data).
    static func read(file: String, metric: Metric, step: Double? = nil, query: String? = nil,
                     chunks: @escaping () -> Data?) throws(DataFileError) -> PrometheusExport {
        let accumulator = Accumulator()
        let summary = try readSummary(file: file, chunks: chunks) { _ in accumulator }
        return try accumulator.export(source: file, metric: metric, step: step, warnings: summary.warnings, query: query)
    }

    /// Reads a response from `chunks`, each series going to the accumulator `route` gives for its labels.
    static func readSummary(file: String, chunks: @escaping () -> Data?,
                            route: ([String: String]) -> Accumulator) throws(DataFileError) -> PrometheusResponseReader.Summary {
        func invalid(_ message: String, hint: String? = nil) -> DataFileError {
            DataFileError(file: file, message: message, hint: hint)
        }
        var reader = PrometheusResponseReader(chunks: chunks)
        var failure: DataFileError?
        let summary: PrometheusResponseReader.Summary
        do {
            summary = try reader.read { labels in
                let accumulator = route(labels)
                let number = accumulator.seriesCount + 1
                return accumulator.startSeries(labels) { text in
                    if failure == nil { failure = invalid("series \(number) has the value \"\(text)\", not a number") }
                }
            }
        } catch {
            switch error {
            case .syntax: throw invalid("not a complete JSON document (truncated or not JSON)", hint: "save the whole response of /api/v1/query_range")
            case .notUTF8: throw invalid("the response is not UTF-8 text")
            case .shape(let message, let hint): throw invalid(message, hint: hint)
            }
        }
        if let status = summary.status, status != "success" {
            let kind = summary.errorType ?? "unknown"
            let message = summary.error ?? "no message"
            throw invalid("Prometheus answered status \"\(status)\" (\(kind): \(message))", hint: "fix the query and save the response again")
        }
        guard summary.status == "success" else {
            throw invalid("expected \"status\": \"success\" and a \"data\" object")
        }
        guard summary.resultType == "matrix" else {
            throw invalid("expected \"resultType\": \"matrix\" (a query_range response); got \(summary.resultType.map { "\"\($0)\"" } ?? "none")",
                          hint: "use /api/v1/query_range, not /api/v1/query")
        }
        if let failure { throw failure }
        return summary
    }

    /// Sums of the series per timestamp while a response streams by.
    final class Accumulator {
        var sums: [Double: (sum: Double, count: Int)] = [:]
        /// Spacings between a series' consecutive timestamps (NaN/Inf samples included), with counts.
        var spacings: [Double: Int] = [:]
        var skipped = 0
        var seriesCount = 0
        var labels: [[String: String]] = []

        /// The sink for one series' samples; `invalid` gets a value that is not a number.
        func startSeries(_ labels: [String: String], invalid: @escaping (String) -> Void) -> (Double, String) -> Void {
            seriesCount += 1
            self.labels.append(labels)
            var previous: Double?
            return { [self] time, text in
                guard let value = Double(text) else { invalid(text); return }
                if let previous, time > previous { spacings[time - previous, default: 0] += 1 }
                previous = time
                guard value.isFinite else { skipped += 1; return }
                if let slot = sums.index(forKey: time) {
                    sums.values[slot].sum += value
                    sums.values[slot].count += 1
                } else {
                    sums[time] = (value, 1)
                }
            }
        }

        /// The export, with `step` given or the smallest spacing.
        func export(source: String, metric: Metric, step given: Double?, warnings: [String],
                    query: String?) throws(DataFileError) -> PrometheusExport {
            guard seriesCount > 0 else {
                throw DataFileError(file: source, message: "the response holds no series", hint: "check the query's label matchers")
            }
            guard !sums.isEmpty else { throw DataFileError(file: source, message: "every sample is NaN or infinite") }
            let step = given ?? spacings.keys.min()
            var gaps = 0
            if let step {
                for (spacing, count) in spacings { gaps += max(0, Int((spacing / step).rounded()) - 1) * count }
            }
            let times = sums.keys.sorted()
            return PrometheusExport(source: source, metric: metric,
                                    samples: times.map { (time: $0, value: sums[$0]!.sum * metric.scale) },
                                    counts: times.map { sums[$0]!.count }, seriesCount: seriesCount, labels: labels,
                                    skippedValues: skipped, gaps: gaps, step: step, warnings: warnings, query: query)
        }
    }

    /// One calendar month (UTC) of an export.
    public struct MonthFigures: Sendable, Equatable {
        public var average: Double
        public var peak: Double
        /// Timestamps with a value in the month × the step ÷ the month's seconds, at most 1.
        public var coverage: Double
    }

    /// Monthly average, peak (maximum) and coverage of the samples aggregated for `nodes` nodes
    /// (``Metric/aggregate(sum:count:nodes:)``), by UTC calendar month. Coverage needs a step;
    /// with a single timestamp it is 0.
    public func monthly(nodes: Int = 1) -> [YearMonth: MonthFigures] {
        var sums: [YearMonth: (total: Double, count: Int, peak: Double)] = [:]
        for (index, sample) in samples.enumerated() {
            let month = YearMonth.containing(unixSeconds: sample.time)
            let value = metric.aggregate(sum: sample.value, count: counts[index], nodes: nodes)
            let old = sums[month] ?? (0, 0, -Double.infinity)
            sums[month] = (old.total + value, old.count + 1, max(old.peak, value))
        }
        return Dictionary(uniqueKeysWithValues: sums.map { month, figures in
            let seconds = Double(month.dayCount * 86_400)
            let coverage = step.map { min(1, Double(figures.count) * $0 / seconds) } ?? 0
            return (month, MonthFigures(average: figures.total / Double(figures.count), peak: figures.peak, coverage: coverage))
        })
    }
}

extension YearMonth {
    /// The UTC calendar month of a Unix time (days from 1970-01-01 to the civil date:
    /// H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", civil_from_days).
    static func containing(unixSeconds: Double) -> YearMonth {
        let z = Int((unixSeconds / 86_400).rounded(.down)) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        return YearMonth(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month)
    }

    /// Days in the month (Gregorian).
    var dayCount: Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Unix seconds at the month's first instant (UTC).
    var unixSeconds: Double {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Double((era * 146_097 + doe - 719_468) * 86_400)
    }
}

extension MonthlyHistory {
    /// A month whose request-rate data cover less than this share of it (samples × step ÷ the
    /// month) is dropped from the fits and listed: a partial month's average and peak describe
    /// days, not a month.
    public static let minimumMonthCoverage = 0.9
    /// A step above this (1 h) gets a warning: the monthly peak is the highest of fewer samples.
    public static let peakStepLimit: Double = 3600

    /// A monthly history from Prometheus exports on a model of `nodes` nodes. Months come from
    /// the `rps` export (required): rps_avg its monthly mean, rps_peak its monthly maximum; host,
    /// service memory and connections their monthly maximum (series combined by
    /// ``PrometheusExport/Metric/aggregate(sum:count:nodes:)``).
    ///
    /// Months whose rps coverage is under `minimumCoverage` are dropped and listed; of the months
    /// left, the longest run of consecutive months is kept (growth compares consecutive months),
    /// the others listed. Another export's month under the coverage is left out of that
    /// export's column. What was read (queries, series, step, coverage) goes to ``report``;
    /// what to be careful about (dropped months, a coarse step, more host series than nodes,
    /// Prometheus warnings, NaN and gaps) to ``notes``.
    public static func combining(_ exports: [PrometheusExport], nodes: Int = 1,
                                 minimumCoverage: Double = minimumMonthCoverage) throws(DataFileError) -> MonthlyHistory {
        guard let rps = exports.first(where: { $0.metric == .rps }) else {
            throw DataFileError(file: exports.first?.source ?? "--prometheus", message: "Prometheus data need the request rate",
                                hint: "add --prometheus rps=FILE")
        }
        var report: [String] = []
        var notes: [String] = []
        for export in exports {
            var line = "\(export.metric): "
            if let query = export.query { line += "`\(query)`, " }
            line += "\(export.seriesCount) series (\(export.metric.aggregation)), \(export.samples.count) timestamps"
            if let step = export.step { line += ", step \(PrometheusQuery.duration(step))" }
            report.append(line)
            for warning in export.warnings { notes.append("Prometheus warned about \(export.metric) (\(export.source)): \(warning)") }
            if export.skippedValues > 0 || export.gaps > 0 {
                notes.append("\(export.source) (\(export.metric)): \(export.samples.count) samples from \(export.seriesCount) series; \(export.skippedValues) NaN/Inf values and \(export.gaps) gaps skipped")
            }
        }
        let hostSeries = exports.filter { $0.metric == .hostMemory }.map(\.seriesCount).reduce(0, +)
        if hostSeries > nodes {
            let instances = exports.filter { $0.metric == .hostMemory }.flatMap(\.labels)
                .compactMap { $0["instance"] ?? $0["node"] ?? $0["nodename"] }
            let named = instances.isEmpty ? "" : " (\(Set(instances).sorted().prefix(6).joined(separator: ", "))\(Set(instances).count > 6 ? ", …" : ""))"
            notes.append("host_memory has \(hostSeries) series\(named) for a model of \(nodes) node\(nodes == 1 ? "" : "s"): they are averaged over the instances reporting at each step (memory per node), not summed; if they are other machines, query only this stack's nodes, or set host.nodes")
        }
        let traffic = rps.monthly(nodes: nodes)
        let allMonths = traffic.keys.sorted()
        if let step = rps.step, step > peakStepLimit {
            let perMonth = Int((30 * 86_400 / step).rounded())
            notes.append("step \(PrometheusQuery.duration(step)): a month's peak is the highest of about \(perMonth) samples, so a peak between samples is missed and the peak factor comes out low; use a step of 1h or less")
        }
        report.append("coverage of the month by rps samples (timestamps × step ÷ the month): "
                      + allMonths.map { "\($0) \(NumberFormat.decimal(100 * traffic[$0]!.coverage, 0)) %" }.joined(separator: ", "))
        var covered = allMonths.filter { traffic[$0]!.coverage >= minimumCoverage && traffic[$0]!.average >= 1e-6 }
        var dropped = allMonths.filter { !covered.contains($0) }.map {
            "\($0) (\(NumberFormat.decimal(100 * traffic[$0]!.coverage, 0)) %\(traffic[$0]!.average < 1e-6 ? ", no request rate above 0" : ""))"
        }
        // The longest run of consecutive covered months (the latest on a tie).
        var best: Range<Int> = 0..<0, runStart = 0
        for i in covered.indices {
            if i > 0, covered[i] != covered[i - 1].adding(months: 1) { runStart = i }
            if i + 1 - runStart >= best.count { best = runStart..<(i + 1) }
        }
        let outside = covered.indices.filter { !best.contains($0) }.map { "\(covered[$0]) (not consecutive with \(covered[best].first!)…\(covered[best].last!))" }
        dropped += outside
        covered = Array(covered[best])
        if !dropped.isEmpty {
            notes.append("months dropped from the fits (rps covers less than \(NumberFormat.decimal(100 * minimumCoverage, 0)) % of them): \(dropped.joined(separator: ", "))")
        }
        let source = exports.map(\.source).joined(separator: " + ")
        guard !covered.isEmpty else {
            var history = MonthlyHistory(source: source, months: [], rpsAverage: [], rpsPeak: [], notes: notes)
            history.report = report
            return history
        }
        let months = covered
        func column(_ export: PrometheusExport) throws(DataFileError) -> [Double?] {
            let figures = export.monthly(nodes: nodes)
            let rule: NumberRule = export.metric == .rps ? .requestRate
                : { if case .connections = export.metric { return .connectionCount } else { return .memoryMB } }()
            var thin: [YearMonth] = []
            var values: [Double?] = []
            for month in months {
                guard let figure = figures[month] else { values.append(nil); continue }
                if !rule.test(figure.average) || !rule.test(figure.peak) {
                    throw DataFileError(file: export.source, message: "\(export.metric) in \(month) must be \(rule.allowed); got \(NumberFormat.short(figure.peak, digits: 6))",
                                        hint: "check the query's unit (memory in bytes, rps in requests/s)")
                }
                if figure.coverage < minimumCoverage { thin.append(month); values.append(nil) } else { values.append(figure.peak) }
            }
            if !thin.isEmpty, export.metric != .rps {
                notes.append("\(export.metric) left out in \(thin.map(\.description).joined(separator: ", ")): its data cover less than \(NumberFormat.decimal(100 * minimumCoverage, 0)) % of the month")
            }
            return values
        }
        _ = try column(rps)
        var history = MonthlyHistory(source: source, months: months,
                                     rpsAverage: months.map { traffic[$0]!.average }, rpsPeak: months.map { traffic[$0]!.peak })
        for export in exports {
            switch export.metric {
            case .rps: break
            case .hostMemory: history.hostMemoryMB = try column(export)
            case .memory(let service): history.serviceMemoryMB[service] = try column(export)
            case .connections(let pool): history.connections[pool] = try column(export)
            }
        }
        history.notes = notes
        history.report = report
        return history
    }
}
