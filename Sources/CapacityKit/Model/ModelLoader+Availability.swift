import Foundation
import Yams

/// The `availability:` section.
extension ModelLoader {
    static func readAvailability(_ fields: Fields, _ reader: YAMLReader) -> Model.Availability {
        let target = fields.number("target", .probability, percent: true) ?? 0
        var components: [Model.Component] = []
        var seen: [String: String] = [:]
        let allowed = ["name", "availability", "mtbf_hours", "mttr_minutes", "replicas", "required",
                       "critical_path", "failover"]
        for (node, path) in fields.list("components", required: true, nonEmpty: true) {
            guard let component = reader.fields(node, at: path, allowed: allowed) else { continue }
            let name = component.string("name")
            if let name { checkUnique(name, at: component, in: &seen, reader) }
            var reliability: Model.Reliability?
            let hasRepair = component.has("mtbf_hours") || component.has("mttr_minutes")
            if component.has("availability") && hasRepair {
                reader.report(component["availability"], component.path("availability"),
                              "\(path).availability and mtbf_hours/mttr_minutes are both given",
                              hint: "give either `availability` or `mtbf_hours` with `mttr_minutes`")
            } else if component.has("availability") {
                reliability = component.number("availability", .probability, percent: true).map { .availability($0) }
            } else if hasRepair {
                let mtbf = component.number("mtbf_hours", .mtbfHours)
                let mttr = component.number("mttr_minutes", .mttrMinutes)
                if let mtbf, let mttr { reliability = .failureAndRepair(mtbfHours: mtbf, mttrMinutes: mttr) }
            } else {
                reader.report(component.node, component.path("availability"), "\(path) is missing `availability`",
                              hint: "give `availability: 99.9%` or `mtbf_hours` with `mttr_minutes`")
            }
            let replicas = component.integer("replicas", .replicas, fallback: 1)
            let required = component.integer("required", .replicas, fallback: 1)
            if let replicas, let required, required > replicas {
                reader.report(component["required"], component.path("required"),
                              "\(component.path("required")) must be ≤ replicas (\(replicas)); got \(required)",
                              hint: "k-of-n needs k ≤ n")
            }
            let critical = component.bool("critical_path", fallback: true)
            var failover: Double??  = .some(nil)
            if let fields = component.fields("failover", allowed: ["success_rate"]) {
                failover = fields.number("success_rate", .probability, percent: true).map { .some($0) }
            }
            if let name, let reliability, let replicas, let required, required <= replicas, let critical,
               let failover {
                components.append(Model.Component(name: name, reliability: reliability, replicas: replicas,
                                                  required: required, criticalPath: critical,
                                                  failoverSuccessRate: failover))
            }
        }
        return Model.Availability(target: target, components: components)
    }
}
