/// A CSV table: a header row and data rows, quoted as RFC 4180 says.
///
/// A field is quoted when it holds a comma, a double quote, CR or LF; a double
/// quote inside is doubled. Lines end with LF.
public struct CSVDocument: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    public var text: String {
        ([header] + rows).map { $0.map(Self.quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A calendar month as a CSV cell: its first day, `2026-12-01`, which a
    /// spreadsheet reads as exactly that date. A bare `2026-12` is not safe:
    /// Excel and LibreOffice turn it into a day they choose (1 or 12 December of
    /// some year). Tables, Markdown and JSON keep `2026-12`.
    public static func date(_ month: YearMonth) -> String {
        CalendarDay(firstOf: month).description
    }

    /// One field, quoted when it must be.
    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
