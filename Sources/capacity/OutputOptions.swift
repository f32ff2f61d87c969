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

    @Flag(name: .long, help: "Keep every column of every table, whatever the terminal's width (tables and prose otherwise fit it).")
    var wide = false

    func validate() throws {
        if let output { try CommandFailure.checkOutput(output, flag: "--output") }
    }

    /// The width a table on standard output must fit; nil into a file or with `--wide`.
    var terminalWidth: Int? {
        !wide && (output == nil || output == "-") ? Terminal.width() : nil
    }

    /// Writes `text` to `--output` or standard output; a table's prose wrapped at
    /// ``terminalWidth`` (``TextWrap``): a renderer has wrapped a document's already, and this
    /// wraps the lines a command adds around it (the forecast's next action).
    func write(_ text: String) throws {
        let text = format == .table ? TextWrap.wrap(text, width: terminalWidth) : text
        try CommandFailure.reporting { try OutputSink.write(text, to: output) }
    }
}
