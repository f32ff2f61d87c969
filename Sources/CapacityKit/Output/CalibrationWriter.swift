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

    private var headline: String {
        var text = "\(result.original.name): calibrated from \(result.sources.joined(separator: ", "))"
        if let first = result.firstMonth, let last = result.lastMonth { text += " (\(first) … \(last))" }
        return text
    }

    /// The fits' table, the data, notes and warnings, the backtest and where the model went.
    public var document: Document {
        let columns: [TextTable.Column] = [.init("fit", .left), .init("key", .left), .init("before"), .init("after"),
                                           .init("± SE"), .init("n"), .init("R²")]
        let rows = result.fits.flatMap { fit in
            fit.values.map { value in
                [fit.name, value.key, NumberFormat.short(value.previous, digits: 4), NumberFormat.short(value.value, digits: 4),
                 value.standardError.map { NumberFormat.short($0, digits: 2) } ?? "–", String(fit.count),
                 fit.rSquared.map { NumberFormat.decimal($0, 3) } ?? ""]
            }
        }
        var document = Document([.heading(level: 2, text: headline, terminal: .separate),
                                 .table(TextTable(columns: columns, rows: rows))])
        if !result.data.isEmpty { document.append(.list(title: "data", items: result.data)) }
        let notes = result.fits.flatMap { fit in fit.notes.map { "\(fit.name): \($0)" } }
        if !notes.isEmpty { document.append(.list(title: "notes", items: notes)) }
        if !result.warnings.isEmpty { document.append(.list(title: "warnings", items: result.warnings)) }
        if let backtest {
            // The backtest's table keeps every column, as it always has here.
            document.append(contentsOf: BacktestWriter(backtest).document.blocks.map { block in
                guard case .table(var table) = block else { return block }
                table.wide = true
                return .table(table)
            })
        }
        if let writtenTo { document.append(.paragraph("calibrated model written to \(writtenTo)")) }
        return document
    }
}
