import ArgumentParser
import CapacityKit

/// `capacity backtest`: scores a saved forecast against what happened.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Score a saved forecast (forecast --format json) against the months that followed.",
        discussion: """
            For rps and each memory series with actuals in the history: the share of months inside the \
            forecast's P10–P90 band (80 % expected), the mean P50 error, and the pinball loss at P10, P50 \
            and P90. The history's service columns are those of --model (default: the embedded model).
            """
    )

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: ArgumentHelp("A forecast saved with `capacity forecast --format json`.", valueName: "file"))
    var forecast: String

    @Option(help: ArgumentHelp("Monthly history CSV of what actually happened.", valueName: "file"))
    var history: String

    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        let model = try modelOptions.load()
        let result = try CommandFailure.reporting {
            let saved = try ForecastBand.read(json: try DataFileError.readText(forecast), file: forecast)
            let actual = try MonthlyHistory.read(csv: try DataFileError.readText(history), file: history, model: model)
            return Backtest.score(saved.bands, against: actual, description: "\(forecast) against \(history)",
                                  seed: saved.seed, paths: saved.paths)
        }
        guard !result.scores.isEmpty else {
            CommandFailure.printError("error: \(history) has no month that \(forecast) forecasts; nothing to score")
            throw ExitCode(CommandFailure.dataError)
        }
        var writer = BacktestWriter(result)
        writer.width = outputOptions.terminalWidth
        try outputOptions.write(writer.render(outputOptions.format))
    }
}
