extension ScenarioComparison {
    /// The deployment odds of the model and of each scenario (exact; the
    /// same seed for the Monte Carlo parts): success, blocked, rolled back,
    /// unrecoverable, P(≥ 1 unrecoverable a quarter) and the stage to fix first,
    /// as `capacity deploy` decides them. Nil when the model has no `deployment:`.
    public static func deployment(_ model: ValidatedModel, scenarios: [ModelScenario],
                                  options: DeploymentOddsOptions) throws -> ScenarioComparison? {
        var results: [(Scenario, DeploymentOddsResult)] = []
        var seen: [(Model.Deployment, DeploymentOddsResult)] = []
        for (scenario, validated) in runs(model, scenarios) {
            guard let checked = validated.deployment else { return nil }
            let section = checked.section
            // A scenario that leaves the pipeline as it is gets the same result (same section, same seed).
            let result = try seen.first { $0.0 == section }?.1 ?? DeploymentOdds.run(checked, options: options)
            seen.append((section, result))
            results.append((scenario, result))
        }
        return deployment(results, modelName: model.model.name, commandLine: model.overrides)
    }

    static func deployment(_ results: [(Scenario, DeploymentOddsResult)], modelName: String,
                           commandLine: [ModelOverride]) -> ScenarioComparison {
        let base = results[0].1
        let rows: [(String, String, (DeploymentOddsResult) -> Figure)] = [
            ("success", "success", { .share($0.outcomes.success) }),
            ("blocked", "blocked before release", { .share($0.outcomes.blocked) }),
            ("rolled_back", "rolled back", { .share($0.outcomes.rolledBack) }),
            ("unrecoverable", "unrecoverable", { .share($0.outcomes.unrecoverable) }),
            ("unrecoverable_in_quarter", "P(≥ 1 unrecoverable a quarter)", { $0.overTime.map { .share($0.unrecoverableInQuarter) } ?? .none }),
            ("fix_first", "fix first", { result in
                result.improvements.first.map { $0.gain > 0 ? .text("\($0.stageName) (+\(NumberFormat.short($0.gain * 100)) points)") : .text("—") } ?? .none
            }),
        ]
        return ScenarioComparison(
            command: "deploy", modelName: modelName,
            run: "deployment odds, \(NumberFormat.grouped(base.options.paths)) paths, seed \(base.options.seed)",
            seed: base.options.seed, paths: base.options.paths, commandLineOverrides: commandLine, rowTitle: "figure",
            columns: [Column(key: "value", title: "")], scenarios: results.map(\.0),
            rows: rows.map { key, label, figure in Row(key: key, label: label, values: results.map { [figure($0.1)] }) },
            notes: ["The odds are exact; the Monte Carlo parts use the same seed for every scenario. Fix first: the stage "
                    + "whose halved failure rate gains the most success."])
    }
}
