import Foundation
import Yams

/// Writes a calibration into the model file's own text: only the calibrated
/// values change, each line holding one gets a trailing
/// `# calibrated from FILE, n=…, R²=…`, and a `calibration:` section (replacing
/// any earlier one) at the end records the sources, months, date and every fit
/// statistic. Every other byte — comments, order, layout — is kept.
///
/// Values are located by the YAML parser's marks (line and column of each
/// scalar). A key the file does not have yet is added to its mapping (before
/// the `}` of a one-line flow mapping, or as a new line of a block mapping);
/// a bare `peak_factor: 1.8` becomes `{mean: …, sd: …}`.
/// Values are rounded to the standard error's second significant digit
/// (4 significant digits without one), in the file's own form (`20%` stays a
/// percentage). The result is validated by ``ModelLoader/parse(_:file:)``.
public enum ModelRewriter {
    /// The calibrated text of `text` (the file `file`); `date` (YYYY-MM-DD) is recorded in `calibration:`.
    ///
    /// - Throws: ``ModelError`` if the text or the result does not validate;
    ///   ``CalibrationError`` when a value's place in the text cannot be found.
    public static func rewrite(_ text: String, file: String, result: CalibrationResult, date: String) throws -> String {
        _ = try ModelLoader.parse(text, file: file)
        guard let root = try Yams.compose(yaml: text) else { throw CalibrationError("\(file): the model file is empty") }
        var lines = text.components(separatedBy: "\n").map { Array($0.unicodeScalars) }
        var comments: [Int: [String]] = [:]  // 0-based line → comment texts
        var insertions: [(afterLine: Int, text: String, comment: String)] = []
        // Edits on one line go right to left so earlier columns stay valid.
        var edits: [(line: Int, column: Int, length: Int, replacement: String)] = []

        for fit in result.fits {
            let comment = Self.comment(for: fit)
            var written: Set<String> = []
            for value in fit.values {
                let (parentPath, key) = split(value.key)
                // `peak_factor: 1.8` (a bare mean) becomes `{mean: …, sd: …}` with every value of its fit.
                if let scalar = resolve(parentPath, in: root)?.scalar, let mark = scalar.mark {
                    guard written.insert(parentPath).inserted else { continue }
                    let line = mark.line - 1, column = mark.column - 1
                    let length = try tokenLength(lines[line], from: column, scalar: scalar, file: file, key: parentPath)
                    let members = fit.values.filter { split($0.key).0 == parentPath }
                    let text = "{" + members.map { "\(split($0.key).1): \(format($0, like: nil))" }.joined(separator: ", ") + "}"
                    edits.append((line, column, length, text))
                    comments[line, default: []].append(comment)
                    continue
                }
                guard let parent = resolve(parentPath, in: root), let mapping = parent.mapping else {
                    throw CalibrationError("\(file): cannot find `\(parentPath)` to write \(value.key)")
                }
                if let node = mapping[key], let scalar = node.scalar, let mark = scalar.mark {
                    let line = mark.line - 1, column = mark.column - 1
                    let raw = lines[line]
                    let length = try tokenLength(raw, from: column, scalar: scalar, file: file, key: value.key)
                    let original = String(String.UnicodeScalarView(raw[column..<(column + length)]))
                    edits.append((line, column, length, format(value, like: original)))
                    comments[line, default: []].append(comment)
                } else if let mark = mapping.mark, lines[mark.line - 1].indices.contains(mark.column - 1),
                          lines[mark.line - 1][mark.column - 1] == "{" {
                    let line = mark.line - 1
                    guard let close = closingBrace(lines[line], from: mark.column - 1) else {
                        throw CalibrationError("\(file):\(mark.line):\(mark.column): cannot add `\(key)` to a flow mapping spread over several lines; add `\(key): 0` and calibrate again")
                    }
                    var at = close
                    while at > 0 && lines[line][at - 1] == " " { at -= 1 }
                    edits.append((line, at, 0, ", \(key): \(format(value, like: nil))"))
                    comments[line, default: []].append(comment)
                } else if let (last, indent) = lastLine(of: mapping) {
                    insertions.append((last, String(repeating: " ", count: indent) + "\(key): \(format(value, like: nil))", comment))
                } else {
                    throw CalibrationError("\(file): cannot add `\(key)` to `\(parentPath)`; add `\(key): 0` and calibrate again")
                }
            }
        }
        let commentColumns = comments.keys.reduce(into: [Int: Int]()) { $0[$1] = commentStart(lines[$1]) }
        for edit in edits.sorted(by: { ($0.line, $0.column) > ($1.line, $1.column) }) {
            lines[edit.line].replaceSubrange(edit.column..<(edit.column + edit.length),
                                             with: Array(edit.replacement.unicodeScalars))
        }
        for (line, texts) in comments {
            lines[line] = withComment(lines[line], unique(texts), at: commentColumns[line] ?? nil)
        }
        for insertion in insertions.sorted(by: { $0.afterLine > $1.afterLine }) {
            lines.insert(withComment(Array(insertion.text.unicodeScalars), [insertion.comment], at: nil),
                         at: insertion.afterLine + 1)
        }
        var output = lines.map { String(String.UnicodeScalarView($0)) }
        output = removingCalibrationSection(output)
        while output.last?.isEmpty == true { output.removeLast() }
        let rewritten = output.joined(separator: "\n") + "\n\n" + section(result, date: date)
        _ = try ModelLoader.parse(rewritten, file: file)
        return rewritten
    }

    /// `# calibrated from FILE, n=…, R²=…` (R² for least-squares fits only).
    static func comment(for fit: CalibrationFit) -> String {
        var text = "calibrated from \(fit.source), n=\(fit.count)"
        if let r2 = fit.rSquared { text += ", R²=\(NumberFormat.decimal(r2, 3))" }
        if fit.name == Calibration.hostFitName { text += ", host fit shared out" }
        if fit.name == Calibration.outsideContainersFitName { text += ", host total less the services with limit_mb" }
        return text
    }

    /// The value as text: rounded to the second significant digit of its standard error
    /// (4 significant digits without one), a percentage when the file wrote one.
    static func format(_ value: CalibratedValue, like original: String?) -> String {
        let quote = original.flatMap { $0.first == "\"" || $0.first == "'" ? String($0.first!) : nil } ?? ""
        let bare = original.map { quote.isEmpty ? $0 : String($0.dropFirst().dropLast()) } ?? ""
        let percent = bare.hasSuffix("%")
        let scale = percent ? 100.0 : 1.0
        let number = value.value * scale
        let text: String
        if let se = value.standardError, se > 0, se.isFinite {
            let places = min(8, max(0, 1 - Int(floor(log10(se * scale)))))
            text = NumberFormat.decimal(number, places)
        } else {
            text = NumberFormat.short(number, digits: 4)
        }
        return quote + text + (percent ? "%" : "") + quote
    }

    /// `services[0].memory.base_mb` → (`services[0].memory`, `base_mb`).
    static func split(_ key: String) -> (String, String) {
        guard let dot = key.lastIndex(of: ".") else { return ("", key) }
        return (String(key[..<dot]), String(key[key.index(after: dot)...]))
    }

    /// The node at a key path such as `services[1].memory` (`""` is the root).
    static func resolve(_ path: String, in root: Node) -> Node? {
        var node: Node? = root
        for part in path.split(separator: ".") {
            var name = Substring(part), indices: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                guard let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) else { return nil }
                indices.insert(index, at: 0)
                name = name[..<open]
            }
            node = node?.mapping?[String(name)]
            for index in indices {
                guard let sequence = node?.sequence, index < sequence.count else { return nil }
                node = sequence[index]
            }
        }
        return node
    }

    /// The length in Unicode scalars of the scalar token starting at `column`.
    static func tokenLength(_ line: [Unicode.Scalar], from column: Int, scalar: Node.Scalar, file: String,
                            key: String) throws -> Int {
        let body = Array(scalar.string.unicodeScalars)
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        let length = body.count + (quoted ? 2 : 0)
        let start = column + (quoted ? 1 : 0)
        guard column + length <= line.count, Array(line[start..<(start + body.count)]) == body else {
            throw CalibrationError("\(file): cannot find the text of \(key) at its position; write it on one line, unescaped")
        }
        return length
    }

    /// The column of the `}` that closes the flow mapping opening at `column`, on the same line.
    static func closingBrace(_ line: [Unicode.Scalar], from column: Int) -> Int? {
        var depth = 0, quote: Unicode.Scalar?
        for index in column..<line.count {
            let c = line[index]
            if let open = quote { if c == open { quote = nil }; continue }
            switch c {
            case "\"", "'": quote = c
            case "{", "[": depth += 1
            case "}", "]":
                depth -= 1
                if depth == 0 { return c == "}" ? index : nil }
            case "#" where index > 0 && line[index - 1] == " ": return nil
            default: break
            }
        }
        return nil
    }

    /// The 0-based line of a block mapping's last value (one-line scalar or flow node) and its keys' indent.
    static func lastLine(of mapping: Node.Mapping) -> (Int, Int)? {
        guard let first = mapping.first?.key.mark, let last = mapping.reversed().first?.value else { return nil }
        switch last {
        case .scalar(let scalar) where scalar.style == .plain || scalar.style == .singleQuoted || scalar.style == .doubleQuoted:
            return scalar.mark.map { ($0.line - 1, first.column - 1) }
        case .mapping(let inner) where inner.style == .flow:
            return inner.mark.map { ($0.line - 1, first.column - 1) }
        default:
            return nil
        }
    }

    /// The column where `line`'s trailing comment starts (a `#` after a blank, outside quotes), if any.
    static func commentStart(_ line: [Unicode.Scalar]) -> Int? {
        var quote: Unicode.Scalar?
        for (index, c) in line.enumerated() {
            if let open = quote { if c == open { quote = nil }; continue }
            if c == "\"" || c == "'" { quote = c }
            if c == "#" && (index == 0 || line[index - 1] == " " || line[index - 1] == "\t") { return index }
        }
        return nil
    }

    /// `line` with its trailing comment (if any) replaced by `# texts…`, at `column` (the
    /// original comment's) when the code leaves room, else two spaces after the code.
    static func withComment(_ line: [Unicode.Scalar], _ texts: [String], at column: Int?) -> [Unicode.Scalar] {
        var code = Array(line[..<(commentStart(line) ?? line.count)])
        while code.last == " " || code.last == "\t" { code.removeLast() }
        let column = max(code.count + 2, column ?? 0)
        let padding = String(repeating: " ", count: column - code.count)
        return code + Array((padding + "# " + texts.joined(separator: "; ")).unicodeScalars)
    }

    static func unique(_ texts: [String]) -> [String] {
        var seen: Set<String> = []
        return texts.filter { seen.insert($0).inserted }
    }

    /// The lines without a top-level `calibration:` block (from its key to the next top-level key).
    static func removingCalibrationSection(_ lines: [String]) -> [String] {
        guard let start = lines.firstIndex(where: { $0.hasPrefix("calibration:") }) else { return lines }
        var end = start + 1
        while end < lines.count, lines[end].isEmpty || lines[end].first == " " || lines[end].first == "#" { end += 1 }
        return Array(lines[..<start] + lines[end...])
    }

    /// The `calibration:` section: date, sources, months, and every fit with its values.
    static func section(_ result: CalibrationResult, date: String) -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        func number(_ value: Double?) -> String { value.map(NumberFormat.exact) ?? "null" }
        var lines = ["calibration:                    # written by `capacity calibrate`: the fits behind the values marked above",
                     "  date: \(date)",
                     "  sources: [\(result.sources.map(quoted).joined(separator: ", "))]"]
        if let first = result.firstMonth, let last = result.lastMonth {
            lines.append("  months: {first: \(first), last: \(last)}")
        }
        lines.append("  fits:")
        for fit in result.fits {
            lines.append("    - name: \(quoted(fit.name))")
            lines.append("      source: \(quoted(fit.source))")
            lines.append("      n: \(fit.count)")
            if let r2 = fit.rSquared { lines.append("      r_squared: \(NumberFormat.exact(r2))") }
            if !fit.notes.isEmpty { lines.append("      notes: [\(fit.notes.map(quoted).joined(separator: ", "))]") }
            lines.append("      values:")
            for value in fit.values {
                lines.append("        - {key: \(quoted(value.key)), value: \(NumberFormat.exact(value.value)), se: \(number(value.standardError)), previous: \(NumberFormat.exact(value.previous))}")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
