import Foundation

/// Reads a Prometheus `query_range` response as a stream of bytes, series by series and
/// sample by sample, never holding the document: memory is bounded by one chunk
/// (64 KiB), one label set and the caller's accumulator, whatever the response's size.
///
/// The documented shape (https://prometheus.io/docs/prometheus/latest/querying/api/):
///
///     {"status": "success", "warnings": ["…"],
///      "data": {"resultType": "matrix",
///               "result": [{"metric": {…}, "values": [[1719792000, "12.5"], …]}, …]}}
///
/// A JSON pull parser restricted to what this shape needs: strings (escapes and
/// UTF-8 checked), numbers, and any other value skipped. Complexity O(bytes).
struct PrometheusResponseReader {
    /// What the reader found in the response besides the samples.
    struct Summary {
        var status: String?
        var errorType: String?
        var error: String?
        var resultType: String?
        var warnings: [String] = []
        var seriesCount = 0
    }

    /// A problem with the bytes: truncated or not JSON (`syntax`), or a message about the shape.
    enum Problem: Error {
        case syntax
        case notUTF8
        case shape(String, hint: String? = nil)
    }

    private let next: () -> Data?
    private var buffer: [UInt8] = []
    private var index = 0
    /// Reused for each number's and string's bytes (no allocation per sample).
    private var scratch: [UInt8] = []
    private var finished = false

    /// Reads from `chunks`, called until it returns nil or empty data (end of input).
    init(chunks: @escaping () -> Data?) {
        next = chunks
    }

    /// Reads the whole response; `series` is called at each series' start with its labels and
    /// returns a sink that is called for each sample (Unix seconds, value text).
    mutating func read(series: ([String: String]) -> (Double, String) -> Void) throws(Problem) -> Summary {
        var summary = Summary()
        skipSpace()
        guard try peek() == UInt8(ascii: "{") else {
            if try peekOrNil() == nil { throw .syntax }
            throw .shape("expected a JSON object with \"status\" and \"data\"")
        }
        try object { reader, key throws(Problem) in
            switch key {
            case "status": summary.status = try reader.stringOrNil()
            case "errorType": summary.errorType = try reader.stringOrNil()
            case "error": summary.error = try reader.stringOrNil()
            case "warnings":
                try reader.array { reader throws(Problem) in
                    if let text = try reader.stringOrNil() { summary.warnings.append(text) }
                }
            case "data":
                guard try reader.peek() == UInt8(ascii: "{") else { try reader.skipValue(); return }
                try reader.object { reader, key throws(Problem) in
                    switch key {
                    case "resultType": summary.resultType = try reader.stringOrNil()
                    case "result":
                        if let type = summary.resultType, type != "matrix" { try reader.skipValue(); return }
                        guard try reader.peek() == UInt8(ascii: "[") else { try reader.skipValue(); return }
                        try reader.array { reader throws(Problem) in
                            summary.seriesCount += 1
                            try reader.series(number: summary.seriesCount, start: series)
                        }
                    default: try reader.skipValue()
                    }
                }
            default: try reader.skipValue()
            }
        }
        skipSpace()
        guard try peekOrNil() == nil else { throw .syntax }
        return summary
    }

    /// One element of `result`: `{"metric": {…}, "values": [[t, "v"], …]}` (keys in any order;
    /// samples before the labels are held until the labels arrive).
    private mutating func series(number: Int, start: ([String: String]) -> (Double, String) -> Void) throws(Problem) {
        guard try peek() == UInt8(ascii: "{") else { throw .shape("series \(number) is not an object") }
        var labels: [String: String]?
        var sink: ((Double, String) -> Void)?
        var held: [(Double, String)] = []
        var sawValues = false
        try object { reader, key throws(Problem) in
            switch key {
            case "metric":
                var found: [String: String] = [:]
                try reader.object { reader, name throws(Problem) in found[name] = try reader.stringOrNil() ?? "" }
                labels = found
                let s = start(found)
                for (time, value) in held { s(time, value) }
                held = []
                sink = s
            case "values":
                sawValues = true
                guard try reader.peek() == UInt8(ascii: "[") else {
                    throw .shape("series \(number) has no \"values\" list")
                }
                try reader.array { reader throws(Problem) in
                    guard try reader.peek() == UInt8(ascii: "[") else {
                        throw .shape("series \(number) has a sample that is not [unix_seconds, \"value\"]")
                    }
                    var time: Double?, value: String?, count = 0
                    try reader.array { reader throws(Problem) in
                        count += 1
                        if count == 1 { time = try reader.numberOrNil() } else if count == 2 { value = try reader.stringOrNil() } else { try reader.skipValue() }
                    }
                    guard count == 2, let time, time.isFinite, let value else {
                        throw .shape("series \(number) has a sample that is not [unix_seconds, \"value\"]")
                    }
                    if let sink { sink(time, value) } else { held.append((time, value)) }
                }
            case "value":
                throw .shape("expected \"resultType\": \"matrix\" (a query_range response); got \"vector\"",
                             hint: "use /api/v1/query_range, not /api/v1/query")
            default: try reader.skipValue()
            }
        }
        guard sawValues else { throw .shape("series \(number) has no \"values\" list") }
        if labels == nil {
            let s = start([:])
            for (time, value) in held { s(time, value) }
        }
    }

    // MARK: - The pull parser

    private mutating func fill() -> Bool {
        if finished { return false }
        guard let chunk = next(), !chunk.isEmpty else { finished = true; return false }
        buffer = index < buffer.count ? Array(buffer[index...]) + Array(chunk) : Array(chunk)
        index = 0
        return true
    }

    private mutating func peekOrNil() throws(Problem) -> UInt8? {
        while index >= buffer.count { if !fill() { return nil } }
        return buffer[index]
    }

    private mutating func peek() throws(Problem) -> UInt8 {
        guard let byte = try peekOrNil() else { throw .syntax }
        return byte
    }

    private mutating func take() throws(Problem) -> UInt8 {
        let byte = try peek()
        index += 1
        return byte
    }

    private mutating func skipSpace() {
        while let byte = try? peekOrNil(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws(Problem) {
        skipSpace()
        guard try take() == byte else { throw .syntax }
    }

    /// `{ "key": value, … }`, calling `body` with the reader at each value.
    private mutating func object(_ body: (inout PrometheusResponseReader, String) throws(Problem) -> Void) throws(Problem) {
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if try peek() == UInt8(ascii: "}") { index += 1; return }
        while true {
            skipSpace()
            let key = try string()
            try expect(UInt8(ascii: ":"))
            skipSpace()
            try body(&self, key)
            skipSpace()
            let byte = try take()
            if byte == UInt8(ascii: "}") { return }
            guard byte == UInt8(ascii: ",") else { throw .syntax }
        }
    }

    /// `[ value, … ]`, calling `body` with the reader at each element.
    private mutating func array(_ body: (inout PrometheusResponseReader) throws(Problem) -> Void) throws(Problem) {
        try expect(UInt8(ascii: "["))
        skipSpace()
        if try peek() == UInt8(ascii: "]") { index += 1; return }
        while true {
            skipSpace()
            try body(&self)
            skipSpace()
            let byte = try take()
            if byte == UInt8(ascii: "]") { return }
            guard byte == UInt8(ascii: ",") else { throw .syntax }
        }
    }

    /// A string, or nil (and the value skipped) when the value is not one.
    private mutating func stringOrNil() throws(Problem) -> String? {
        skipSpace()
        guard try peek() == UInt8(ascii: "\"") else { try skipValue(); return nil }
        return try string()
    }

    /// A number, or nil (and the value skipped) when the value is not one.
    private mutating func numberOrNil() throws(Problem) -> Double? {
        skipSpace()
        let first = try peek()
        guard first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else {
            try skipValue()
            return nil
        }
        scratch.removeAll(keepingCapacity: true)
        while let byte = try peekOrNil(), Self.isNumberByte(byte) { scratch.append(byte); index += 1 }
        guard let value = Double(String(decoding: scratch, as: UTF8.self)) else { throw .syntax }
        return value
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    /// A JSON string: escapes decoded, UTF-8 checked.
    private mutating func string() throws(Problem) -> String {
        guard try take() == UInt8(ascii: "\"") else { throw .syntax }
        scratch.removeAll(keepingCapacity: true)
        while true {
            let byte = try take()
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: scratch, as: UTF8.self) else { throw .notUTF8 }
                return text
            case UInt8(ascii: "\\"):
                let escape = try take()
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escape)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard try take() == UInt8(ascii: "\\"), try take() == UInt8(ascii: "u") else { throw .syntax }
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw .syntax }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw .syntax }
                    scratch.append(contentsOf: Array(String(Character(unicode)).utf8))
                default: throw .syntax
                }
            case 0..<0x20: throw .syntax
            default: scratch.append(byte)
            }
        }
    }

    private mutating func hex4() throws(Problem) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = try take()
            guard let digit = Int(String(UnicodeScalar(byte)), radix: 16) else { throw .syntax }
            value = value * 16 + UInt32(digit)
        }
        return value
    }

    /// Skips any JSON value.
    private mutating func skipValue() throws(Problem) {
        skipSpace()
        switch try peek() {
        case UInt8(ascii: "{"): try object { reader, _ throws(Problem) in try reader.skipValue() }
        case UInt8(ascii: "["): try array { reader throws(Problem) in try reader.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default:
            let first = try peek()
            guard first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")),
                  try numberOrNil() != nil else { throw .syntax }
        }
    }

    private mutating func literal(_ word: String) throws(Problem) {
        for byte in word.utf8 { guard try take() == byte else { throw .syntax } }
    }
}
