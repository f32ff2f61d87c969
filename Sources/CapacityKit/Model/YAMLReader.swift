import Foundation
import Yams

/// Reads typed values out of a composed YAML tree and collects every problem
/// as a located ``Diagnostic`` instead of stopping at the first.
///
/// Getters return nil for a value that is missing (when required) or invalid,
/// after reporting it; callers substitute a placeholder and carry on, and
/// ``ModelLoader`` throws all diagnostics at the end.
final class YAMLReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Every node read, by key path: where ``ModelRules`` findings are located.
    private(set) var nodes: [String: Node] = [:]

    init(file: String) {
        self.file = file
    }

    /// The `--set` overrides being read, by the index in their nodes' tag
    /// (``OverrideTree``): a problem with a node one of them brought is located
    /// at the flag (`--set KEY=VALUE: …`), not in the file.
    var commandLineOverrides: [Int: String] = [:]
    /// While a scenario's model is read: its name, the tag indices of its entries, and
    /// its name in the file, where problems with nodes it did not bring are located.
    var scenario: (name: String, tags: Set<Int>, anchor: Node)?

    /// Records a problem at `node` (or at line 1, column 1 when the tree has no mark).
    func report(_ node: Node?, _ path: String, _ message: String, hint: String? = nil,
                severity: Diagnostic.Severity = .error) {
        let origin = OverrideTree.origin(of: node)
        if let origin, let flag = commandLineOverrides[origin] {
            diagnostics.append(Diagnostic(file: "--set \(flag)", line: 0, column: 0, path: path, message: message,
                                          hint: hint, severity: severity))
            return
        }
        var place = node, message = message
        if let scenario {
            message = "scenario `\(Self.shown(scenario.name))`: " + message
            if !(origin.map(scenario.tags.contains) ?? false) { place = scenario.anchor }
        }
        let mark = place?.mark
        diagnostics.append(Diagnostic(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1,
                                      path: path, message: message, hint: hint, severity: severity))
    }

    /// `node` as a mapping whose keys must come from `allowed`; unknown keys are
    /// reported with a "did you mean" hint (Yams already refuses repeated keys).
    func fields(_ node: Node, at path: String, allowed: [String]) -> Fields? {
        record(node, at: path)
        guard let mapping = node.mapping else {
            report(node, path, "\(path.isEmpty ? "the model" : path) must be a mapping of keys to values; got \(Self.describe(node))")
            return nil
        }
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            let keyPath = Fields.join(path, key)
            if !allowed.contains(key) {
                report(keyNode, keyPath, "unknown key `\(Self.shown(key))` in \(path.isEmpty ? "the model" : path)",
                       hint: Self.suggestion(for: key, among: allowed))
            } else {
                values[key] = value
            }
        }
        return Fields(reader: self, node: node, path: path, values: values)
    }

    /// Remembers where the value at `path` stands in the file.
    func record(_ node: Node, at path: String) {
        if nodes[path] == nil { nodes[path] = node }
    }

    /// Text as a message shows it: as written, or quoted with escapes (`"a\\nb"`)
    /// when it holds a line break or another control character, so that one
    /// diagnostic stays on one line.
    static func shown(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control
                || $0 == "\u{2028}" || $0 == "\u{2029}" }) else { return text }
        return "\"" + text.unicodeScalars.map { scalar in
            switch scalar {
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            case "\"": "\\\""
            case "\\": "\\\\"
            default: scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
                ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
            }
        }.joined() + "\""
    }

    /// "did you mean `x`?" for the closest allowed key within a small edit
    /// distance, otherwise the list of allowed keys.
    static func suggestion(for key: String, among allowed: [String]) -> String {
        let ranked = allowed.map { ($0, editDistance(key.lowercased(), $0)) }.min { $0.1 < $1.1 }
        if let (best, distance) = ranked, distance <= max(2, best.count / 3) {
            return "did you mean `\(best)`?"
        }
        return "allowed keys: " + allowed.map { "`\($0)`" }.joined(separator: ", ")
    }

    /// Levenshtein distance between two strings (unit costs), O(|a|·|b|).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1,
                                 previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }

    /// A short description of a node for messages: its text, or its kind.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" { return "nothing (null)" }
            return shown(scalar.string)
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

/// The keys of one YAML mapping, read into typed values.
struct Fields {
    let reader: YAMLReader
    let node: Node
    let path: String
    private let values: [String: Node]

    init(reader: YAMLReader, node: Node, path: String, values: [String: Node]) {
        self.reader = reader
        self.node = node
        self.path = path
        self.values = values
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func path(_ key: String) -> String { Self.join(path, key) }
    func has(_ key: String) -> Bool { values[key] != nil }
    subscript(key: String) -> Node? { values[key] }

    /// The value of `key`, or nil (reported) when `required` and absent.
    func value(_ key: String, required: Bool, hint: String? = nil) -> Node? {
        if let value = values[key] {
            reader.record(value, at: path(key))
            return value
        }
        if required {
            reader.report(node, path(key), "\(path.isEmpty ? "the model" : path) is missing required key `\(key)`", hint: hint)
        }
        return nil
    }

    /// A finite number satisfying `rule`; with `percent`, "20%" means 0.2.
    /// Absent: `fallback` when given, else reported as missing.
    func number(_ key: String, _ rule: NumberRule = .any, percent: Bool = false,
                fallback: Double? = nil) -> Double? {
        guard let node = value(key, required: fallback == nil) else { return fallback }
        return Self.number(node, at: path(key), rule, percent: percent, reader: reader)
    }

    static func number(_ node: Node, at path: String, _ rule: NumberRule, percent: Bool,
                       reader: YAMLReader) -> Double? {
        guard let text = node.scalar?.string, !text.isEmpty, text != "~", text != "null" else {
            reader.report(node, path, "\(path) must be a number\(percent ? " or a percentage" : ""); got \(YAMLReader.describe(node))")
            return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = percent ? parseRate(trimmed) : parse(trimmed) else {
            let lowered = trimmed.lowercased()
            if ["nan", ".nan", "inf", ".inf", "+.inf", "-.inf", "-inf", "+inf", "infinity", "-infinity"].contains(lowered) {
                reader.report(node, path, "\(path) must be a finite number; got \(YAMLReader.shown(text))")
            } else if !percent && trimmed.hasSuffix("%") {
                reader.report(node, path, "\(path) must be a plain number, not a percentage; got \(YAMLReader.shown(text))")
            } else {
                reader.report(node, path, "\(path) must be a number\(percent ? " (0.2 or \"20%\")" : ""); got \(YAMLReader.shown(text))")
            }
            return nil
        }
        guard rule.test(value) else {
            reader.report(node, path, "\(path) must be \(rule.allowed); got \(YAMLReader.shown(text))", hint: rule.hint)
            return nil
        }
        return value
    }

    /// Decimal text to a finite Double; `_` separators and surrounding spaces allowed;
    /// nil for NaN, ±∞ and non-numbers. Also reads the numbers of the quick forms
    /// (``DeploymentQuickForm``, ``AvailabilityShorthand``), so all accept the same text.
    static func parse(_ text: String) -> Double? {
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        guard let first = cleaned.first, first.isNumber || first == "-" || first == "+" || first == ".",
              let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }

    /// A rate: `0.2`, or `20%` (a trailing `%` divides by 100), as ``parse(_:)`` reads numbers.
    static func parseRate(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.hasSuffix("%") ? parse(String(trimmed.dropLast())).map { $0 / 100 } : parse(trimmed)
    }

    /// A whole number satisfying `rule`.
    func integer(_ key: String, _ rule: NumberRule = .any, fallback: Int? = nil) -> Int? {
        guard let node = value(key, required: fallback == nil) else { return fallback }
        guard let value = Self.number(node, at: path(key), .any, percent: false, reader: reader) else { return nil }
        guard value == value.rounded() else {
            reader.report(node, path(key), "\(path(key)) must be a whole number; got \(YAMLReader.describe(node))")
            return nil
        }
        guard rule.test(value), abs(value) < 1e15 else {
            reader.report(node, path(key), "\(path(key)) must be \(rule.allowed); got \(YAMLReader.describe(node))", hint: rule.hint)
            return nil
        }
        return Int(value)
    }

    /// Non-empty text.
    func string(_ key: String, fallback: String? = nil, hint: String? = nil) -> String? {
        guard let node = value(key, required: fallback == nil, hint: hint) else { return fallback }
        guard let text = node.scalar?.string, !text.trimmingCharacters(in: .whitespaces).isEmpty,
              text != "~", text != "null" else {
            reader.report(node, path(key), "\(path(key)) must be non-empty text; got \(YAMLReader.describe(node))")
            return nil
        }
        return text
    }

    /// `true` or `false`.
    func bool(_ key: String, fallback: Bool) -> Bool? {
        guard let node = value(key, required: false) else { return fallback }
        switch node.scalar?.string {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            reader.report(node, path(key), "\(path(key)) must be true or false; got \(YAMLReader.describe(node))")
            return nil
        }
    }

    /// A nested mapping with its allowed keys; nil when absent and not required.
    func fields(_ key: String, allowed: [String], required: Bool = false) -> Fields? {
        guard let node = value(key, required: required) else { return nil }
        return reader.fields(node, at: path(key), allowed: allowed)
    }

    /// The elements of a list, with their key paths (`services[0]`, …).
    func list(_ key: String, required: Bool = false, nonEmpty: Bool = false) -> [(node: Node, path: String)] {
        guard let node = value(key, required: required) else { return [] }
        guard let sequence = node.sequence else {
            reader.report(node, path(key), "\(path(key)) must be a list; got \(YAMLReader.describe(node))")
            return []
        }
        if nonEmpty && sequence.isEmpty {
            reader.report(node, path(key), "\(path(key)) must list at least one entry; got an empty list")
        }
        if sequence.count > NumberRule.maximumListLength {
            reader.report(node, path(key), "\(path(key)) must list at most \(NumberRule.maximumListLength) entries; got \(sequence.count)",
                          hint: "capacity models a small or mid-size stack; group similar entries into one")
            return []
        }
        return sequence.enumerated().map { (node: $1, path: "\(path(key))[\($0)]") }
    }
}
