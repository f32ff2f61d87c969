import ArgumentParser
import CapacityKit
import Foundation

/// `capacity validate [MODEL]`: checks a model file and summarises it.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a model file and print a short summary, or every problem found.",
        discussion: "Exit status: 0 valid, 65 invalid model, 66 missing file (sysexits)."
    )

    @Argument(help: ArgumentHelp("Model file (YAML). Default: the embedded 4 GB stack.", valueName: "model"))
    var model: String?

    func run() throws {
        let loaded = try ModelOptions(model: model).load()
        try CommandFailure.reporting {
            try OutputSink.write("ok: \(model ?? DefaultModel.fileName)\n" + ModelSummary(loaded).text, to: nil)
        }
    }
}

extension ModelOptions {
    init(model: String?) {
        self.init()
        self.model = model
    }
}
