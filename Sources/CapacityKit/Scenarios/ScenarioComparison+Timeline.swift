extension ScenarioComparison {
    /// The scaling plan of the model and of each scenario, on the same paths:
    /// the first action (the option, the resource it answers), when to act and
    /// when it is in force, the number of actions, the cost per month at the end
    /// and over the horizon (``ScalingPlan/totalCost``), and the first resource no
    /// option helps — as `capacity timeline` decides them.
    public static func timeline(_ model: ValidatedModel, scenarios: [ModelScenario],
                                options: TimelineOptions) throws -> ScenarioComparison {
        let all = runs(model, scenarios)
        let results = Array(zip(all.map(\.0), try ScalingTimeline.run(all.map(\.1), options: options)))
        var comparison = timeline(results, commandLine: model.overrides)
        comparison.inputsAge = model.model.inputsAge
        return comparison
    }

    static func timeline(_ results: [(Scenario, TimelineResult)], commandLine: [ModelOverride]) -> ScenarioComparison {
        let base = results[0].1, horizon = base.plan.months.count
        func figures(_ result: TimelineResult) -> [Figure] {
            let plan = result.plan, first = plan.steps.first
            let action: String = if let first {
                first.label + (first.option == nil ? " (proposed)" : "") + " for the \(first.resource.label)"
            } else if let shortfall = plan.shortfalls.first {
                "none helps the \(shortfall.resource.label)"
            } else {
                "none needed"
            }
            let shortfall = plan.shortfalls.first.map { "\($0.resource.label) from \(result.date($0.deadline))" } ?? "none"
            return [.text(action), .day(first?.actBy),
                    .month(first?.month, first.map { result.date($0.month) }),
                    .count(Double(plan.steps.count)), .money(plan.months.last?.costPerMonth ?? result.baseCostPerMonth),
                    .money(plan.totalCost), .text(shortfall)]
        }
        let values = results.map { figures($0.1) }
        let rows = [("first_action", "first action"), ("act_by", "act by"), ("in_force", "in force from"),
                    ("actions", "actions in the plan"), ("cost_per_month_at_end", "cost per month at the end"),
                    ("cost_over_horizon", "cost over \(horizon) months"), ("first_shortfall", "first shortfall")]
            .enumerated().map { index, row in Row(key: row.0, label: row.1, values: values.map { [$0[index]] }) }
        return ScenarioComparison(
            command: "timeline", modelName: base.modelName,
            run: "scaling timeline over \(horizon) months from \(base.start), \(NumberFormat.grouped(base.options.forecast.paths)) "
                + "paths, seed \(base.options.forecast.seed), \(base.options.strategy.rawValue)",
            seed: base.options.forecast.seed, paths: base.options.forecast.paths, commandLineOverrides: commandLine,
            rowTitle: "figure", columns: [Column(key: "value", title: "")],
            scenarios: results.map(\.0), rows: rows,
            notes: [sameRandomPaths,
                    "Act by: the first action's deadline less its lead time; cost over \(horizon) months: the sum of "
                        + "the monthly costs under each plan."])
    }
}
