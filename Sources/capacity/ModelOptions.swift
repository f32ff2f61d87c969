import ArgumentParser
import CapacityKit
import Foundation

/// `--model FILE`: the model to use; the embedded default when absent.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Model file (YAML). Default: the embedded 4 GB stack.", valueName: "file"))
    var model: String?

    /// The validated model, its warnings and notes printed on standard error
    /// (but for those about `omitting` key paths, which a flag overrides);
    /// errors go through ``CommandFailure``.
    func validated(omitting: Set<String> = []) throws -> ValidatedModel {
        let validated = try CommandFailure.reporting {
            if let model {
                try ModelLoader.validate(path: model, today: Clock.today)
            } else {
                try DefaultModel.validate(today: Clock.today)
            }
        }
        for finding in validated.findings where !omitting.contains(finding.path) {
            CommandFailure.printError(finding.description)
        }
        return validated
    }

    /// The validated model (see ``validated()``).
    func load() throws -> Model {
        try validated().model
    }
}

/// The clock, read by the command line only and passed to the engines: the
/// current calendar month in UTC, or `CAPACITY_TODAY` (YYYY-MM) when set, so
/// tests and reproductions see a fixed date.
enum Clock {
    static var today: YearMonth {
        if let text = ProcessInfo.processInfo.environment["CAPACITY_TODAY"], let month = YearMonth(parsing: text) {
            return month
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: Date())
        return YearMonth(year: parts.year!, month: parts.month!)
    }

    /// Today in UTC, or the first day of `CAPACITY_TODAY` (YYYY-MM) when set.
    static var day: CalendarDay {
        if let text = ProcessInfo.processInfo.environment["CAPACITY_TODAY"], let month = YearMonth(parsing: text) {
            return CalendarDay(firstOf: month)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDay(year: parts.year!, month: parts.month!, day: parts.day!)
    }
}
