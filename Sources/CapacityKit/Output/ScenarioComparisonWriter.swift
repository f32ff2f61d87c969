import Foundation

/// Renders a ``ScenarioComparison`` as a table (a column group per scenario,
/// the base first), CSV (a column per scenario and figure), JSON or Markdown.
/// Pure: the comparison in, text out; every figure comes decided by the engines.
public struct ScenarioComparisonWriter: ResultWriter {
    public var comparison: ScenarioComparison
    /// Terminal width the table must fit (the row labels are shortened first); nil: no limit.
    public var width: Int?

    public init(_ comparison: ScenarioComparison, width: Int? = nil) {
        self.comparison = comparison
        self.width = width
    }

    private var c: ScenarioComparison { comparison }
    /// One figure per scenario: the scenarios are the columns, with no group line.
    private var singleColumn: Bool { c.columns.count == 1 }

    // MARK: - Figures

    /// A figure for people.
    static func text(_ figure: ScenarioComparison.Figure) -> String {
        switch figure {
        case .month(let month, let date):
            guard let month, let date else { return "—" }
            return "\(date) (m\(month))"
        case .months(let months, let horizon): return months.map(String.init) ?? "≥ \(horizon)"
        case .probability(let p): return NumberFormat.probability(p)
        case .share(let share): return NumberFormat.percent(share)
        case .availability(let a, let u): return SLAWriter.availability(a, unavailability: u)
        case .estimate(let value, let se): return NumberFormat.percent(value) + " ± " + NumberFormat.short(se * 100, digits: 2) + " points"
        case .money(let money): return "$" + NumberFormat.decimal(money, 2)
        case .day(let day): return day?.description ?? "—"
        case .minutes(let minutes): return NumberFormat.short(minutes, digits: 4)
        case .count(let count): return NumberFormat.short(count, digits: 4)
        case .text(let text): return text
        case .none: return "—"
        }
    }

    /// A figure for a spreadsheet: a plain number (``NumberFormat/spreadsheet(_:)``), a date (a
    /// month as its first day, `2027-03-01`, like every CSV), text, or empty when it does not exist.
    static func cell(_ figure: ScenarioComparison.Figure) -> String {
        let number = NumberFormat.spreadsheet
        switch figure {
        case .month(_, let date): return date.map(CSVDocument.date) ?? ""
        case .months(let months, _): return months.map(String.init) ?? ""
        case .probability(let p): return number(p.estimate)
        case .share(let x), .availability(let x, _), .estimate(let x, _), .money(let x), .minutes(let x), .count(let x):
            return number(x)
        case .day(let day): return day?.description ?? ""
        case .text(let text): return text
        case .none: return ""
        }
    }

    // MARK: - CSV

    /// `resource` (or `figure`), then `<scenario>_<figure>` for each scenario and figure (or
    /// `<scenario>` when each has one), then `overrides` with `--set`.
    public var csvHeader: [String] {
        [c.rowTitle] + c.scenarios.flatMap { scenario in
            let name = ColumnName.of(scenario.name)
            return singleColumn ? [name] : c.columns.map { "\(name)_\($0.key)" }
        }
    }

    public var csv: String {
        let rows = c.rows.map { row in [row.key] + row.values.flatMap { $0.map(Self.cell) } }
        return OverrideNote.csv(InputsAgeNote.csv(CSVDocument(header: csvHeader, rows: rows), c.inputsAge),
                                c.commandLineOverrides).text
    }

    // MARK: - JSON

    public var json: String { JSONText.encode(ScenarioComparisonDocument(c)) }

    // MARK: - Table and Markdown

    private var headline: String {
        "\(c.modelName): scenarios side by side · \(c.run)" + (InputsAgeNote.line(c.inputsAge).map { "\n" + $0 } ?? "")
            + (OverrideNote.line(c.commandLineOverrides).map { "\n" + $0 } ?? "")
    }

    /// `growth 30 %: traffic.growth.mean=30% (file: 20%)`.
    private var scenarioLines: [String] {
        c.scenarios.dropFirst().map { scenario in
            "\(scenario.name): " + scenario.overrides.map(\.withPrevious).joined(separator: ", ")
        }
    }

    /// A column per scenario and figure under the scenario's name (a group), or a column per
    /// scenario when each has one figure.
    private func comparisonTable() -> TextTable {
        var columns = [TextTable.Column(c.rowTitle, .left)]
        for scenario in c.scenarios {
            for column in c.columns {
                // Figures of mixed kinds (one per scenario) read best left-aligned; numbers right.
                columns.append(.init(singleColumn ? scenario.name : column.title, singleColumn ? .left : .right))
            }
        }
        let rows = c.rows.map { row in [row.label] + row.values.flatMap { $0.map(Self.text) } }
        let groups = singleColumn ? [] : [TextTable.Group("", span: 1)]
            + c.scenarios.map { TextTable.Group($0.name, span: c.columns.count) }
        return TextTable(columns: columns, rows: rows, groups: groups)
    }

    private var summaries: [String] {
        c.scenarios.compactMap { scenario in scenario.summary.map { "\(scenario.name): \($0)" } }
    }

    /// The headline and each scenario's overrides; the table; the summaries and the notes.
    public var document: Document {
        var document = Document([.heading(level: 2, text: "Scenarios: \(c.modelName) (\(c.command))", terminal: .omitted),
                                 .paragraph(headline), .list(items: scenarioLines, terminal: .indent),
                                 .table(comparisonTable())])
        if !summaries.isEmpty { document.append(.list(items: summaries, terminal: .none)) }
        document.append(.paragraphs(c.notes))
        return document
    }


    /// The tables of the report, narrow enough for a page: one per figure, a column per
    /// scenario (one table when each scenario has one figure), with the figure's title.
    func reportTables() -> [(title: String?, table: TextTable)] {
        guard !singleColumn else { return [(nil, comparisonTable())] }
        return c.columns.enumerated().map { index, column in
            (column.title, TextTable(columns: [TextTable.Column(c.rowTitle, .left)] + c.scenarios.map { TextTable.Column($0.name) },
                                     rows: c.rows.map { row in [row.label] + row.values.map { Self.text($0[index]) } }))
        }
    }
}
