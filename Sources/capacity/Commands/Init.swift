import ArgumentParser
import CapacityKit
import Foundation

/// `capacity init`: prints the commented starter model.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a commented starter model (the embedded default) to start your own from."
    )

    @Option(name: .long, help: ArgumentHelp("Write the model to this file instead of standard output.",
                                            valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "Replace --output if it exists.")
    var force = false

    func validate() throws {
        guard let output else { return }
        try CommandFailure.checkOutput(output, flag: "--output")
        if !force && FileManager.default.fileExists(atPath: output) {
            throw CommandFailure.usage("--output \(output) exists; add --force to replace it")
        }
    }

    func run() throws {
        try CommandFailure.reporting { try OutputSink.write(DefaultModel.yaml, to: output) }
    }
}
