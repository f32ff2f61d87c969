import ArgumentParser
import CapacityKit

/// `--scenario NAME` (repeatable) and `--scenarios all`: run the model's
/// scenarios beside the model as it is, on the same random paths, and print
/// one table with a column group per scenario.
struct ScenarioOptions: ParsableArguments {
    @Option(name: .customLong("scenario"), parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "Run this scenario of the model's scenarios: beside the model as it is, on the same random paths (repeatable).",
        valueName: "name"))
    var names: [String] = []

    @Option(name: .customLong("scenarios"), help: ArgumentHelp("`all`: every scenario of the model.", valueName: "all"))
    var all: String?

    func validate() throws {
        if let all, all != "all" {
            throw CommandFailure.usage("--scenarios takes `all`; got \(all) (one scenario: --scenario NAME)")
        }
    }

    /// True when a comparison was asked for.
    var isRequested: Bool { !names.isEmpty || all != nil }

    /// The scenarios asked for, in the model's order for `all`, else as given; a name the
    /// model does not have is a usage error with the closest name.
    func selected(from model: ValidatedModel, file: String?) throws -> [ModelScenario] {
        let known = model.scenarios.map(\.name)
        guard !known.isEmpty else {
            throw CommandFailure.usage("\(file ?? DefaultModel.fileName) has no scenarios: section; add one "
                + "(`scenarios: {fast growth: {traffic.growth.mean: 30%}}`, see `capacity init`), or use --set KEY=VALUE")
        }
        if all != nil { return model.scenarios }
        var chosen: [ModelScenario] = []
        for name in names {
            guard let scenario = model.scenario(named: name) else {
                throw CommandFailure.usage("--scenario \(name): the model has no scenario of that name; "
                    + ModelLoader.suggestion(for: name, among: known))
            }
            if !chosen.contains(where: { $0.name == name }) { chosen.append(scenario) }
        }
        return chosen
    }
}
