import Foundation

/// A CSV file read cell by cell, each cell with its line and column, so that
/// a bad value can be reported as `file:line:column` (RFC 4180: fields
/// separated by commas, optionally in double quotes with `""` for a quote;
/// lines end with LF or CRLF; blank lines are skipped; cells are trimmed).
struct CSVTable: Sendable {
    struct Cell: Sendable, Equatable {
        var text: String
        /// 1-based line and column (in Unicode scalars) where the cell starts.
        var line: Int
        var column: Int
    }

    let file: String
    /// The header row's cells.
    let header: [Cell]
    /// Data rows; each has exactly `header.count` cells.
    let rows: [[Cell]]

    /// Parses `text`; throws for an empty file, an unclosed quote or a row whose
    /// cell count differs from the header's.
    init(_ text: String, file: String) throws(DataFileError) {
        self.file = file
        var records: [[Cell]] = []
        var record: [Cell] = []
        var field = "", fieldLine = 1, fieldColumn = 1
        var line = 1, column = 1
        var quoted = false, wasQuoted = false, atFieldStart = true
        var scalars = Array(text.unicodeScalars)[...]
        func endField() {
            record.append(Cell(text: wasQuoted ? field : field.trimmingCharacters(in: .whitespaces),
                               line: fieldLine, column: fieldColumn))
            field = ""; wasQuoted = false; atFieldStart = true
        }
        func endRecord() {
            endField()
            if !(record.count == 1 && record[0].text.isEmpty && !wasQuoted) { records.append(record) }
            record = []
        }
        while let scalar = scalars.popFirst() {
            if atFieldStart { fieldLine = line; fieldColumn = column; atFieldStart = false }
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" { scalars.removeFirst(); field.unicodeScalars.append("\""); column += 2; continue }
                    quoted = false
                } else {
                    field.unicodeScalars.append(scalar)
                }
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
                continue
            }
            switch scalar {
            case "\"" where field.trimmingCharacters(in: .whitespaces).isEmpty:
                quoted = true; wasQuoted = true; field = ""; column += 1
            case ",":
                endField(); column += 1
            case "\r" where scalars.first == "\n":
                continue
            case "\n":
                endRecord(); line += 1; column = 1
            default:
                field.unicodeScalars.append(scalar); column += 1
            }
        }
        if quoted {
            throw DataFileError(file: file, line: fieldLine, column: fieldColumn,
                                message: "a quoted cell is not closed before the end of the file")
        }
        if !atFieldStart || !record.isEmpty { endRecord() }
        guard let header = records.first else {
            throw DataFileError(file: file, line: 1, column: 1, message: "the file is empty",
                                hint: "expected a header row, e.g. `month,rps_avg`")
        }
        for row in records.dropFirst() where row.count != header.count {
            throw DataFileError(file: file, line: row[0].line, column: row[0].column,
                                message: "row has \(row.count) cells but the header has \(header.count)")
        }
        self.header = header
        self.rows = Array(records.dropFirst())
    }

    /// The index of header column `name`, if present.
    func columnIndex(_ name: String) -> Int? { header.firstIndex { $0.text == name } }

    /// An error at `cell`.
    func error(_ cell: Cell, _ message: String, hint: String? = nil) -> DataFileError {
        DataFileError(file: file, line: cell.line, column: cell.column, message: message, hint: hint)
    }

    /// The number in `cell` of column `name`, checked by `rule`; nil for an empty cell.
    func number(_ cell: Cell, column name: String, _ rule: NumberRule) throws(DataFileError) -> Double? {
        if cell.text.isEmpty { return nil }
        guard let value = Fields.parse(cell.text) else {
            throw error(cell, "column `\(name)` must be a finite number; got \(cell.text)")
        }
        guard rule.test(value) else {
            throw error(cell, "column `\(name)` must be \(rule.allowed); got \(cell.text)", hint: rule.hint)
        }
        return value
    }
}
