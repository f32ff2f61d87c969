/// The JSON form of a ``TimelineResult``: stable snake_case keys, full
/// precision, what it takes to repeat the run; null for a date or month that
/// does not exist within the horizon.
struct TimelineDocument: Encodable {
    struct Dates: Encodable {
        var resource: String
        var kind: String
        var plan_by: String?
        var critical: String?
        var at_capacity: String?
        var risk: String?
        var deadline: String?
        var act_by: String?
        var lead_time_days: Double
        var act_now: Bool
        var critical_since: String?
    }

    struct Option: Encodable {
        var name: String
        var kind: String
        var proposed: Bool
        var lead_time_days: Double
        var act_by: String
        var act_now: Bool
        var applies: String?
        var refused: String?
        var limit_mb: Double?
        var pool_size: Int?
        var pool_connections_needed: Int?
        var pool_size_capped_by_budget: Bool?
        var right_sized_through: String?
        var right_sizing_binding: String?
        var node_memory_mb_needed: Double?
        var next_deadline: String?
        var next_resource: String?
        var runway_months: Int
        var gained_months: Int
        var added_cost_per_month: Double
        var cost_over_horizon: Double
        var cost_per_runway_month: Double?
        /// Resource label → P(fail) month by month with the option applied.
        var p_fail: [String: [JSONProbability]]
    }

    struct Step: Encodable {
        var resource: String
        var plan_by: String?
        var deadline: String
        var option: String
        var act_by: String
        var act_now: Bool
        var applies: String
        var cost_per_month: Double
        var risk_left: JSONProbability
        var risk_left_resource: String
        var options: [Option]
    }

    struct Shortfall: Encodable {
        var resource: String
        var deadline: String
        var fails_in: String?
        var options: [Option]
    }

    struct Month: Encodable {
        var month: Int
        var date: String
        var actions: [String]
        var runs_out: [String]
        var nodes: Int
        var memory_mb: Double
        var memory_p90_pct: Double
        var p_oom: JSONProbability
        var p_fail_max: JSONProbability
        var p_fail_max_resource: String
        var cost_per_month: Double
        var cumulative_cost: Double
    }

    var version = CapacityVersion.current
    var model: String
    var seed: UInt64
    var paths: Int
    var months: Int
    var start: String
    var today: String
    var confidence: Double
    var risk: Double
    var strategy: String
    var summary: String
    var outcome: String
    var runs_out: String?
    var base_cost_per_month: Double
    var total_cost: Double
    var resources: [Dates]
    var steps: [Step]
    var shortfalls: [Shortfall]
    var plan: [Month]
    /// The overrides the run used (`--set`); absent for the model file as it is.
    var overrides: [JSONOverride]?

    init(_ r: TimelineResult) {
        func date(_ m: Int?) -> String? { m.map { r.date($0).description } }
        model = r.modelName
        seed = r.options.forecast.seed
        paths = r.options.forecast.paths
        months = r.plan.months.count
        start = r.start.description
        today = r.today.description
        confidence = r.options.confidence
        risk = r.risk
        strategy = r.options.strategy.rawValue
        summary = TimelineWriter(r).summary
        switch r.plan.outcome {
        case .holds: outcome = "holds"
        case .runsOut(_, _, let failsIn):
            outcome = "runs_out"
            runs_out = date(failsIn)
        }
        base_cost_per_month = r.baseCostPerMonth
        total_cost = r.plan.totalCost
        resources = r.resources.map {
            Dates(resource: $0.resource.label, kind: $0.resource.kind.rawValue, plan_by: $0.planBy?.description,
                  critical: date($0.crossings.critical), at_capacity: date($0.crossings.limit), risk: date($0.crossings.risk),
                  deadline: date($0.deadline), act_by: $0.actBy?.description, lead_time_days: $0.leadTimeDays,
                  act_now: $0.actNow, critical_since: $0.criticalSince?.description)
        }
        let labels = r.resourceOrder.map(\.label)
        func option(_ c: OptionEvaluation) -> Option {
            Option(name: c.option.name, kind: c.option.kind.rawValue, proposed: c.proposed, lead_time_days: c.leadTimeDays,
                   act_by: c.actBy.description, act_now: c.actNow, applies: date(c.appliesMonth),
                   refused: c.refusal?.reason, limit_mb: c.limitMB, pool_size: c.poolSize,
                   pool_connections_needed: c.poolResizing?.neededConnections,
                   pool_size_capped_by_budget: c.poolResizing?.cappedByBudget, right_sized_through: date(c.rightSizing?.through),
                   right_sizing_binding: c.rightSizing?.binding.rawValue, node_memory_mb_needed: c.rightSizing?.nodeMemoryMB,
                   next_deadline: date(c.nextDeadline), next_resource: c.nextResource?.label,
                   runway_months: c.runwayMonths, gained_months: c.gainedMonths,
                   added_cost_per_month: c.addedCostPerMonth, cost_over_horizon: c.costOverHorizon,
                   cost_per_runway_month: c.costPerRunwayMonth,
                   p_fail: Dictionary(uniqueKeysWithValues: zip(labels, c.pFail.map { $0.map(JSONProbability.init) })))
        }
        steps = r.plan.steps.map { step in
            Step(resource: step.resource.label, plan_by: step.planBy?.description, deadline: r.date(step.deadline).description,
                 option: step.chosen.option.name, act_by: step.chosen.actBy.description, act_now: step.chosen.actNow,
                 applies: r.date(step.chosen.appliesMonth!).description, cost_per_month: step.costPerMonth,
                 risk_left: JSONProbability(step.riskLeft), risk_left_resource: step.riskLeftResource.label,
                 options: step.candidates.map(option))
        }
        shortfalls = r.plan.shortfalls.map {
            Shortfall(resource: $0.resource.label, deadline: r.date($0.deadline).description, fails_in: date($0.failsIn),
                      options: $0.tried.map(option))
        }
        plan = r.plan.months.map { m in
            Month(month: m.month, date: m.date.description, actions: m.actions.map { r.plan.steps[$0].chosen.option.name },
                  runs_out: m.runsOut.map { r.plan.shortfalls[$0].resource.label }, nodes: m.nodes, memory_mb: m.nodeMemoryMB, memory_p90_pct: m.hostP90 * 100,
                  p_oom: JSONProbability(m.pOOM), p_fail_max: JSONProbability(m.worstPFail),
                  p_fail_max_resource: m.worstResource.label, cost_per_month: m.costPerMonth, cumulative_cost: m.cumulativeCost)
        }
    }
}
