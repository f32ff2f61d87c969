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

    @OptionGroup var simulation: SimulationFlags

    @Option(help: "Output format: html, markdown or json.")
    var format: Format = .html

    @Option(help: ArgumentHelp("Write to this file (atomically); default capacity-report-<model>-<date>.<ext>.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Compare with an earlier review's JSON (`capacity report --format json`).", valueName: "file"))
    var compare: String?

    @Option(help: ArgumentHelp("A monthly history CSV (as `capacity calibrate` reads): host memory observed before the forecast is drawn before the fan.",
                               valueName: "file"))
    var history: String?

    func validate() throws {
        if let problem = simulation.forecastOptions().problem { throw CommandFailure.usage(problem) }
        if let output {
            if output.isEmpty { throw CommandFailure.usage("--output needs a file name") }
            if let problem = OutputSink.problem(writing: output) { throw CommandFailure.usage("--output \(output): \(problem)") }
        }
    }

    func run() throws {
        let model = try simulation.model(modelOptions)
        let today = Clock.today
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
        let observed = try CommandFailure.reporting {
            try history.map { try MonthlyHistory.read(csv: try DataFileError.readText($0), file: $0, model: model.model) }
        }
        let forecastOptions = simulation.forecastOptions()
        let reviewOptions = QuarterlyReview.Options(months: forecastOptions.months, simulation: forecastOptions.simulation,
                                                    today: Clock.day)
        if let problem = QuarterlyReview.workProblem(model, options: reviewOptions) {
            throw CommandFailure.usage(problem)
        }
        let progress = ProgressBar(label: "report")
        let review: QuarterlyReview
        do {
            review = try QuarterlyReview.run(model, options: reviewOptions, previous: previous, history: observed,
                                            progress: progress.update)
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
        let slug = ColumnName.of(model).replacingOccurrences(of: "_", with: "-")
        return "capacity-report-\(slug)-\(today).\(format.fileExtension)"
    }
}
