import Foundation
import Yams

/// Unique names, and unique column names, among a section's items.
extension ModelLoader {
    /// Services and pools name CSV columns and JSON keys (`<name>_memory_p90_mb`):
    /// two names that normalise to the same column (`API V2`, `api-v2`, `api_v2`)
    /// would give a CSV with repeated columns, so they are refused too.
    static func checkUnique(_ name: String, at fields: Fields, in seen: inout [String: String],
                            columns: inout [String: String], _ reader: YAMLReader) {
        let column = ColumnName.of(name)
        if seen[name] == nil, let first = columns[column] {
            reader.report(fields["name"], fields.path("name"),
                          "\(fields.path("name")) `\(YAMLReader.shown(name))` gives the same column name `\(column)` as \(first)",
                          hint: "CSV columns and JSON keys use lowercase letters, digits and `_`; rename one of them")
        } else if seen[name] == nil {
            columns[column] = "\(fields.path) `\(YAMLReader.shown(name))`"
        }
        checkUnique(name, at: fields, in: &seen, reader)
    }

    static func checkUnique(_ name: String, at fields: Fields, in seen: inout [String: String],
                            _ reader: YAMLReader) {
        if let first = seen[name] {
            reader.report(fields["name"], fields.path("name"),
                          "\(fields.path("name")) repeats the name `\(YAMLReader.shown(name))` of \(first)", hint: "names must be unique")
        } else {
            seen[name] = fields.path
        }
    }

    /// A section item's `service`, reported when it names none of `services` (with the closest
    /// name as a hint); the text either way, nil when missing or not text.
    static func serviceReference(_ fields: Fields, services: [Model.Service], _ reader: YAMLReader) -> String? {
        let service = fields.string("service")
        if let service, !services.isEmpty, !services.contains(where: { $0.name == service }) {
            reader.report(fields["service"], fields.path("service"),
                          "\(fields.path("service")) names no service; got \(YAMLReader.shown(service))",
                          hint: YAMLReader.suggestion(for: service, among: services.map(\.name))
                            .replacingOccurrences(of: "allowed keys", with: "services are"))
        }
        return service
    }
}
