/// How every output of a run with overrides (`--set`) says so, so that a
/// printed table is never taken for the model file's base case: a line under
/// the headline (table, Markdown), an `overrides` column (CSV) and an
/// `overrides` array (JSON). Without overrides, nothing changes.
public enum OverrideNote {
    /// `With --set traffic.growth.mean=30% (file: 20%), --set host.nodes=2 (file: 1): not the model file's base case.`
    public static func line(_ overrides: [ModelOverride]) -> String? {
        guard !overrides.isEmpty else { return nil }
        return "With " + overrides.map(flag).joined(separator: ", ") + ": not the model file's base case."
    }

    /// `--set traffic.growth.mean=30% (file: 20%)`, or `scenario `fast growth`: …` for a scenario's entry.
    static func flag(_ override: ModelOverride) -> String {
        switch override.origin {
        case .commandLine: "--set \(override.withPrevious)"
        case .scenario(let name): "scenario `\(name)`: \(override.withPrevious)"
        }
    }

    /// `document` with an `overrides` column (`traffic.growth.mean=30%; host.nodes=2` on every row).
    static func csv(_ document: CSVDocument, _ overrides: [ModelOverride]) -> CSVDocument {
        guard !overrides.isEmpty else { return document }
        let cell = overrides.map(\.description).joined(separator: "; ")
        return CSVDocument(header: document.header + ["overrides"], rows: document.rows.map { $0 + [cell] })
    }

    /// The JSON array, nil (left out) without overrides.
    static func json(_ overrides: [ModelOverride]) -> [JSONOverride]? {
        overrides.isEmpty ? nil : overrides.map(JSONOverride.init)
    }
}

/// One override in JSON: the key path, the value given, the file's value (null when
/// the file does not give the key) and where it comes from (`--set` or `scenario`).
struct JSONOverride: Encodable {
    var key: String
    var value: String
    var file_value: String?
    var origin: String
    var scenario: String?

    init(_ override: ModelOverride) {
        key = override.keyPath
        value = override.value
        file_value = override.previous
        switch override.origin {
        case .commandLine: origin = "--set"
        case .scenario(let name): (origin, scenario) = ("scenario", name)
        }
    }
}
