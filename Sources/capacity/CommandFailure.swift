import ArgumentParser
import CapacityKit
import Foundation

/// Turns library errors into one clear message on standard error and a
/// sysexits(3) exit code: 64 usage, 65 invalid model or data, 66 missing model or data file,
/// 73 output that cannot be created, 74 output that could not be written.
enum CommandFailure {
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let cannotCreate: Int32 = 73
    static let ioError: Int32 = 74

    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ModelError {
            let count = error.diagnostics.count
            if error.fromCommandLine {
                printError(error.description + "\nerror: --set gives the model \(count) problem\(count == 1 ? "" : "s")")
                throw ExitCode(usage)
            }
            printError(error.description + "\nerror: the model has \(count) problem\(count == 1 ? "" : "s")")
            throw ExitCode(dataError)
        } catch let error as ModelOverrideError {
            printError("error: \(error.description)")
            throw ExitCode(usage)
        } catch let error as ModelFileError {
            printError("error: \(error.description)")
            throw ExitCode(noInput)
        } catch let error as OutputError {
            printError("error: \(error.description)")
            throw ExitCode(error.kind == .io ? ioError : cannotCreate)
        } catch let error as DataFileError {
            printError("error: \(error.description)")
            throw ExitCode(error.kind == .missing ? noInput : dataError)
        } catch let error as CalibrationError {
            printError("error: \(error.description)")
            throw ExitCode(dataError)
        } catch let error as ForecastError {
            printError("error: \(error.description)")
            throw ExitCode(dataError)
        }
    }

    /// A bad command line: one line on standard error, exit 64 (EX_USAGE).
    static func usage(_ message: String) -> ExitCode {
        printError("error: \(message)")
        return ExitCode(usage)
    }

    static let usage: Int32 = 64

    /// `--output`/`--samples` checked before a run: an empty path is a usage
    /// error (64), one that cannot be written is 73 (EX_CANTCREAT).
    static func checkOutput(_ path: String, flag: String) throws {
        if path.isEmpty { throw usage("\(flag) needs a file name (or - for standard output); got an empty one") }
        if let problem = OutputSink.problem(writing: path) {
            printError("error: \(flag) \(path): \(problem)")
            throw ExitCode(cannotCreate)
        }
    }

    /// One message on standard error. Written with write(2) and its failure
    /// ignored: there is nowhere left to report it (FileHandle would trap).
    static func printError(_ message: String) {
        let data = Array((message + "\n").utf8)
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
