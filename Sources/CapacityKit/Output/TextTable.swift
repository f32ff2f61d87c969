/// A table of text with aligned columns, for terminals and Markdown.
public struct TextTable: Sendable, Equatable {
    public enum Alignment: Sendable { case left, right }

    public struct Column: Sendable, Equatable {
        public var title: String
        public var alignment: Alignment

        public init(_ title: String, _ alignment: Alignment = .right) {
            self.title = title
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[String]]

    public init(columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// Columns padded to their widest cell (counted in characters), two spaces apart,
    /// a rule of `─` under the header.
    public var plainText: String {
        let widths = columnWidths()
        var lines = [line(columns.map(\.title), widths)]
        lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        lines += rows.map { line($0, widths) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A GitHub-flavoured Markdown table; `|` in cells is escaped.
    public var markdown: String {
        let escape = { (cell: String) in cell.replacingOccurrences(of: "|", with: "\\|") }
        var lines = ["| " + columns.map { escape($0.title) }.joined(separator: " | ") + " |"]
        lines.append("|" + columns.map { $0.alignment == .right ? "---:|" : ":---|" }.joined())
        lines += rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n") + "\n"
    }

    private func columnWidths() -> [Int] {
        columns.indices.map { index in
            ([columns[index].title] + rows.map { index < $0.count ? $0[index] : "" }).map(\.count).max() ?? 0
        }
    }

    private func line(_ cells: [String], _ widths: [Int]) -> String {
        var parts: [String] = []
        for (index, width) in widths.enumerated() {
            let cell = index < cells.count ? cells[index] : ""
            let padding = String(repeating: " ", count: max(0, width - cell.count))
            parts.append(columns[index].alignment == .right ? padding + cell : cell + padding)
        }
        var text = parts.joined(separator: "  ")
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
