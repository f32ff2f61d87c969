import ArgumentParser
import CapacityKit
import Foundation

/// `capacity calibrate`: fits the model's traffic and memory figures to the team's own data.
struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit the model's growth, peak factor and memory figures to your own data.",
        discussion: """
            Data: a monthly history CSV (month, rps_avg; optional rps_peak, host_memory_mb, \
            <service>_memory_mb, <pool>_connections), a load-test CSV (rps and memory columns) and/or \
            Prometheus query_range exports. The fit report goes to standard output; with --output or \
            --in-place the calibrated model is written too, changing only the calibrated values in the \
            model's own text. Nothing is written when any input has a problem.
            """
    )

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: ArgumentHelp("Monthly history CSV (see notebooks-data/README.md).", valueName: "file"))
    var history: String?

    @Option(name: .customLong("load-test"), help: ArgumentHelp("Load-test CSV: one row per steady load level.", valueName: "file"))
    var loadTest: String?

    @Option(name: .customLong("prometheus"), help: ArgumentHelp(
        "A saved query_range response: NAME=FILE, NAME one of rps, host_memory, memory.<service>, connections.<pool>.",
        valueName: "name=file"))
    var prometheus: [String] = []

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
        if history == nil && loadTest == nil && prometheus.isEmpty {
            throw ValidationError("nothing to calibrate from; give --history FILE.csv, --prometheus NAME=FILE and/or --load-test FILE.csv")
        }
        if history != nil && !prometheus.isEmpty {
            throw ValidationError("give the monthly history as --history FILE.csv or as --prometheus exports, not both")
        }
        if let backtest {
            if backtest < 1 { throw ValidationError("--backtest takes a number of months ≥ 1; got \(backtest)") }
            if history == nil && prometheus.isEmpty {
                throw ValidationError("--backtest holds out months of a history; give --history FILE.csv or --prometheus exports")
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
            let model = try ModelLoader.parse(text, file: file)
            var historyData = try history.map { try MonthlyHistory.read(csv: try DataFileError.readText($0), file: $0, model: model) }
            if !prometheus.isEmpty { historyData = try prometheusHistory(model) }
            let loadTestData = try loadTest.map { try LoadTest.read(csv: try DataFileError.readText($0), file: $0, model: model) }
            let result = try Calibration.run(model, history: historyData, loadTest: loadTestData)
            let scores = try backtest.map { months in
                try Backtest.holdOut(model, history: historyData!, loadTest: loadTestData, months: months,
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
            exports.append(try PrometheusExport.parse(try DataFileError.readText(file), file: file, metric: metric))
        }
        return try MonthlyHistory.combining(exports)
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
