import Foundation

/// The report as one JSON document: the individual commands' documents under their
/// names (same schemas), plus `summary` and `inputs` — what `--compare` reads back.
struct ReportDocument: Encodable {
    struct Summary: Codable, Equatable {
        var lines: [String]
        var worst_status: String
        var first_failure_resource: String?
        var first_failure_date: String?
        var plan_by: String?
        var act_by: String?
        /// P(fail) of every resource in the last month, by label.
        var p_fail_at_horizon: [String: Double]
        var deployment_success: Double?
        var availability: Double?
    }

    /// Page one: the asks and what the plan costs, leaves unsolved and risks.
    struct Decision: Encodable {
        struct Ask: Encodable {
            var change: String
            var option: String?
            var act_by: String
            var act_now: Bool
            var applies: String
            var added_cost_per_month: Double
            var resource: String
        }

        var asks: [Ask]
        var later_changes: Int
        var cost_per_month_today: Double
        var cost_per_month_at_end: Double
        var total_cost: Double
        var unsolved: [String]
        var lines: [String]
    }

    var tool = "capacity"
    var version = CapacityVersion.current
    var command = "report"
    var model: String
    var date: String
    var next_review: String
    var decision: Decision
    var summary: Summary
    var inputs: [String: String]
    var forecast: ForecastDocument
    var pools: PoolForecastDocument?
    var timeline: TimelineDocument
    var deployment: DeploymentDocument?
    var availability: SLADocument?
    /// What matters most: the sensitivity of host P90 memory in the last month to the uncertain inputs.
    var sensitivity: SensitivityDocument
    /// The model's scenarios side by side (forecast, timeline, deploy, sla); absent without scenarios.
    var scenarios: [ScenarioComparisonDocument]?
    /// The overrides the review ran with (`--set`); absent for the model file as it is.
    var overrides: [JSONOverride]?
    /// Host memory observed before the forecast (`--history`); absent without one.
    var observed: Observed?

    struct Observed: Encodable {
        var source: String
        var months: [String]
        var host_memory_mb: [Double]
    }

    init(_ writer: ReportWriter) {
        let review = writer.review, forecast = review.forecast
        model = review.model.name
        overrides = OverrideNote.json(review.overrides)
        date = review.options.today.description
        next_review = review.nextReview.description
        let d = review.decision
        decision = Decision(
            asks: d.asks.map { step in
                Decision.Ask(change: step.label, option: step.option, act_by: step.actBy.description, act_now: step.actNow,
                             applies: review.timeline.date(step.month).description,
                             added_cost_per_month: step.addedCostPerMonth, resource: step.resource.label)
            },
            later_changes: d.laterChanges, cost_per_month_today: d.costToday, cost_per_month_at_end: d.costAtEnd,
            total_cost: d.totalCost, unsolved: d.unsolved.map(\.resource.label), lines: writer.decisionLines)
        let s = review.summary
        let dates = forecast.months.map(\.date.description)
        summary = Summary(lines: writer.summaryLines, worst_status: s.worstStatus.rawValue,
                          first_failure_resource: s.firstFailure?.resource.label,
                          first_failure_date: s.firstFailure?.crossings.firstFailure.map { dates[$0 - 1] },
                          plan_by: s.planBy?.planBy?.description, act_by: s.actBy?.actBy?.description,
                          p_fail_at_horizon: Dictionary(uniqueKeysWithValues: forecast.resources.map {
                              ($0.resource.label, $0.months[$0.months.count - 1].pFail.estimate)
                          }),
                          deployment_success: s.deploymentSuccess, availability: s.availability)
        let m = review.model
        inputs = review.inputs
        self.forecast = ForecastDocument(forecast, reason: ForecastWriter.reason, verdict: ForecastWriter(forecast).verdictLines)
        timeline = TimelineDocument(review.timeline)
        sensitivity = SensitivityDocument(SensitivityWriter(review.sensitivity))
        scenarios = review.scenarios.isEmpty ? nil : review.scenarios.map(ScenarioComparisonDocument.init)
        pools = review.pools.map {
            let writer = PoolForecastWriter($0)
            return PoolForecastDocument($0, verdict: writer.verdict, notes: writer.notes)
        }
        deployment = review.deployment.map { DeploymentDocument($0, model: m.name, verdict: DeploymentWriter($0, modelName: m.name).verdict) }
        observed = review.observed.map {
            Observed(source: $0.source, months: $0.months.map(\.description), host_memory_mb: $0.hostMemoryMB)
        }
        availability = review.availability.flatMap { analysis in
            review.outages.map { SLADocument(modelName: m.name, analysis: analysis, simulation: $0) }
        }
    }
}
