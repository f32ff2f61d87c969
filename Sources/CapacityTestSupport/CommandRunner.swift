import Foundation

/// Runs the built `capacity` executable the way a user does, for end-to-end tests.
public struct CommandRunner: Sendable {
    public struct Outcome: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// The `capacity` binary next to the test bundle (SwiftPM builds both into one folder).
    public let executable: URL

    public init() {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ].compactMap { $0 }
        executable = candidates.map { $0.appendingPathComponent("capacity") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
            ?? candidates[0].appendingPathComponent("capacity")
    }

    /// The calendar month the tests run in (`CAPACITY_TODAY`), so notes that depend on
    /// the clock are the same every day.
    public static let today = "2026-11"

    /// Runs `capacity arguments…` in `directory`, with `environment` added (and
    /// `CAPACITY_TODAY` set to ``today`` unless given), `input` on its standard input
    /// (none: an empty one), and waits.
    public func run(_ arguments: [String], in directory: URL? = nil,
                    environment: [String: String] = [:], input: Data? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env["CAPACITY_TODAY"] = Self.today
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inputPipe = input.map { _ in Pipe() }
        process.standardInput = inputPipe ?? FileHandle.nullDevice
        try process.run()
        if let inputPipe, let input {
            DispatchQueue.global().async {
                inputPipe.fileHandleForWriting.write(input)
                try? inputPipe.fileHandleForWriting.close()
            }
        }
        // Read both pipes concurrently so a full pipe never blocks the child.
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       standardOutput: String(decoding: outputData, as: UTF8.self),
                       standardError: String(decoding: errorData, as: UTF8.self))
    }

    /// A fresh empty folder under the system's temporary directory.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("capacity-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The package root (for `models/`), found from this source file's path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

extension CommandRunner {
    /// Standard output of a helper program (not `capacity`), for checks the tests cannot do in Swift.
    public static func output(of executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Pages of a PDF: `pdfinfo`'s count when poppler-utils is installed, else the
    /// page objects (`/Type /Page`, not `/Pages`) in the file.
    public static func pageCount(ofPDF url: URL) throws -> Int {
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/pdfinfo") {
            let info = try output(of: "/usr/bin/pdfinfo", [url.path])
            if let line = info.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") }),
               let count = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) { return count }
        }
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        return text.components(separatedBy: "/Type /Page").count - 1 - (text.components(separatedBy: "/Type /Pages").count - 1)
    }
}
