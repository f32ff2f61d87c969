import Foundation

/// A pure writer of one command's result in every ``OutputFormat``: the result for
/// people described once as a ``document`` (rendered as a table or Markdown by a
/// ``DocumentRenderer``), and as data (CSV, JSON).
public protocol ResultWriter: Sendable {
    /// The result for people: headings, paragraphs, lists and tables, for any renderer.
    var document: Document { get }
    /// Terminal width the tables must fit (columns dropped or cut, rows never wrapped); nil: no limit.
    var width: Int? { get }
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
    /// ``document`` for a terminal of ``width`` (``PlainTextRenderer``).
    public var table: String { PlainTextRenderer(width: width).render(document) }

    /// ``document`` in Markdown (``MarkdownRenderer``).
    public var markdown: String { MarkdownRenderer().render(document) }

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

/// A figure that may not exist, written as `null` then (never left out), so a document's keys stay stable.
struct JSONNullable<Value: Encodable>: Encodable {
    var value: Value?

    init(_ value: Value?) { self.value = value }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}

/// A Monte Carlo probability in JSON: the estimate `p` and its standard error
/// `se`; with no hit, the 95 % upper bound `upper_95` (3/n) instead of `se: 0`,
/// and with every trial a hit, the lower bound `lower_95` (1 − 3/n).
struct JSONProbability: Encodable {
    var p: Double
    var se: Double?
    var upper_95: Double?
    var lower_95: Double?

    init(_ proportion: Proportion) {
        p = proportion.estimate
        upper_95 = proportion.upperBound95
        lower_95 = proportion.lowerBound95
        se = upper_95 == nil && lower_95 == nil ? proportion.standardError : nil
    }
}

/// Percentiles in JSON: P1, P10, P50, P90, P99, each with its standard error.
struct JSONPercentiles: Encodable {
    var p1: Double
    var p10: Double
    var p50: Double
    var p90: Double
    var p99: Double
    var p1_se: Double
    var p10_se: Double
    var p50_se: Double
    var p90_se: Double
    var p99_se: Double

    init(_ percentiles: Percentiles) {
        p1 = percentiles.p1
        p10 = percentiles.p10
        p50 = percentiles.p50
        p90 = percentiles.p90
        p99 = percentiles.p99
        p1_se = percentiles.p1StandardError
        p10_se = percentiles.p10StandardError
        p50_se = percentiles.p50StandardError
        p90_se = percentiles.p90StandardError
        p99_se = percentiles.p99StandardError
    }
}
