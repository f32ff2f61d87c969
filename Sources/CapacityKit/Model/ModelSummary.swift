/// A few lines that say what a model holds: what `capacity validate` prints.
public struct ModelSummary: Sendable {
    public let text: String

    public init(_ model: Model) {
        let format = NumberFormat.exact
        let host = model.host
        var lines = [
            "model: \(model.name) (starts \(model.start)" + (model.inputsAge.map { ", inputs from \($0.month)" } ?? "") + ")",
            "host: \(host.nodes) × \(format(host.memoryMB)) MB, \(format(host.usableMB)) MB usable per node"
                + (host.costPerMonth > 0 ? ", \(format(host.costPerMonth))/month per node" : ""),
            "traffic: \(format(model.traffic.rps)) rps, growing \(format(model.traffic.growth.mean * 100)) %/month",
            "services: " + model.services.map(\.name).joined(separator: ", "),
        ]
        if let age = model.inputsAge { lines.insert(age.line, at: 1) }
        if !model.pools.isEmpty { lines.append("pools: " + model.pools.map(\.name).joined(separator: ", ")) }
        if !model.workers.isEmpty {
            lines.append("workers: " + model.workers.map { "\($0.name) (\($0.perNode) per node)" }.joined(separator: ", "))
        }
        if let deployment = model.deployment {
            lines.append("deployment: \(deployment.stages.count) stages (" + deployment.stages.map(\.name).joined(separator: ", ") + ")")
        }
        if let availability = model.availability {
            lines.append("availability: \(availability.components.count) components, target \(format(availability.target * 100)) %")
        }
        if let scaling = model.scaling {
            lines.append("scaling: " + scaling.options.map(\.name).joined(separator: ", "))
        }
        if let correlations = model.correlations {
            lines.append("correlations: " + correlations.inputs.joined(separator: ", "))
        }
        if !model.scenarios.isEmpty {
            lines.append("scenarios: " + model.scenarios.map { scenario in
                "\(scenario.name) (" + scenario.overrides.map(\.description).joined(separator: ", ") + ")"
            }.joined(separator: "; "))
        }
        text = lines.joined(separator: "\n") + "\n"
    }
}
