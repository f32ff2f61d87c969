import Foundation

/// A data file (history CSV, load-test CSV, Prometheus export) that cannot be
/// used, located like a compiler's error:
///
///     history.csv:4:9: column `rps_avg` must be > 0; got -3
///
/// `line` and `column` are 1-based (columns count Unicode scalars); both are
/// nil for a problem of the whole file (unreadable, truncated JSON).
public struct DataFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The file exists but its content is not acceptable (sysexits 65).
        case invalid
        /// The file does not exist or cannot be read (sysexits 66).
        case missing
    }

    public var kind: Kind
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String
    public var hint: String?

    public init(_ kind: Kind = .invalid, file: String, line: Int? = nil, column: Int? = nil, message: String,
                hint: String? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        let text = "\(location): \(message)"
        return hint.map { "\(text); \($0)" } ?? text
    }

    /// The UTF-8 text of the file at `path`, or a ``Kind/missing`` error.
    public static func readText(_ path: String) throws(DataFileError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw DataFileError(.missing, file: path, message: exists ? "cannot read the file" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataFileError(file: path, message: "the file is not UTF-8 text")
        }
        return text
    }
}
