import Foundation

/// Renders a ``SensitivityResult`` as a table (a ranking with a text tornado),
/// CSV (one row per input, largest effect first), JSON or Markdown. Pure:
/// result in, text out; the ranking comes decided from the engine.
public struct SensitivityWriter: ResultWriter {
    public var result: SensitivityResult
    /// Terminal width the table must fit (the tornado column goes first); nil: no limit.
    public var width: Int?

    public init(_ result: SensitivityResult, width: Int? = nil) {
        self.result = result
        self.width = width
    }

    private var metric: SensitivityMetric { result.options.metric }

    // MARK: - Figures

    /// The figure for people, in its unit.
    public func figure(_ value: Double) -> String {
        switch metric {
        case .memoryP90: (abs(value) < 1e15 ? NumberFormat.grouped(Int(value.rounded())) : NumberFormat.significant(value)) + " MB"
        case .pFail, .pUnrecoverable: NumberFormat.percent(value)
        case .runway: NumberFormat.decimal(value, 0) + " mo"
        case .firstActionMonth: "month " + NumberFormat.decimal(value, 0)
        case .cost: "$" + NumberFormat.decimal(value, 2)
        case .downtime: NumberFormat.short(value, digits: 4) + " min"
        }
    }

    /// A difference of figures (the swing), in the figure's unit.
    func difference(_ value: Double) -> String {
        switch metric {
        case .pFail, .pUnrecoverable: NumberFormat.short(value * 100, digits: 3) + " points"
        default: figure(value)
        }
    }

    /// An input's value for people.
    static func value(_ value: Double, _ unit: SensitivityInput.Unit) -> String {
        let short = { NumberFormat.short($0, digits: 3) }
        switch unit {
        case .rate: return (value < 0 ? "−" : "") + short(abs(value) * 100) + "%"
        case .share, .probability: return short(value * 100) + "%"
        case .factor, .count: return short(value)
        case .relative: return (value > 0 ? "+" : value < 0 ? "−" : "") + short(abs(value) * 100) + "%"
        case .megabytesPerRPS: return short(value) + " MB/rps"
        case .megabytesPerConnection: return short(value) + " MB/conn"
        case .milliseconds: return short(value) + " ms"
        case .hours: return short(value) + " h"
        case .minutes: return short(value) + " min"
        }
    }

    /// `P10 13.6% → P90 26.4%`, `−20%: 0.64 MB/rps → +20%: 0.96 MB/rps`, or the value of one left as it is.
    static func range(_ input: SensitivityInput) -> String {
        switch input.kind {
        case .uncertain: "P10 \(value(input.low, input.unit)) → P90 \(value(input.high, input.unit))"
        case .swung(let swing):
            "−\(NumberFormat.short(swing * 100))% \(value(input.low, input.unit)) → +\(NumberFormat.short(swing * 100))% \(value(input.high, input.unit))"
        case .fixed: value(input.base, input.unit)
        }
    }

    /// `71% ± 1.2`, `0` for a fixed estimate, `—` without a share.
    static func share(_ effect: SensitivityResult.Effect) -> String {
        guard let share = effect.varianceShare else { return "—" }
        if effect.input.kind != .uncertain { return "0 (fixed)" }
        return NumberFormat.short(share * 100, digits: 3) + "% ± " + NumberFormat.short((effect.varianceShareStandardError ?? 0) * 100, digits: 2)
    }

    // MARK: - CSV

    public static let csvHeader = ["input", "low", "high", "swing", "variance_share", "variance_share_se", "key", "kind",
                                   "input_base", "input_low", "input_high", "base", "saturated"]

    public var csv: String {
        let number = NumberFormat.spreadsheet
        let rows = result.effects.map { effect -> [String] in
            let input = effect.input
            let kind = switch input.kind { case .uncertain: "uncertain"; case .fixed: "fixed"; case .swung: "swing" }
            return [input.label, number(effect.low), number(effect.high), number(effect.swing),
                    effect.varianceShare.map(number) ?? "", effect.varianceShareStandardError.map(number) ?? "",
                    input.key, kind, number(input.base), number(input.low), number(input.high), number(result.base),
                    String(result.isSaturated(effect))]
        }
        return OverrideNote.csv(InputsAgeNote.csv(CSVDocument(header: Self.csvHeader, rows: rows), result.inputsAge),
                                result.overrides).text
    }

    // MARK: - JSON

    public var json: String { JSONText.encode(SensitivityDocument(self)) }

    // MARK: - Table and Markdown

    private var headline: String {
        let o = result.options.forecast
        var text = "\(result.modelName): what matters most for \(metricTitle) · "
        switch metric.engine {
        case .forecast, .timeline: text += "\(o.months) months to \(result.horizon), \(NumberFormat.grouped(o.paths)) paths, seed \(o.seed)"
        case .deployment: text += "\(NumberFormat.grouped(result.options.deploymentPaths)) posterior draws, seed \(o.seed)"
        case .availability: text += "exact"
        }
        return text + (InputsAgeNote.line(result.inputsAge).map { "\n" + $0 } ?? "")
            + (OverrideNote.line(result.overrides).map { "\n" + $0 } ?? "")
    }

    /// `host P90 memory in 2027-11 (MB per node)`, `P(fail) of the api container in 2027-11`.
    var metricTitle: String {
        switch metric {
        case .memoryP90: shortTitle + " (MB per node)"
        default: shortTitle
        }
    }

    /// The figure without its unit: `host P90 memory in 2027-11`.
    var shortTitle: String {
        switch metric {
        case .memoryP90: "host P90 memory in \(result.horizon)"
        case .pFail: "P(fail) of the \(result.resource ?? "host") in \(result.horizon)"
        case .runway: "the runway to the first deadline"
        case .cost: "the plan's cost over \(result.options.forecast.months) months"
        case .firstActionMonth: "the month the plan's first action is due"
        case .pUnrecoverable: "P(a deployment fails unrecoverably)"
        case .downtime: "expected downtime a year"
        }
    }

    /// The method, in the words of the README.
    public var notes: [String] {
        var notes = ["Swing: \(metricTitle) recomputed by its own engine with one input at its low and its high value — "
            + "an uncertain input's P10 and P90, a fixed estimate ± the swing — every other input as in the model, on the "
            + "same random paths (same seed): the difference is the input's effect, not sampling noise. One at a time, it "
            + "ignores what inputs share (a correlated peak factor stays put when the growth rate moves)."]
        if let note = result.varianceNote {
            notes.append("Variance share: none. " + note)
        } else {
            notes.append("Variance share: Var(E[Y | input]) / Var(Y) across the base case's paths, Y = \(outputWords); "
                + "by ranks (1 − Σ(ΔY)²/2(n − 1)σ², ΔY between paths next to each other in the input's order), ± its "
                + "standard error over 10 sub-samples. It sees the model's correlations: inputs that move together share what they explain, "
                + "so the shares need not add up to 100 %; a fixed estimate explains none of it.")
        }
        return notes
    }

    private var outputWords: String {
        switch metric {
        case .memoryP90: "each path's host memory in \(result.horizon) (the figure is its P90)"
        case .pFail: "1 when the \(result.resource ?? "host") fails on the path in \(result.horizon), else 0 (the figure is its mean)"
        case .runway: "the months before the path's first month at a critical level (monthly inputs by their sum over the months)"
        case .pUnrecoverable: "the exact odds at each path's draw of the counted failure rates"
        default: "the figure's path-level output"
        }
    }

    /// The ranking, with a text tornado (a ``TextTable/Column/bar`` column) for the terminal.
    private func rankingTable() -> TextTable {
        let ranked = result.ranked, largest = ranked.map(\.swing).max() ?? 0
        let columns: [TextTable.Column] = [.init("#"), .init("input", .left), .init("low → high", .left),
                                           .init("figure at low"), .init("at high"), .init("swing"),
                                           .init("tornado", .left, droppable: true, bar: true), .init("variance share")]
        let rows = ranked.enumerated().map { index, effect -> [String] in
            let cells = largest > 0 ? Int((effect.swing / largest * 20).rounded()) : 0
            return [String(index + 1), effect.input.label, Self.range(effect.input), figure(effect.low), figure(effect.high),
                    difference(effect.swing) + (result.isSaturated(effect) ? " (saturated)" : ""),
                    String(repeating: "█", count: cells), Self.share(effect)]
        }
        return TextTable(columns: columns, rows: rows)
    }

    private var unvariedLine: String? {
        let unvaried = result.unvaried
        guard !unvaried.isEmpty else { return nil }
        return "Not varied, fixed in the model (--swing 20% moves each ±20 %): "
            + unvaried.map { "\($0.input.label) \(Self.value($0.input.base, $0.input.unit))" }.joined(separator: ", ") + "."
    }

    private var baseLine: String {
        "Base case: \(figure(result.base))." + (result.ranked.isEmpty ? " No input varies: nothing to rank." : "")
    }

    /// What the figure's saturation hides, how the ranking copes, and what to use instead.
    var saturationLine: String? {
        guard let saturation = result.saturation else { return nil }
        let at = figure(saturation.bound)
        let labels = saturation.inputs.compactMap { key in result.effects.first { $0.input.key == key }?.input.label }
        let first = saturation.rankedFirst.compactMap { key in result.effects.first { $0.input.key == key } }
        var text = "Saturated: \(shortTitle) "
        switch (saturation.baseAtBound, labels.isEmpty) {
        case (true, true): text += "is \(at) in the base case"
        case (true, false): text += "is \(at) in the base case and at both ends of the swing of \(Self.list(labels))"
        case (false, _): text += "is \(at) at both ends of the swing of \(Self.list(labels))"
        }
        text += ", so " + (labels.count > 1 ? "those swings cannot" : labels.isEmpty ? "a swing cannot" : "that swing cannot")
            + " show what matters"
        if !first.isEmpty {
            text += ". Ranked first by variance share, which still moves across the paths: "
                + Self.list(first.map { "\($0.input.label) (\(Self.share($0)))" }) + "; the rest, whose shares are "
                + "below 1 % or within their noise, by swing"
        } else if result.varianceNote != nil {
            text += ". There are no variance shares to rank by instead"
        }
        switch saturation.suggestion {
        case .metric(let metric):
            text += "; --metric \(metric.rawValue) (\(metric.title)) still moves here."
        case .months(let months):
            text += "; at --months \(months) it still moves (P(fail) nearest 50 % in the base case)."
        case .moreMonths:
            text += "; nothing happens within \(result.options.forecast.months) months: give more --months (up to 120)."
        case .rollbackThatCanFail:
            text += "; it stays at 0 while every rollback succeeds: give deployment.rollback.success_rate below 100%."
        }
        return text
    }

    /// "a", "a and b", "a, b and c".
    private static func list(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// The headline, the base case and what saturation hides; the ranking; what was not varied;
    /// the method.
    public var document: Document {
        var document = Document([.heading(level: 2, text: "What matters most: \(result.modelName)", terminal: .omitted),
                                 .paragraphs([headline, baseLine] + (saturationLine.map { [$0] } ?? []))])
        // With nothing to rank, the ranking's place stays, empty (no paragraphs): a blank line more.
        document.append(result.ranked.isEmpty ? .paragraphs([]) : .table(rankingTable()))
        if let line = unvariedLine { document.append(.paragraph(line)) }
        document.append(.paragraphs(notes))
        return document
    }


    /// The ranking as the report's table (no tornado: the report draws one).
    func reportTable() -> TextTable { rankingTable().withoutBarsOrGroups }
}
