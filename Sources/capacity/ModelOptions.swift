import ArgumentParser
import CapacityKit
import Foundation

/// `--model FILE`: the model to use; the embedded default when absent; and
/// `--set KEY=VALUE` overrides of its values.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Model file (YAML). Default: the embedded 4 GB stack.", valueName: "file"))
    var model: String?

    @Option(name: .customLong("set"), parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "Override a value of the model (repeatable): KEY=VALUE, the key path as the file writes it, list items by name, "
            + "e.g. traffic.growth.mean=30%, services.api.limit_mb=800, host.nodes=2.",
        valueName: "key=value"))
    var overrides: [String] = []

    /// The `--set` overrides, parsed; a malformed one is a usage error.
    func parsedOverrides() throws -> [ModelOverride] {
        try overrides.map { argument in
            do {
                return try ModelOverride(parsing: argument)
            } catch let error as ModelOverrideError {
                throw CommandFailure.usage(error.description)
            }
        }
    }

    func validate() throws {
        _ = try parsedOverrides()
    }

    /// The validated model with the `--set` overrides applied, its warnings and
    /// notes printed on standard error (but for those about `omitting` key paths,
    /// which a flag overrides); errors go through ``CommandFailure`` (exit 64 when
    /// they come from `--set`).
    func validated(omitting: Set<String> = []) throws -> ValidatedModel {
        let overrides = try parsedOverrides()
        let validated = try CommandFailure.reporting {
            if let model {
                try ModelLoader.validate(path: model, today: Clock.today, overrides: overrides)
            } else {
                try DefaultModel.validate(today: Clock.today, overrides: overrides)
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
