import ArgumentParser
import CapacityKit
import Foundation

/// `capacity calibrate`: fits the model's traffic and memory figures to the team's own data.
struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit the model's growth, peak factor and memory figures to your own data.",
        discussion: """
            Data: a monthly history CSV (month, rps_avg; optional rps_peak, host_memory_mb, \
            <service>_memory_mb, <pool>_connections), a load-test CSV (rps and memory columns), \
            a concurrency ramp CSV (--ramp: users, p50_ms; optional p95_ms, success_rate) for a worker \
            pool's service_ms and per_node, \
            Prometheus query_range exports (`-` reads standard input) and/or a Prometheus-compatible \
            server itself (--prometheus-url; default queries: rps = sum(rate(http_requests_total[5m])), \
            host_memory = node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes per instance, \
            memory.<service> = cAdvisor's container_memory_working_set_bytes summed by container name). \
            Months whose data cover less than 90 % of them are dropped and listed. \
            The fit report goes to standard output; with --output or \
            --in-place the calibrated model is written too, changing only the calibrated values in the \
            model's own text. Nothing is written when any input has a problem.
            """
    )

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: ArgumentHelp("Monthly history CSV (see notebooks-data/README.md).", valueName: "file"))
    var history: String?

    @Option(name: .customLong("load-test"), help: ArgumentHelp("Load-test CSV: one row per steady load level.", valueName: "file"))
    var loadTest: String?

    @Option(help: ArgumentHelp(
        "Load-test ramp CSV: users, p50_ms (optional p95_ms, success_rate), one row per concurrency level; fits a worker pool's service_ms and per_node.",
        valueName: "file"))
    var ramp: String?

    @Option(help: ArgumentHelp("With --ramp: the worker pool it measured (default: the model's only one).", valueName: "name"))
    var worker: String?

    @Option(name: .customLong("prometheus"), help: ArgumentHelp(
        "A saved query_range response: NAME=FILE (FILE `-`: standard input), NAME one of rps, host_memory, memory.<service>, connections.<pool>.",
        valueName: "name=file"))
    var prometheus: [String] = []

    @Option(name: .customLong("prometheus-url"), help: ArgumentHelp(
        "Query this Prometheus-compatible server's /api/v1/query_range (Prometheus, Thanos, Mimir, VictoriaMetrics, Grafana Cloud).",
        valueName: "url"))
    var prometheusURL: String?

    @Option(help: ArgumentHelp("With --prometheus-url: how far back (e.g. 12mo, 90d, 26w).", valueName: "duration"))
    var range = "12mo"

    @Option(help: ArgumentHelp("With --prometheus-url: the query step (e.g. 1h, 5m); above 1h the peak factor comes out low.",
                               valueName: "duration"))
    var step = "1h"

    @Option(help: ArgumentHelp("With --prometheus-url: the range's end, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (default now).",
                               valueName: "time"))
    var end: String?

    @Option(help: ArgumentHelp(
        "With --prometheus-url: NAME=PROMQL in place of a default query; NAME one of rps, host_memory, memory.<service>, connections.<pool>, or memory.* (series split by their `container` label).",
        valueName: "name=promql"))
    var query: [String] = []

    @Option(help: ArgumentHelp("With --prometheus-url: a request header 'Name: value' (e.g. 'X-Scope-OrgID: team').", valueName: "header"))
    var header: [String] = []

    @Option(name: .customLong("bearer-token-file"), help: ArgumentHelp(
        "With --prometheus-url: send 'Authorization: Bearer <the file's content>'.", valueName: "file"))
    var bearerTokenFile: String?

    @Option(help: ArgumentHelp("With --prometheus-url: seconds before a request times out.", valueName: "seconds"))
    var timeout: Double = 60

    @Option(help: ArgumentHelp("Also hold out the last K months of the history, calibrate on the rest and score the forecast of them.",
                               valueName: "K"))
    var backtest: Int?

    @Option(help: ArgumentHelp("Write the calibrated model to this file (atomically).", valueName: "file"))
    var output: String?

    @Flag(name: .customLong("in-place"), help: "Rewrite the --model file itself (atomically).")
    var inPlace = false

    @Option(help: "Report format: table, csv, json or markdown.")
    var format: OutputFormat = .table

    @Flag(name: .long, help: "Keep every column of every table, whatever the terminal's width.")
    var wide = false

    @Option(help: ArgumentHelp("Date recorded in the calibration: section (YYYY-MM-DD; default today, UTC).", valueName: "date"))
    var date: String?

    /// Where the calibrated model goes, if anywhere.
    var destination: String? { inPlace ? modelOptions.model : output }

    func validate() throws {
        if !modelOptions.overrides.isEmpty {
            throw ValidationError("--set does not apply to calibrate: it fits the model file's own values and rewrites "
                + "them; calibrate first, then run the other commands with --set")
        }
        if output != nil && inPlace { throw ValidationError("give --output FILE or --in-place, not both") }
        if inPlace && modelOptions.model == nil {
            throw ValidationError("--in-place rewrites the --model file; give --model FILE (the embedded model cannot be rewritten)")
        }
        if worker != nil && ramp == nil { throw ValidationError("--worker names the worker pool a --ramp measured; give --ramp FILE.csv") }
        if history == nil && loadTest == nil && ramp == nil && prometheus.isEmpty && prometheusURL == nil {
            throw ValidationError("nothing to calibrate from; give --history FILE.csv, --prometheus NAME=FILE, --prometheus-url URL, --load-test FILE.csv and/or --ramp FILE.csv")
        }
        if [history != nil, !prometheus.isEmpty, prometheusURL != nil].filter({ $0 }).count > 1 {
            throw ValidationError("give the monthly history once: --history FILE.csv, --prometheus exports or --prometheus-url, not several")
        }
        if prometheus.filter({ $0.hasSuffix("=-") }).count > 1 {
            throw ValidationError("only one --prometheus export can come from standard input (NAME=-)")
        }
        try validateServerOptions()
        if let backtest {
            if backtest < 1 { throw ValidationError("--backtest takes a number of months ≥ 1; got \(backtest)") }
            if history == nil && prometheus.isEmpty && prometheusURL == nil {
                throw ValidationError("--backtest holds out months of a history; give --history FILE.csv, --prometheus exports or --prometheus-url")
            }
        }
        for pair in prometheus where !pair.contains("=") {
            throw ValidationError("--prometheus takes NAME=FILE (e.g. rps=rps.json); got \(pair)")
        }
        if let date, date.count != 10 || Self.dateFormatter.date(from: date) == nil {
            throw ValidationError("--date must be YYYY-MM-DD; got \(date)")
        }
        if let destination, let problem = OutputSink.problem(writing: destination) {
            throw ValidationError("\(inPlace ? "--in-place" : "--output") \(destination): \(problem)")
        }
    }

    /// The calibration's text, its tables fitted to the terminal and its prose wrapped (format table);
    /// `--wide` keeps every column.
    static func fitted(_ writer: CalibrationWriter, _ format: OutputFormat, wide: Bool = false) -> String {
        var writer = writer
        let width = wide ? nil : Terminal.width()
        writer.width = width
        let text = writer.render(format)
        return format == .table ? TextWrap.wrap(text, width: width) : text
    }

    func run() throws {
        let file = modelOptions.model ?? DefaultModel.fileName
        let text = try CommandFailure.reporting {
            guard let path = modelOptions.model else { return DefaultModel.yaml }
            guard FileManager.default.fileExists(atPath: path) else { throw ModelFileError(path: path, reason: "no such model file") }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw ModelFileError(path: path, reason: "cannot read the model file as UTF-8 text")
            }
            return text
        }
        try CommandFailure.reporting {
            let validated = try ModelLoader.validate(text, file: file, today: nil)
            let model = validated.model
            var historyData = try history.map { try MonthlyHistory.read(csv: try DataFileError.readText($0), file: $0, model: model) }
            if !prometheus.isEmpty { historyData = try prometheusHistory(model) }
            if prometheusURL != nil { historyData = try serverHistory(model) }
            let loadTestData = try loadTest.map { try LoadTest.read(csv: try DataFileError.readText($0), file: $0, model: model) }
            let rampData = try ramp.map { try LoadRamp.read(csv: try DataFileError.readText($0), file: $0, worker: worker) }
            var result = try Calibration.run(validated, history: historyData, loadTest: loadTestData, ramp: rampData)
            if let warning = Calibration.uncertaintyWarning(
                result, options: ForecastOptions(months: 12, paths: 20_000, threads: ProcessInfo.processInfo.activeProcessorCount)) {
                result.warnings.append(warning)
            }
            let scores = try backtest.map { months in
                try Backtest.holdOut(validated, history: historyData!, loadTest: loadTestData, months: months,
                                     options: ForecastOptions(paths: 20_000, threads: ProcessInfo.processInfo.activeProcessorCount))
            }
            guard let destination else {
                print(Self.fitted(CalibrationWriter(result, backtest: scores), format, wide: wide), terminator: "")
                return
            }
            let rewritten: String
            do {
                rewritten = try ModelRewriter.rewrite(text, file: file, result: result,
                                                      date: date ?? Self.dateFormatter.string(from: Date()))
            } catch let error as ModelError {
                // The fits are still worth seeing: the report, then why the model cannot be written.
                print(Self.fitted(CalibrationWriter(result, backtest: scores), format, wide: wide), terminator: "")
                CommandFailure.printError(error.description + "\nerror: the calibrated model breaks \(error.diagnostics.count) rule\(error.diagnostics.count == 1 ? "" : "s") of the model contract; nothing written to \(destination)")
                throw ExitCode(CommandFailure.dataError)
            }
            try OutputSink.write(rewritten, to: destination)
            print(Self.fitted(CalibrationWriter(result, writtenTo: destination, backtest: scores), format, wide: wide), terminator: "")
        }
    }

    /// The monthly history of the `--prometheus` exports.
    func prometheusHistory(_ model: Model) throws -> MonthlyHistory {
        var exports: [PrometheusExport] = []
        for pair in prometheus {
            let (name, file) = (String(pair.prefix { $0 != "=" }), String(pair.drop { $0 != "=" }.dropFirst()))
            guard let metric = PrometheusExport.Metric.named(name, model: model) else {
                let names = PrometheusExport.Metric.names(for: model).map { "`\($0)`" }.joined(separator: ", ")
                throw CommandFailure.usage("--prometheus \(pair): unknown NAME `\(name)`; names are \(names)")
            }
            exports.append(try PrometheusExport.read(path: file, metric: metric))
        }
        return try MonthlyHistory.combining(exports, nodes: model.host.nodes)
    }

    /// The server options, checked before anything is asked of the server.
    func validateServerOptions() throws {
        guard let prometheusURL else {
            let given = [(!query.isEmpty, "--query"), (!header.isEmpty, "--header"), (bearerTokenFile != nil, "--bearer-token-file"),
                         (end != nil, "--end")].filter(\.0).map(\.1)
            if !given.isEmpty { throw ValidationError("\(given.joined(separator: ", ")) appl\(given.count == 1 ? "ies" : "y") to --prometheus-url; give the server's URL") }
            return
        }
        guard let url = URL(string: prometheusURL), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw ValidationError("--prometheus-url must be an http:// or https:// URL (e.g. http://localhost:9090); got \(prometheusURL)")
        }
        guard let seconds = PrometheusQuery.seconds(step) else {
            throw ValidationError("--step must be a duration such as 30s, 5m, 1h or 1d; got \(step)")
        }
        guard PrometheusQuery.rangeStart(end: 0, range: range) != nil, !range.hasPrefix("-") else {
            throw ValidationError("--range must be a duration such as 12mo, 90d, 26w or 1y; got \(range)")
        }
        if seconds < 1 { throw ValidationError("--step must be at least 1s; got \(step)") }
        if !(timeout > 0 && timeout <= 3600) { throw ValidationError("--timeout must be between 0 and 3600 seconds; got \(timeout)") }
        if let end, Self.time(end) == nil {
            throw ValidationError("--end must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC); got \(end)")
        }
        for pair in query {
            let name = String(pair.prefix { $0 != "=" })
            guard pair.contains("="), !name.isEmpty, pair.count > name.count + 1 else {
                throw ValidationError("--query takes NAME=PROMQL (e.g. rps='sum(rate(nginx_http_requests_total[5m]))'); got \(pair)")
            }
        }
        for line in header {
            let name = line.prefix { $0 != ":" }.trimmingCharacters(in: .whitespaces)
            guard line.contains(":"), !name.isEmpty, !name.contains(" ") else {
                throw ValidationError("--header takes 'Name: value' (e.g. 'X-Scope-OrgID: team'); got \(line)")
            }
        }
    }

    /// `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM:SSZ` in Unix seconds.
    static func time(_ text: String) -> Double? {
        let formatter = ISO8601DateFormatter()
        if text.count == 10 { return dateFormatter.date(from: text)?.timeIntervalSince1970 }
        return formatter.date(from: text)?.timeIntervalSince1970
    }

    /// The monthly history from the server at --prometheus-url.
    func serverHistory(_ model: Model) throws -> MonthlyHistory {
        var given: [PrometheusQuery] = []
        for pair in query {
            let (name, promQL) = (String(pair.prefix { $0 != "=" }), String(pair.drop { $0 != "=" }.dropFirst()))
            if name == "memory.*" {
                given.append(PrometheusQuery(metric: nil, splitLabel: "container", name: name, promQL: promQL, given: true))
                continue
            }
            guard let metric = PrometheusExport.Metric.named(name, model: model) else {
                let names = (PrometheusExport.Metric.names(for: model) + ["memory.*"]).map { "`\($0)`" }.joined(separator: ", ")
                throw CommandFailure.usage("--query \(pair): unknown NAME `\(name)`; names are \(names)")
            }
            given.append(PrometheusQuery(metric: metric, name: name, promQL: promQL, given: true))
        }
        var headers = header.map { line in
            (name: line.prefix { $0 != ":" }.trimmingCharacters(in: .whitespaces),
             value: line.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces))
        }
        if let bearerTokenFile {
            let token = try DataFileError.readText(bearerTokenFile).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw DataFileError(file: bearerTokenFile, message: "the token file is empty") }
            headers.append((name: "Authorization", value: "Bearer \(token)"))
        }
        let stepSeconds = PrometheusQuery.seconds(step)!
        let endTime = end.flatMap(Self.time) ?? Date().timeIntervalSince1970
        let start = PrometheusQuery.rangeStart(end: endTime, range: range)!
        let client = PrometheusClient(baseURL: prometheusURL!, headers: headers, timeout: timeout)
        let fetched: (exports: [PrometheusExport], notes: [String])
        do {
            fetched = try client.exports(PrometheusQuery.queries(given: given), model: model, start: start, end: endTime, step: stepSeconds)
        } catch let error as PrometheusServerError {
            CommandFailure.printError("error: \(error.description)")
            switch error.kind {
            case .unavailable, .serverError: throw ExitCode(69)  // EX_UNAVAILABLE
            case .permission: throw ExitCode(77)  // EX_NOPERM
            case .refused: throw ExitCode(CommandFailure.dataError)
            }
        }
        var history = try MonthlyHistory.combining(fetched.exports, nodes: model.host.nodes)
        history.notes = fetched.notes + history.notes
        history.source = prometheusURL!  // the fits' and the calibration: section's source; the queries are in the report
        return history
    }

    /// YYYY-MM-DD in UTC, for the date recorded in the calibration: section.
    static var dateFormatter: DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter
    }
}
