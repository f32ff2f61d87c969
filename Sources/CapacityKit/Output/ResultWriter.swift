import Foundation

/// A pure writer of one command's result in every ``OutputFormat``.
public protocol ResultWriter: Sendable {
    /// Aligned columns with units, for people at a terminal.
    var table: String { get }
    /// RFC 4180 CSV with a header row.
    var csv: String { get }
    /// Stable snake_case keys at full precision (see ``JSONText``).
    var json: String { get }
    /// GitHub-flavoured Markdown for planning reviews.
    var markdown: String { get }
}

extension ResultWriter {
    /// The result in `format`.
    public func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: table
        case .csv: csv
        case .json: json
        case .markdown: markdown
        }
    }
}

/// The project's JSON text: pretty-printed, keys sorted (stable across runs and
/// versions), numbers at full precision, a final newline. Documents use nil for
/// figures that do not exist; a non-finite number that slips through is written
/// as the string "inf", "-inf" or "nan" rather than failing.
enum JSONText {
    static func encode<Document: Encodable>(_ document: Document) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                      nan: "nan")
        // With non-finite numbers handled, encoding plain Encodable documents cannot fail.
        let data = try! encoder.encode(document)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// A Monte Carlo probability in JSON: the estimate `p` and its standard error `se`.
struct JSONProbability: Encodable {
    var p: Double
    var se: Double

    init(_ proportion: Proportion) {
        p = proportion.estimate
        se = proportion.standardError
    }
}
