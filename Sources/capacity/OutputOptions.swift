import ArgumentParser
import CapacityKit

extension OutputFormat: ExpressibleByArgument {}

/// `--format` and `--output`, shared by every command that writes a result.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, csv, json or markdown.")
    var format: OutputFormat = .table

    @Option(name: .long, help: ArgumentHelp("Write to this file (atomically) instead of standard output.",
                                            valueName: "file"))
    var output: String?

    func validate() throws {
        if let output { try CommandFailure.checkOutput(output, flag: "--output") }
    }

    /// The width a table on standard output must fit; nil into a file.
    var terminalWidth: Int? {
        output == nil || output == "-" ? Terminal.width() : nil
    }

    /// Writes `text` to `--output` or standard output.
    func write(_ text: String) throws {
        try CommandFailure.reporting { try OutputSink.write(text, to: output) }
    }
}
