/// The text forms a result can be written in.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Aligned columns with units, for people at a terminal.
    case table
    /// RFC 4180 CSV with a header row, for spreadsheets; units live in column names.
    case csv
    /// Stable snake_case keys, numbers at full precision, run metadata included.
    case json
    /// GitHub-flavoured Markdown, for planning-review documents.
    case markdown
}
