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

    /// One change of the plan and why.
    struct Step: Encodable {
        var applies: String
        var kind: String
        var change: String
        /// The model's option it carries out; null when the plan proposes it.
        var option: String?
        var proposed: Bool
        var lead_time_days: Double
        var act_by: String
        var act_now: Bool
        var added_cost_per_month: Double
        var resource: String
        var why: String
        var plan_by: String?
        var deadline: String?
        var sized_through: String?
        var node_memory_mb: Double?
        var nodes: Int?
        var limit_mb: Double?
        var pool_size: Int?
        var pgbouncer_pool_size: Int?
        var workers_per_node: Int?
    }

    struct Shortfall: Encodable {
        var resource: String
        var kind: String
        var deadline: String
        var fails_in: String?
        var binding: String
        var would_hold: String
        var only_before_first_change: Bool
    }

    /// What is in force in a month under the plan, and its figures.
    struct Month: Encodable {
        var month: Int
        var date: String
        var actions: [Int]
        var runs_out: [String]
        var nodes: Int
        var memory_mb: Double
        var limits_mb: [String: Double]
        var pool_sizes: [String: Int]
        var pgbouncer_pool_sizes: [String: Int]
        var max_connections: [String: Int]
        /// Workers per node of the worker pools a `workers` option can raise; absent without one.
        var workers_per_node: [String: Int]?
        var memory_p90_pct: Double
        var p_oom: JSONProbability
        var p_fail_max: JSONProbability
        var p_fail_max_resource: String
        var cost_per_month: Double
        var cumulative_cost: Double
    }

    struct Risk: Encodable {
        var changes: Int
        var p_failure_per_deployment: Double
        var p_unrecoverable_per_deployment: Double
        var p_any_rollback_or_failure: Double
        var p_any_unrecoverable: Double
    }

    var version = CapacityVersion.current
    var model: String
    var seed: UInt64
    var paths: Int
    var months: Int
    var start: String
    var today: String
    var inputs_month: String?
    var inputs_age_months: Int?
    var confidence: Double
    var risk: Double
    var strategy: String
    var review_months: Int
    var summary: String
    var outcome: String
    var runs_out: String?
    var base_cost_per_month: Double
    var total_cost: Double
    var changes: Int
    var execution_risk: Risk?
    var resources: [Dates]
    var steps: [Step]
    var shortfalls: [Shortfall]
    var unusable_options: [String: String]
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
        inputs_month = InputsAgeNote.month(r.inputsAge)
        inputs_age_months = r.inputsAge?.months
        confidence = r.options.confidence
        risk = r.risk
        strategy = r.options.strategy.rawValue
        review_months = r.options.reviewMonths
        summary = TimelineWriter(r).summary
        switch r.plan.outcome {
        case .holds: outcome = "holds"
        case .runsOut(_, let deadline, _):
            outcome = "runs_out"
            runs_out = date(deadline)
        }
        base_cost_per_month = r.baseCostPerMonth
        total_cost = r.plan.totalCost
        changes = r.plan.steps.count
        execution_risk = r.plan.executionRisk.map {
            Risk(changes: $0.changes, p_failure_per_deployment: $0.failurePerDeployment,
                 p_unrecoverable_per_deployment: $0.unrecoverablePerDeployment,
                 p_any_rollback_or_failure: $0.anyFailure, p_any_unrecoverable: $0.anyUnrecoverable)
        }
        resources = r.resources.map {
            Dates(resource: $0.resource.label, kind: $0.resource.kind.rawValue, plan_by: $0.planBy?.description,
                  critical: date($0.crossings.critical), at_capacity: date($0.crossings.limit), risk: date($0.crossings.risk),
                  deadline: date($0.deadline), act_by: $0.actBy?.description, lead_time_days: $0.leadTimeDays,
                  act_now: $0.actNow, critical_since: $0.criticalSince?.description)
        }
        steps = r.plan.steps.map { step in
            var entry = Step(applies: r.date(step.month).description, kind: step.kind, change: step.label, option: step.option,
                             proposed: step.option == nil, lead_time_days: step.leadTimeDays, act_by: step.actBy.description,
                             act_now: step.actNow, added_cost_per_month: step.addedCostPerMonth,
                             resource: step.resource.label, why: step.reason, plan_by: step.planBy?.description,
                             deadline: date(step.deadline), sized_through: date(step.sizedThrough))
            switch step.change {
            case .nodeSize(_, let to): entry.node_memory_mb = to
            case .nodes(_, let to): entry.nodes = to
            case .connections: break
            case .limit(_, _, let to): entry.limit_mb = to
            case .poolSize(_, _, let to, let bouncer):
                entry.pool_size = to
                entry.pgbouncer_pool_size = bouncer
            case .workers(_, _, let to): entry.workers_per_node = to
            }
            return entry
        }
        shortfalls = r.plan.shortfalls.map {
            Shortfall(resource: $0.resource.label, kind: $0.resource.kind.rawValue, deadline: r.date($0.deadline).description,
                      fails_in: date($0.failsIn), binding: $0.binding, would_hold: $0.wouldHold,
                      only_before_first_change: $0.onlyBeforeFirstChange)
        }
        unusable_options = Dictionary(r.unusableOptions.map { ($0.option, $0.reason) }) { a, _ in a }
        let services = r.services, pools = r.pools
        plan = r.plan.months.map { m in
            let c = m.capacity
            return Month(month: m.month, date: m.date.description, actions: m.actions.map { $0 + 1 },
                         runs_out: m.runsOut.map { r.plan.shortfalls[$0].resource.label }, nodes: m.nodes,
                         memory_mb: m.nodeMemoryMB,
                         limits_mb: Dictionary(uniqueKeysWithValues: zip(services, c.limitsMB).compactMap { name, limit in limit.map { (name, $0) } }),
                         pool_sizes: Dictionary(uniqueKeysWithValues: zip(pools, c.poolSizes).map { ($0, $1) }),
                         pgbouncer_pool_sizes: Dictionary(uniqueKeysWithValues: zip(pools, c.bouncerPoolSizes).compactMap { name, size in size.map { (name, $0) } }),
                         max_connections: Dictionary(uniqueKeysWithValues: zip(pools, c.maxConnections).map { ($0, $1) }),
                         workers_per_node: r.scaledWorkers.isEmpty ? nil
                            : Dictionary(uniqueKeysWithValues: r.scaledWorkers.map { (r.workers[$0], c.workersPerNode[$0]) }),
                         memory_p90_pct: m.hostP90 * 100,
                         p_oom: JSONProbability(m.pOOM), p_fail_max: JSONProbability(m.worstPFail),
                         p_fail_max_resource: m.worstResource.label, cost_per_month: m.costPerMonth, cumulative_cost: m.cumulativeCost)
        }
    }
}
