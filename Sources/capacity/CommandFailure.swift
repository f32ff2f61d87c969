import ArgumentParser
import CapacityKit
import Foundation

/// Turns library errors into one clear message on standard error and a
/// sysexits(3) exit code: 64 usage, 65 invalid model or data, 66 missing model or data file,
/// 73 output that cannot be created.
enum CommandFailure {
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let cannotCreate: Int32 = 73

    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ModelError {
            let count = error.diagnostics.count
            printError(error.description + "\nerror: the model has \(count) problem\(count == 1 ? "" : "s")")
            throw ExitCode(dataError)
        } catch let error as ModelFileError {
            printError("error: \(error.description)")
            throw ExitCode(noInput)
        } catch let error as OutputError {
            printError("error: \(error.description)")
            throw ExitCode(cannotCreate)
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

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
