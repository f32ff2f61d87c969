import Foundation

/// Renders a calibration — every fitted value with its standard error, n and
/// R², the notes and warnings, and a backtest when one was run — as a table,
/// CSV, JSON or Markdown. Pure: result in, text out.
///
/// **CSV** has one row per calibrated value, columns ``csvHeader``: `fit`,
/// `key` (the model key path), `previous`, `value`, `standard_error`, `n`,
/// `r_squared` (empty for growth and the peak factor), `source`; backtest
/// scores are in the JSON and the table.
public struct CalibrationWriter: ResultWriter {
    public var result: CalibrationResult
    /// Where the calibrated model was written, if anywhere.
    public var writtenTo: String?
    public var backtest: BacktestResult?

    /// Terminal width the tables must fit (``TextTable/plainText(width:)``); nil: no limit.
    public var width: Int?

    public init(_ result: CalibrationResult, writtenTo: String? = nil, backtest: BacktestResult? = nil) {
        self.result = result
        self.writtenTo = writtenTo
        self.backtest = backtest
    }

    static let csvHeader = ["fit", "key", "previous", "value", "standard_error", "n", "r_squared", "source"]

    public var csv: String {
        let rows = result.fits.flatMap { fit in
            fit.values.map { value in
                [fit.name, value.key, NumberFormat.spreadsheet(value.previous), NumberFormat.spreadsheet(value.value),
                 value.standardError.map(NumberFormat.spreadsheet) ?? "", String(fit.count),
                 fit.rSquared.map(NumberFormat.spreadsheet) ?? "", fit.source]
            }
        }
        return CSVDocument(header: Self.csvHeader, rows: rows).text
    }

    public var json: String {
        JSONText.encode(CalibrationDocument(result, writtenTo: writtenTo, backtest: backtest))
    }

    public var table: String { text(markdown: false) }
    public var markdown: String { text(markdown: true) }

    private var headline: String {
        var text = "\(result.original.name): calibrated from \(result.sources.joined(separator: ", "))"
        if let first = result.firstMonth, let last = result.lastMonth { text += " (\(first) … \(last))" }
        return text
    }

    private func text(markdown: Bool) -> String {
        let columns: [TextTable.Column] = [.init("fit", .left), .init("key", .left), .init("before"), .init("after"),
                                           .init("± SE"), .init("n"), .init("R²")]
        let rows = result.fits.flatMap { fit in
            fit.values.map { value in
                [fit.name, value.key, NumberFormat.short(value.previous, digits: 4), NumberFormat.short(value.value, digits: 4),
                 value.standardError.map { NumberFormat.short($0, digits: 2) } ?? "–", String(fit.count),
                 fit.rSquared.map { NumberFormat.decimal($0, 3) } ?? ""]
            }
        }
        let table = TextTable(columns: columns, rows: rows)
        var parts = [markdown ? "## \(headline)\n" : "\(headline)\n", markdown ? table.markdown : table.plainText(width: width)]
        if !result.data.isEmpty { parts.append(list("data", result.data, markdown: markdown)) }
        let notes = result.fits.flatMap { fit in fit.notes.map { "\(fit.name): \($0)" } }
        if !notes.isEmpty { parts.append(list("notes", notes, markdown: markdown)) }
        if !result.warnings.isEmpty { parts.append(list("warnings", result.warnings, markdown: markdown)) }
        if let backtest { parts.append(BacktestWriter(backtest).text(markdown: markdown)) }
        if let writtenTo { parts.append("calibrated model written to \(writtenTo)\n") }
        return parts.joined(separator: "\n")
    }

    private func list(_ title: String, _ items: [String], markdown: Bool) -> String {
        (markdown ? "**\(title)**\n\n" : "\(title):\n") + items.map { (markdown ? "- " : "  - ") + $0 + "\n" }.joined()
    }
}
