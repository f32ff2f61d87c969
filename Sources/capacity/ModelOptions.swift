import ArgumentParser
import CapacityKit

/// `--model FILE`: the model to use; the embedded default when absent.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Model file (YAML). Default: the embedded 4 GB stack.", valueName: "file"))
    var model: String?

    /// The validated model; errors go through ``CommandFailure``.
    func load() throws -> Model {
        try CommandFailure.reporting {
            if let model { try ModelLoader.load(path: model) } else { try DefaultModel.load() }
        }
    }
}
