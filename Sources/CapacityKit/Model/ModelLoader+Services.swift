import Foundation
import Yams

/// The `services:` section.
extension ModelLoader {
    static func readServices(_ top: Fields, defaults: Model.Thresholds?, _ reader: YAMLReader) -> [Model.Service] {
        var services: [Model.Service] = []
        var seen: [String: String] = [:], columns: [String: String] = [:]
        for (node, path) in top.list("services", required: true, nonEmpty: true) {
            guard let fields = reader.fields(node, at: path, allowed: ["name", "memory", "limit_mb", "thresholds"])
            else { continue }
            let name = fields.string("name")
            if let name { checkUnique(name, at: fields, in: &seen, columns: &columns, reader) }
            var memory: Model.Memory?
            if let m = fields.fields("memory", allowed: ["base_mb", "per_rps_mb", "per_connection_mb", "noise"],
                                     required: true) {
                let base = m.number("base_mb", .memoryOrZeroMB)
                let perRPS = m.number("per_rps_mb", .perUnitMB, fallback: 0)
                let perConnection = m.number("per_connection_mb", .perUnitMB, fallback: 0)
                let noise = m.number("noise", .noise, percent: true, fallback: 0)
                if let base, let perRPS, let perConnection, let noise {
                    memory = Model.Memory(baseMB: base, perRPSMB: perRPS, perConnectionMB: perConnection, noise: noise)
                }
            }
            let limit = fields.has("limit_mb") ? fields.number("limit_mb", .memoryMB) : nil
            let levels = readLevels(fields, defaults: defaults)
            if fields.has("thresholds") && !fields.has("limit_mb") {
                reader.report(fields["thresholds"], fields.path("thresholds"),
                              "\(fields.path("thresholds")) needs `limit_mb`: the levels are fractions of the container limit")
            }
            if let name, let memory, let levels {
                services.append(Model.Service(name: name, memory: memory, limitMB: limit, thresholds: levels))
            }
        }
        return services
    }
}
