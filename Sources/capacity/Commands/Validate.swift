import ArgumentParser
import CapacityKit
import Foundation

/// `capacity validate [MODEL]`: checks a model file and summarises it.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a model file and print a short summary, or every problem found.",
        discussion: """
            Errors, warnings and notes read file:line:column. Warnings (a connection budget the server \
            cannot give, container limits above the host's usable memory) and notes (a start month in the \
            past) do not fail the model unless --strict. Exit status: 0 valid, 65 invalid model (or a \
            warning with --strict), 66 missing file (sysexits).
            """
    )

    @Argument(help: ArgumentHelp("Model file (YAML). Default: the embedded 4 GB stack.", valueName: "model"))
    var model: String?

    @Flag(help: "Treat warnings as errors (exit 65).")
    var strict = false

    @Option(name: .customLong("set"), parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "Check the model with this override of a value (repeatable): KEY=VALUE, e.g. traffic.growth.mean=30%.",
        valueName: "key=value"))
    var overrides: [String] = []

    func validate() throws {
        _ = try ModelOptions(model: model, overrides: overrides).parsedOverrides()
    }

    func run() throws {
        let loaded = try ModelOptions(model: model, overrides: overrides).validated()
        let warnings = loaded.findings.filter { $0.severity == .warning }.count
        if strict && warnings > 0 {
            CommandFailure.printError("error: the model has \(warnings) warning\(warnings == 1 ? "" : "s") (--strict)")
            throw ExitCode(CommandFailure.dataError)
        }
        try CommandFailure.reporting {
            // The summary's prose wrapped at the terminal's width.
            try OutputSink.write(TextWrap.wrap("ok: \(model ?? DefaultModel.fileName)\n"
                                                   + (OverrideNote.line(loaded.overrides).map { $0 + "\n" } ?? "")
                                                   + ModelSummary(loaded.model).text, width: Terminal.width()), to: nil)
        }
    }
}

extension ModelOptions {
    init(model: String?, overrides: [String] = []) {
        self.init()
        self.model = model
        self.overrides = overrides
    }
}
