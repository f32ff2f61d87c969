extension ScenarioComparison {
    /// The availability of the model and of each scenario: the exact
    /// availability, expected downtime a year, the share of the error budget
    /// used, the weakest component, and from the outage simulation on the same
    /// seed, P(a year meets the target) and the P90 of a year's downtime — as
    /// `capacity sla` decides them. `target` replaces every model's target
    /// (`--target`). Nil when the model has no `availability:`.
    public static func availability(_ model: ValidatedModel, scenarios: [ModelScenario], target: Double?,
                                    options: OutageSimulation.Options) -> ScenarioComparison? {
        var results: [(Scenario, AvailabilityAnalysis, OutageSimulation)] = []
        var seen: [(Model.Availability, AvailabilityAnalysis, OutageSimulation)] = []
        for (scenario, validated) in runs(model, scenarios) {
            guard var section = validated.model.availability else { return nil }
            if let target { section.target = target }  // a target the command line has checked
            // A scenario that leaves the components as they are gets the same result (same section, same seed).
            let (analysis, outages) = seen.first { $0.0 == section }.map { ($0.1, $0.2) }
                ?? (AvailabilityAnalysis(Validated(checked: section)), OutageSimulation(Validated(checked: section), options: options))
            seen.append((section, analysis, outages))
            results.append((scenario, analysis, outages))
        }
        return availability(results, modelName: model.model.name, commandLine: model.overrides)
    }

    static func availability(_ results: [(Scenario, AvailabilityAnalysis, OutageSimulation)], modelName: String,
                             commandLine: [ModelOverride]) -> ScenarioComparison {
        let options = results[0].2.options
        typealias Read = @Sendable (AvailabilityAnalysis, OutageSimulation) -> Figure
        let rows: [(String, String, Read)] = [
            ("availability", "availability", { analysis, _ in .availability(analysis.availability, unavailability: analysis.unavailability) }),
            ("downtime_minutes_per_year", "downtime a year, min", { analysis, _ in .minutes(analysis.downtime.minutes(per: .year)) }),
            ("error_budget_used", "error budget used", { analysis, _ in analysis.errorBudgetUsed.map { .share($0) } ?? .none }),
            ("p_year_meets_target", "P(a year meets the target)", { _, years in
                .estimate(years.probabilityMeetingTarget.value, standardError: years.probabilityMeetingTarget.standardError)
            }),
            ("downtime_p90_minutes_per_year", "P90 downtime a year, min", { _, years in .minutes(years.downtimeMinutesPerYear.p90) }),
            ("weakest", "weakest component", { analysis, _ in analysis.components.first.map { .text($0.name) } ?? .none }),
        ]
        let base = results[0]
        return ScenarioComparison(
            command: "sla", modelName: modelName,
            run: "availability against a \(NumberFormat.short(base.1.target * 100, digits: 5)) % target, "
                + "\(NumberFormat.grouped(options.pathYears)) simulated years, seed \(options.seed)",
            seed: options.seed, paths: options.paths, commandLineOverrides: commandLine, rowTitle: "figure",
            columns: [Column(key: "value", title: "")], scenarios: results.map(\.0),
            rows: rows.map { key, label, figure in
                Row(key: key, label: label, values: results.map { [figure($0.1, $0.2)] })
            },
            notes: ["Availability and downtime are exact; P(a year meets the target) and the P90 come from the outage "
                    + "simulation, the same seed for every scenario."])
    }
}
