import ArgumentParser
import CapacityKit
import Foundation

/// `capacity report`: the quarterly review as one page — HTML (default), Markdown or JSON.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the quarterly capacity review: one self-contained HTML page with charts, or Markdown, or JSON.",
        discussion: """
            Runs the forecast, the deployment odds and the availability of the model with one seed and \
            renders them with a five-line summary, charts (SVG, no JavaScript, no network), the assumptions \
            and how each figure was computed. Without --output the page goes to \
            capacity-report-<model>-<date>.<ext> in the current folder, and its path is printed.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, markdown, json
        var fileExtension: String { self == .markdown ? "md" : rawValue }
    }

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Months to forecast (1–\(ForecastOptions.maximumMonths)).")
    var months = 12

    @Option(help: ArgumentHelp("Calendar month of forecast month 1, instead of the model's `start`: the month the "
                                   + "model's traffic and memory describe (no months are simulated before it).",
                               valueName: "YYYY-MM"))
    var start: String?

    @Option(help: "Monte Carlo paths of the forecast (1e5 and 100_000 are accepted).")
    var paths = PathCount(100_000)

    @Option(help: "Random seed; the default is fixed and always printed.")
    var seed = ForecastOptions.defaultSeed

    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Output format: html, markdown or json.")
    var format: Format = .html

    @Option(help: ArgumentHelp("Write to this file (atomically); default capacity-report-<model>-<date>.<ext>.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Compare with an earlier review's JSON (`capacity report --format json`).", valueName: "file"))
    var compare: String?

    func validate() throws {
        let options = ForecastOptions(months: months, paths: paths.value, seed: seed, threads: threads)
        if let problem = options.problem { throw CommandFailure.usage(problem) }
        if let start, YearMonth(parsing: start) == nil {
            throw CommandFailure.usage("--start must be a calendar month YYYY-MM (e.g. 2026-12); got \(start)")
        }
        if let output {
            if output.isEmpty { throw CommandFailure.usage("--output needs a file name") }
            if let problem = OutputSink.problem(writing: output) { throw CommandFailure.usage("--output \(output): \(problem)") }
        }
    }

    func run() throws {
        var model = try modelOptions.validated(omitting: start == nil ? [] : ["start"])
        let today = Clock.today
        if let start = start.flatMap(YearMonth.init(parsing:)) { model = model.starting(at: start, today: today) }
        let previous = try compare.map { path -> PreviousReview in
            guard let data = FileManager.default.contents(atPath: path) else {
                CommandFailure.printError("error: \(path): " + (FileManager.default.fileExists(atPath: path)
                    ? "cannot read the file" : "no such file") + " (--compare)")
                throw ExitCode(CommandFailure.noInput)
            }
            do {
                return try PreviousReview(json: data, file: path, model: model.model.name)
            } catch {
                CommandFailure.printError("error: \(error) (--compare)")
                throw ExitCode(CommandFailure.dataError)
            }
        }
        let reviewOptions = QuarterlyReview.Options(months: months, paths: paths.value, seed: seed, threads: threads,
                                                    today: Clock.day)
        if let problem = QuarterlyReview.workProblem(model.model, options: reviewOptions) {
            throw CommandFailure.usage(problem)
        }
        let progress = ProgressBar(label: "report")
        let review: QuarterlyReview
        do {
            review = try QuarterlyReview.run(model, options: reviewOptions, previous: previous, progress: progress.update)
        } catch {
            progress.finish()
            CommandFailure.printError("error: \(error)")
            throw ExitCode(CommandFailure.dataError)
        }
        progress.finish()
        let writer = ReportWriter(review)
        let text = switch format {
        case .html: writer.html
        case .markdown: writer.markdown
        case .json: writer.json
        }
        let path = output ?? Self.defaultFileName(model: model.model.name, today: today, format: format)
        try CommandFailure.reporting { try OutputSink.write(text, to: path) }
        if path != "-" { print(path) }
    }

    /// `capacity-report-4gb-production-stack-2026-11.html`.
    static func defaultFileName(model: String, today: YearMonth, format: Format) -> String {
        let slug = ForecastWriter.columnName(model).replacingOccurrences(of: "_", with: "-")
        return "capacity-report-\(slug)-\(today).\(format.fileExtension)"
    }
}
