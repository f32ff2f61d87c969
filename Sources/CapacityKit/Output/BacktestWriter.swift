/// Renders backtest scores (``BacktestResult``) as a table, CSV, JSON or
/// Markdown. Pure: result in, text out.
///
/// **CSV** columns ``csvHeader``: `series`, `unit`, `months`, `coverage_p10_p90`
/// (share of actuals inside the band), `p50_error` (mean signed relative error),
/// `pinball_p10`, `pinball_p50`, `pinball_p90` (mean pinball loss, in `unit`).
public struct BacktestWriter: ResultWriter {
    public var result: BacktestResult

    /// Terminal width the tables must fit (``TextTable/plainText(width:)``); nil: no limit.
    public var width: Int?

    public init(_ result: BacktestResult) {
        self.result = result
    }

    static let csvHeader = ["series", "unit", "months", "coverage_p10_p90", "p50_error", "pinball_p10", "pinball_p50",
                            "pinball_p90"]

    public var csv: String {
        let rows = result.scores.map { score in
            [score.series, score.unit, String(score.count), NumberFormat.spreadsheet(score.coverage),
             NumberFormat.spreadsheet(score.p50Error)] + score.pinball.map(NumberFormat.spreadsheet)
        }
        return CSVDocument(header: Self.csvHeader, rows: rows).text
    }

    public var json: String { JSONText.encode(BacktestDocument(result)) }

    /// The headline over the scores' table.
    public var document: Document {
        let span = result.months.isEmpty ? "" : " (\(result.months.first!) … \(result.months.last!))"
        let headline = "backtest: \(result.description)\(span); P10–P90 should hold 80 % of actuals"
        let table = TextTable(
            columns: [.init("series", .left), .init("months"), .init("inside P10–P90"), .init("P50 error"),
                      .init("pinball P10"), .init("pinball P50"), .init("pinball P90"), .init("unit", .left)],
            rows: result.scores.map { score in
                [score.series, String(score.count), NumberFormat.percent(score.coverage),
                 (score.p50Error >= 0 ? "+" : "") + NumberFormat.percent(score.p50Error)]
                    + score.pinball.map { NumberFormat.short($0, digits: 3) } + [score.unit]
            })
        return Document([.heading(level: 3, text: headline), .table(table)])
    }
}
