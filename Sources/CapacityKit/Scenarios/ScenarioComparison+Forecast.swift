extension ScenarioComparison {
    /// The forecast of the model and of each scenario, on the same paths: per
    /// resource (host, containers, pools),
    ///
    ///     first failure = the first month with P(fail) ≥ the risk level, or with the P90 at capacity
    ///     runway        = deadline − 1 months, deadline = the first month its P90 reaches its critical
    ///                     level or its P(fail) the risk level (≥ the horizon when none within it)
    ///     P(fail)       = P(it fails) in the last month, with its standard error
    ///
    /// read from each run's ``ForecastResult/resources`` (the figures `capacity forecast` prints).
    public static func forecast(_ model: ValidatedModel, scenarios: [ModelScenario], options: ForecastOptions,
                                progress: (@Sendable (Double) -> Void)? = nil) throws -> ScenarioComparison {
        let all = runs(model, scenarios)
        // Every scenario on the draws already made: one pass for all that draw alike.
        let results = try MemoryForecast.simulate(all.map { MemoryForecast.Member($0.1) }, options: options, progress: progress)
            .enumerated().map { (all[$0.offset].0, $0.element[0].result) }
        return forecast(results, commandLine: model.overrides)
    }

    /// The comparison of forecasts already run (base first), as ``forecast(_:scenarios:options:progress:)`` words it.
    static func forecast(_ results: [(Scenario, ForecastResult)], commandLine: [ModelOverride]) -> ScenarioComparison {
        let base = results[0].1, horizon = base.months.count, last = base.months[horizon - 1].date
        // Resources by label, the base's first, then any a scenario adds (a limit the base lacks).
        var labels: [String] = []
        var resources: [String: Resource] = [:]
        for (_, result) in results {
            for outlook in result.resources where resources[outlook.resource.label] == nil {
                labels.append(outlook.resource.label)
                resources[outlook.resource.label] = outlook.resource
            }
        }
        let rows = labels.map { label in
            Row(key: ColumnName.of(label), label: label, values: results.map { _, result in
                guard let outlook = result.resources.first(where: { $0.resource.label == label }) else {
                    return [.none, .none, .none]
                }
                let crossings = outlook.crossings
                return [.month(crossings.firstFailure, crossings.firstFailure.map { result.months[$0 - 1].date }),
                        .months(crossings.deadline.map { $0 - 1 }, horizon: horizon),
                        .probability(outlook.months[horizon - 1].pFail)]
            })
        }
        let scenarios = results.map { scenario, result in
            var scenario = scenario
            if let first = result.verdict.first(where: { $0.crossings.firstFailure != nil }), let month = first.crossings.firstFailure {
                scenario.summary = "the \(first.resource.label) fails first, from \(result.months[month - 1].date) (month \(month))"
            } else {
                scenario.summary = "no resource fails within \(horizon) months"
            }
            return scenario
        }
        let risk = NumberFormat.short(base.risk * 100) + " %"
        return ScenarioComparison(
            command: "forecast", modelName: base.modelName,
            run: "\(horizon)-month forecast, \(NumberFormat.grouped(base.paths)) paths, seed \(base.options.seed)",
            seed: base.options.seed, paths: base.paths, commandLineOverrides: commandLine, rowTitle: "resource",
            columns: [Column(key: "first_failure", title: "first failure"), Column(key: "runway_months", title: "runway mo"),
                      Column(key: "p_fail", title: "P(fail) \(last)")],
            scenarios: scenarios, rows: rows,
            notes: [sameRandomPaths,
                    "First failure: the first month a resource fails in ≥ \(risk) of paths, or its P90 reaches its capacity. "
                        + "Runway: the months before its P90 reaches its critical level or its P(fail) \(risk) "
                        + "(≥ \(horizon): not within the horizon). P(fail): in \(last), the last month."],
            inputsAge: base.inputsAge)
    }

    /// The note every comparison carries.
    static let sameRandomPaths = "Every scenario runs on the same random paths as the base (same seed; streams keyed by input "
        + "name): differences between columns are the overrides' effect, not sampling noise."
}
