import Foundation
import Testing
import CapacityTestSupport

/// Where output goes and how writing it fails (issue #13, "Output files" and class 7).
@Suite struct OutputFileTests {
    let capacity = CommandRunner()

    /// Runs `capacity arguments…` with standard output on `output`; returns the status and standard error.
    func run(_ arguments: [String], standardOutput output: FileHandle) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = capacity.executable
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: message, as: UTF8.self))
    }

    @Test("a failed write to standard output (/dev/full) is a message and exit 74, not a trap",
          arguments: [["deploy"], ["sla", "--paths", "100"], ["validate"], ["init"]])
    func fullDevice(_ arguments: [String]) throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let (status, message) = try run(arguments, standardOutput: full)
        #expect(status == 74)
        #expect(message == "error: cannot write standard output: No space left on device\n")
    }

    @Test("a closed pipe on standard output is exit 74 with a message")
    func closedPipe() throws {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let (status, message) = try run(["deploy"], standardOutput: pipe.fileHandleForWriting)
        #expect(status == 74)
        #expect(message == "error: cannot write standard output: Broken pipe\n")
    }

    @Test("--output: empty is a usage error (64); a folder, / or a missing folder cannot be created (73)",
          arguments: [("", Int32(64), "error: --output needs a file name (or - for standard output); got an empty one\n"),
                      ("/", 73, "error: --output /: / is a folder\n"),
                      ("/nonexistent/d.csv", 73, "error: --output /nonexistent/d.csv: folder /nonexistent does not exist\n")])
    func badOutput(_ path: String, _ status: Int32, _ message: String) throws {
        let outcome = try capacity.run(["deploy", "--output", path])
        #expect(outcome.status == status)
        #expect(outcome.standardError == message)
    }

    @Test("a device node is written directly and stays a character device (mknod c 1 3, as root)",
          .enabled(if: getuid() == 0))
    func deviceNode() throws {
        let folder = try CommandRunner.temporaryFolder()
        let device = folder.appendingPathComponent("null").path
        // makedev(1, 3) in glibc's encoding for small numbers: major << 8 | minor.
        #expect(mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0)
        let outcome = try capacity.run(["deploy", "--output", device])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        var status = stat()
        #expect(lstat(device, &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFCHR, "the device node was replaced")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["null"])
    }

    @Test("/dev/null stays a character device after --output /dev/null")
    func devNull() throws {
        let outcome = try capacity.run(["deploy", "--output", "/dev/null"])
        #expect(outcome.status == 0)
        var status = stat()
        #expect(lstat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    }

    @Test("a FIFO is written directly: the reader gets the whole table")
    func fifo() throws {
        let folder = try CommandRunner.temporaryFolder()
        let path = folder.appendingPathComponent("fifo").path
        #expect(mkfifo(path, 0o600) == 0)
        nonisolated(unsafe) var received = Data()
        let reader = Thread { received = FileHandle(forReadingAtPath: path)?.readDataToEndOfFile() ?? Data() }
        reader.start()
        let outcome = try capacity.run(["deploy", "--format", "csv", "--output", path])
        #expect(outcome.status == 0)
        while !reader.isFinished { usleep(10_000) }
        let expected = try capacity.run(["deploy", "--format", "csv"]).standardOutput
        #expect(String(decoding: received, as: UTF8.self) == expected)
    }

    @Test("a symlink is written through: the target is replaced, the link stays a link")
    func symlink() throws {
        let folder = try CommandRunner.temporaryFolder()
        let target = folder.appendingPathComponent("real.csv")
        try "old\n".write(to: target, atomically: true, encoding: .utf8)
        let link = folder.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.csv")
        let outcome = try capacity.run(["deploy", "--format", "csv", "--output", link])
        #expect(outcome.status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.csv")
        #expect(try String(contentsOf: target, encoding: .utf8).hasPrefix("stage,"))
        #expect(try Set(FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["real.csv", "link.csv"])
    }

    @Test("SIGINT during a long --output run: the old file is intact and no temporary file is left")
    func interrupted() throws {
        let folder = try CommandRunner.temporaryFolder()
        let file = folder.appendingPathComponent("sla.json")
        try "old\n".write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = capacity.executable
        process.arguments = ["sla", "--paths", "2e5", "--threads", "1", "--format", "json", "--output", file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(1_000_000)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGINT)
        #expect(try String(contentsOf: file, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["sla.json"])
    }
}
