import Foundation
import Yams

/// The `host:` and `thresholds:` sections, and the warn/critical levels a service or pool may give.
extension ModelLoader {
    static func readHost(_ top: Fields, _ reader: YAMLReader) -> Model.Host? {
        guard let host = top.fields("host", allowed: ["memory_mb", "reserved_mb", "nodes", "cost_per_month", "cores"],
                                    required: true) else { return nil }
        let memory = host.number("memory_mb", .memoryMB)
        let reserved = host.number("reserved_mb", .memoryOrZeroMB, fallback: 0)
        let nodes = host.integer("nodes", .nodes, fallback: 1)
        let cost = host.number("cost_per_month", .cost, fallback: 0)
        let cores = host.has("cores") ? host.number("cores", .cores) : nil
        guard let memory, let reserved, let nodes, let cost, host.has("cores") == (cores != nil) else { return nil }
        return Model.Host(memoryMB: memory, reservedMB: reserved, nodes: nodes, costPerMonth: cost, cores: cores)
    }

    static func readThresholds(_ top: Fields, _ reader: YAMLReader) -> Model.Thresholds? {
        guard let fields = top.fields("thresholds", allowed: ["warn", "critical", "risk"]) else { return Model.Thresholds() }
        let warn = fields.number("warn", .probability, percent: true, fallback: 0.75)
        let critical = fields.number("critical", .probability, percent: true, fallback: 0.85)
        let risk = fields.number("risk", .probability, percent: true, fallback: 0.01)
        guard let warn, let critical, let risk else { return nil }
        return Model.Thresholds(warn: warn, critical: critical, risk: risk)
    }

    /// An optional per-resource `thresholds: {warn, critical}`, each defaulting to the model's:
    /// `.some(nil)` when absent, nil when invalid (reported).
    static func readLevels(_ fields: Fields, defaults: Model.Thresholds?) -> Model.Levels?? {
        guard fields.has("thresholds") else { return .some(nil) }
        guard let levels = fields.fields("thresholds", allowed: ["warn", "critical"]) else { return nil }
        let warn = levels.number("warn", .probability, percent: true, fallback: defaults?.warn ?? 0.75)
        let critical = levels.number("critical", .probability, percent: true, fallback: defaults?.critical ?? 0.85)
        guard let warn, let critical else { return nil }
        return .some(Model.Levels(warn: warn, critical: critical))
    }
}
