/// A table of text with aligned columns, for terminals and Markdown.
public struct TextTable: Sendable, Equatable {
    public enum Alignment: Sendable { case left, right }

    public struct Column: Sendable, Equatable {
        public var title: String
        public var alignment: Alignment
        /// May be left out when the table does not fit a terminal (``plainText(width:)``).
        public var droppable: Bool
        /// A bar drawn in block characters (`█`), for a terminal: ``markdown`` and pages leave
        /// the column out (a page draws its charts).
        public var bar: Bool

        public init(_ title: String, _ alignment: Alignment = .right, droppable: Bool = false, bar: Bool = false) {
            self.title = title
            self.alignment = alignment
            self.droppable = droppable
            self.bar = bar
        }
    }

    /// A title over consecutive columns (a scenario over its figures), in a line above theirs.
    public struct Group: Sendable, Equatable {
        public var title: String
        public var span: Int

        public init(_ title: String, span: Int) {
            self.title = title
            self.span = span
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    /// Titles over runs of columns, from the first column on (their spans add up to at most
    /// the column count); empty: one header line. Only ``plainText`` draws them as a line;
    /// ``markdown`` puts a group's title in front of each of its columns' (``withoutBarsOrGroups``).
    public var groups: [Group]

    public init(columns: [Column], rows: [[String]] = [], groups: [Group] = []) {
        self.columns = columns
        self.rows = rows
        self.groups = groups
    }

    /// Columns padded to their widest cell (counted in characters), two spaces apart,
    /// a rule of `─` under the header; group titles, if any, on a line above it.
    public var plainText: String {
        let widths = columnWidths()
        var lines = groups.isEmpty ? [] : [groupLine(widths)]
        lines.append(line(columns.map(\.title), widths))
        lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        lines += rows.map { line($0, widths) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// ``plainText`` fitted to `width` characters, never by wrapping a row:
    /// droppable columns go first, rightmost first; then a table of more than
    /// two columns goes on in a second table (and a third…) with the columns
    /// that do not fit, each part repeating the first column so its rows can be
    /// read; a part (or a two-column table) still too wide has its widest
    /// left-aligned column cut, its cells ending in "…" (down to 8 characters).
    /// A nil width, or a table that fits, is ``plainText``.
    public func plainText(width: Int?) -> String {
        guard let width else { return plainText }
        var table = self
        // Grouped columns stay (dropping one would shift the group titles).
        while table.totalWidth > width, groups.isEmpty, let index = table.columns.lastIndex(where: \.droppable) {
            table.columns.remove(at: index)
            table.rows = table.rows.map { row in var row = row; if index < row.count { row.remove(at: index) }; return row }
        }
        guard table.totalWidth > width, table.columns.count > 2 else {
            table.cut(toFit: width, shortest: 8)
            return table.plainText
        }
        return table.parts(fitting: width).map { part in
            var part = part
            part.cut(toFit: width, shortest: 8)
            return part.plainText
        }.joined(separator: "\n")
    }

    /// Cuts the widest left-aligned column (its cells ending in "…") until the table fits
    /// `width` or no left-aligned column is wider than `shortest`.
    private mutating func cut(toFit width: Int, shortest: Int) {
        while totalWidth > width {
            let widths = columnWidths()
            guard let widest = columns.indices.filter({ columns[$0].alignment == .left && widths[$0] > shortest })
                .max(by: { widths[$0] < widths[$1] }) else { break }
            let limit = max(shortest, widths[widest] - (totalWidth - width))
            func cut(_ text: String) -> String { text.count > limit ? String(text.prefix(limit - 1)) + "…" : text }
            columns[widest].title = cut(columns[widest].title)
            rows = rows.map { row in
                var row = row
                if widest < row.count { row[widest] = cut(row[widest]) }
                return row
            }
        }
    }

    /// The table as consecutive parts of its columns, each with the first column in front and
    /// as many of the next columns as fit `width` (at least one). Grouped tables split between
    /// groups (the first group, the row labels, in front of each part).
    private func parts(fitting width: Int) -> [TextTable] {
        let widths = columnWidths()
        // Units that stay together: a group's columns, or one column.
        var units: [Range<Int>] = []
        if groups.isEmpty {
            units = columns.indices.map { $0..<($0 + 1) }
        } else {
            var first = 0
            for group in groups where group.span > 0 && first + group.span <= columns.count {
                units.append(first..<(first + group.span))
                first += group.span
            }
            if first < columns.count { units += (first..<columns.count).map { $0..<($0 + 1) } }
        }
        guard let key = units.first else { return [self] }
        let keyWidth = key.reduce(0) { $0 + widths[$1] + 2 }
        var parts: [[Range<Int>]] = [[]]
        var used = keyWidth
        for unit in units.dropFirst() {
            let unitWidth = unit.reduce(0) { $0 + widths[$1] + 2 }
            if !parts[parts.count - 1].isEmpty && used + unitWidth - 2 > width {
                parts.append([])
                used = keyWidth
            }
            parts[parts.count - 1].append(unit)
            used += unitWidth
        }
        let groupOf: [Range<Int>: Group] = groups.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: zip(units, groups))
        return parts.map { part in
            let kept = ([key] + part).flatMap { Array($0) }
            return TextTable(columns: kept.map { columns[$0] },
                             rows: rows.map { row in kept.map { $0 < row.count ? row[$0] : "" } },
                             groups: groups.isEmpty ? [] : ([key] + part).compactMap { groupOf[$0] })
        }
    }

    /// Characters of the widest line of ``plainText``.
    var totalWidth: Int {
        let widths = columnWidths()
        return widths.reduce(0, +) + 2 * max(0, widths.count - 1)
    }

    /// A GitHub-flavoured Markdown table of ``withoutBarsOrGroups``; `|` in cells is escaped.
    public var markdown: String {
        let table = withoutBarsOrGroups
        let escape = { (cell: String) in cell.replacingOccurrences(of: "|", with: "\\|") }
        var lines = ["| " + table.columns.map { escape($0.title) }.joined(separator: " | ") + " |"]
        lines.append("|" + table.columns.map { $0.alignment == .right ? "---:|" : ":---|" }.joined())
        lines += table.rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The table for formats with one header line and charts of their own (Markdown, a page):
    /// no ``Column/bar`` columns, and no groups, a group's title put in front of each of its
    /// columns' (`fast growth: P(OOM)`; a group with no title leaves its columns' as they are).
    public var withoutBarsOrGroups: TextTable {
        guard !groups.isEmpty || columns.contains(where: \.bar) else { return self }
        var columns = columns
        var first = 0
        for group in groups where group.span > 0 && first + group.span <= columns.count {
            if !group.title.isEmpty {
                for index in first..<(first + group.span) { columns[index].title = "\(group.title): \(columns[index].title)" }
            }
            first += group.span
        }
        let kept = columns.indices.filter { !columns[$0].bar }
        return TextTable(columns: kept.map { columns[$0] }, rows: rows.map { row in kept.map { $0 < row.count ? row[$0] : "" } })
    }

    private func columnWidths() -> [Int] {
        var widths = columns.indices.map { index in
            ([columns[index].title] + rows.map { index < $0.count ? $0[index] : "" }).map(\.count).max() ?? 0
        }
        // A group title wider than its columns widens the last of them.
        var first = 0
        for group in groups where group.span > 0 && first + group.span <= widths.count {
            let range = first..<(first + group.span)
            let spanned = range.reduce(0) { $0 + widths[$1] } + 2 * (group.span - 1)
            if group.title.count > spanned { widths[range.upperBound - 1] += group.title.count - spanned }
            first = range.upperBound
        }
        return widths
    }

    /// Each group's title at the left of its columns.
    private func groupLine(_ widths: [Int]) -> String {
        var parts: [String] = []
        var first = 0
        for group in groups where group.span > 0 && first + group.span <= widths.count {
            let spanned = (first..<(first + group.span)).reduce(0) { $0 + widths[$1] } + 2 * (group.span - 1)
            parts.append(group.title + String(repeating: " ", count: max(0, spanned - group.title.count)))
            first += group.span
        }
        var text = parts.joined(separator: "  ")
        while text.hasSuffix(" ") { text.removeLast() }
        return text
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
