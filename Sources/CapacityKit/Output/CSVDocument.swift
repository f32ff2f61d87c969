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

    /// One field, quoted when it must be.
    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
