/// The timeline engine: when to plan and act for every resource, which scaling
/// option to apply, what it costs and how much runway it buys, over the horizon.
///
/// The plan walks forward. At each step the resource with the earliest deadline
/// (the q-quantile at its critical level, or P(fail) ≥ risk; ties: host, containers,
/// pools in model order) is answered: every
/// option of `scaling.options` (and, marked proposed, a right-sized limit when the
/// resource is a container no `limit` option names, or a resized pool
/// (``PoolResizing``) when it is a pool no `pool` option names) is applied from
/// the month it can be in force (the deadline, or after its lead time when
/// act-by has passed), the
/// forecast is re-run with that provision schedule, and the strategy picks one
/// among those that move that resource's deadline later.
/// The plan continues with the new capacity until nothing reaches a deadline; a
/// resource no option helps is a ``Shortfall`` (when it runs out), and the plan
/// carries on with the others.
///
/// Every forecast runs on the same random paths (streams keyed by seed, path and
/// input name), so months before an option applies are identical to the plan
/// without it, and option differences are not sampling noise. The options of a
/// decision point run in one pass with the plan so far: the draws are made once,
/// each option is simulated only from the month it applies, and the plan so far
/// is not counted again (its run is the pass's reference).
public enum ScalingTimeline {
    /// Runs the timeline. Throws ``ForecastError`` for options out of range.
    public static func run(_ validated: ValidatedModel, options: TimelineOptions) throws -> TimelineResult {
        try run(validated, options: options, baseline: nil)
    }

    /// ``run(_:options:)`` from `baseline`, the forecast of the model as it is with
    /// `options.forecast` (nil: run it here), so a caller that has it does not run it twice.
    static func run(_ validated: ValidatedModel, options: TimelineOptions,
                    baseline baselineRun: MemoryForecast.Run?) throws -> TimelineResult {
        if let problem = options.problem { throw ForecastError.invalidOptions(problem) }
        let model = validated.model
        let months = options.forecast.months, risk = model.thresholds.risk, q = options.confidence
        let today = options.today ?? CalendarDay(firstOf: model.start)
        let defaultLead = model.scaling?.leadTimeDays ?? 0
        var schedule = Array(repeating: InstalledCapacity(model), count: months)
        var currentRun = try baselineRun
            ?? MemoryForecast.simulate(validated, options: options.forecast, schedules: [schedule.map(\.provision)])[0]
        var current: ForecastResult { currentRun.result }
        let baseline = current.resources.map {
            ResourceDates($0, confidence: q, risk: risk, from: 1, start: model.start, leadTimeDays: defaultLead, today: today)
        }
        let context = Context(validated: validated, options: options, today: today, defaultLead: defaultLead)

        var steps: [PlanStep] = []
        var from = 1
        var shortfalls: [Shortfall] = []
        var givenUp: Set<Int> = []
        // Each step moves the deadline of the resource it answers later, or gives that resource up,
        // so the loop ends within resources × (months + 1) rounds.
        var rounds = 0
        while rounds < current.resources.count * (months + 1), steps.count < options.maximumActions ?? .max,
              let trigger = firstDeadline(current, confidence: q, risk: risk, from: from, excluding: givenUp) {
            rounds += 1
            let resource = current.resources[trigger.index]
            let inFile = model.scaling?.options ?? []
            let tried = inFile.map { (option: $0, proposed: false) }
                + (proposal(for: resource.resource, unlessNamedIn: inFile).map { [(option: $0, proposed: true)] } ?? [])
            let evaluated = try context.evaluate(tried, answering: trigger.index,
                                                 deadline: trigger.month, schedule: schedule, current: currentRun)
            // Keep each candidate's figures, not its forecast (histograms): memory stays that of two forecasts.
            let candidates = evaluated.map { evaluation in
                var kept = evaluation
                kept.run = nil
                kept.schedule = []
                return kept
            }
            guard let chosen = choose(evaluated, strategy: options.strategy) else {
                // Nothing helps this resource: say when it runs out, and carry on with the others.
                shortfalls.append(Shortfall(resource: resource.resource, deadline: trigger.month,
                                            failsIn: resource.crossings(confidence: q, risk: risk, from: trigger.month).risk,
                                            tried: candidates))
                givenUp.insert(trigger.index)
                continue
            }
            let crossings = resource.crossings(confidence: q, risk: risk, from: from)
            steps.append(PlanStep(resource: resource.resource,
                                  planBy: crossings.warn.map { model.start.adding(months: $0 - 1) },
                                  deadline: trigger.month, criticalMonth: crossings.critical, riskMonth: crossings.risk,
                                  chosen: candidates.first { $0.option == chosen.option }!, candidates: candidates,
                                  costPerMonth: chosen.capacity!.costPerMonth,
                                  riskLeft: Proportion(), riskLeftResource: resource.resource))
            schedule = chosen.schedule
            currentRun = chosen.run!
            from = chosen.appliesMonth!
        }
        let plan = finish(steps: steps, shortfalls: shortfalls, schedule: schedule, forecast: current, model: model)
        return TimelineResult(
            modelName: model.name, options: options, start: model.start, today: today, risk: risk,
            resources: baseline.enumerated().sorted {
                ($0.element.deadline ?? .max, $0.element.crossings.warn ?? .max, $0.offset)
                    < ($1.element.deadline ?? .max, $1.element.crossings.warn ?? .max, $1.offset)
            }.map(\.element),
            plan: plan, resourceOrder: current.resources.map(\.resource),
            baseCostPerMonth: InstalledCapacity(model).costPerMonth)
    }

    /// The option the timeline proposes for `resource` when no option in the file names it:
    /// a right-sized limit for a container, a resized pool for a pool (sized when evaluated); nil for the host.
    static func proposal(for resource: Resource, unlessNamedIn options: [Model.ScalingOption]) -> Model.ScalingOption? {
        switch resource.kind {
        case .container where !options.contains { $0.kind == .limit && $0.service == resource.name }:
            Model.ScalingOption(name: "right-size \(resource.name) limit", kind: .limit, service: resource.name, limit: .auto)
        case .pool where !options.contains { $0.kind == .pool && $0.pool == resource.name }:
            Model.ScalingOption(name: "resize pool \(resource.name)", kind: .pool, pool: resource.name)
        default: nil
        }
    }

    /// The resource (index in the forecast's order, not in `excluding`) with the earliest deadline from month `from` on.
    static func firstDeadline(_ forecast: ForecastResult, confidence: Double, risk: Double,
                              from: Int, excluding: Set<Int> = []) -> (month: Int, index: Int)? {
        forecast.resources.enumerated().filter { !excluding.contains($0.offset) }.compactMap { index, outlook in
            outlook.crossings(confidence: confidence, risk: risk, from: from).deadline.map { (month: $0, index: index) }
        }.min { ($0.month, $0.index) < ($1.month, $1.index) }
    }

    /// The option the strategy picks among the eligible ones; nil when none buys runway.
    ///
    /// cheapest: lowest cost per month of runway, then most runway, then file order;
    /// fewest-changes: most runway, then lowest cost per month of runway, then file order.
    static func choose(_ candidates: [OptionEvaluation], strategy: TimelineOptions.Strategy) -> OptionEvaluation? {
        let eligible = candidates.enumerated().filter { $0.element.eligible }
        let best = eligible.min { a, b in
            let (ca, cb) = (a.element.costPerRunwayMonth!, b.element.costPerRunwayMonth!)
            let (ga, gb) = (a.element.gainedMonths, b.element.gainedMonths)
            switch strategy {
            case .cheapest: return (ca, -ga, a.offset) < (cb, -gb, b.offset)
            case .fewestChanges: return (-ga, ca, a.offset) < (-gb, cb, b.offset)
            }
        }
        return best?.element
    }

    /// The months under the final schedule and each step's risk left.
    private static func finish(steps: [PlanStep], shortfalls: [Shortfall], schedule: [InstalledCapacity],
                               forecast: ForecastResult, model: Model) -> ScalingPlan {
        var steps = steps
        let resources = forecast.resources
        func worst(_ month: Int) -> (Proportion, Resource) {
            let index = resources.indices.max {
                (resources[$0].months[month - 1].pFail.estimate, -$0) < (resources[$1].months[month - 1].pFail.estimate, -$1)
            }!
            return (resources[index].months[month - 1].pFail, resources[index].resource)
        }
        for i in steps.indices {
            let first = steps[i].chosen.appliesMonth!
            let last = i + 1 < steps.count ? max(first, steps[i + 1].chosen.appliesMonth! - 1) : schedule.count
            let (p, resource) = (first...last).map(worst).max { $0.0.estimate < $1.0.estimate }!
            steps[i].riskLeft = p
            steps[i].riskLeftResource = resource
        }
        var cumulative = 0.0
        let months = schedule.indices.map { m in
            let capacity = schedule[m], host = resources[0].months[m]
            cumulative += capacity.costPerMonth
            let (p, resource) = worst(m + 1)
            return PlanMonth(month: m + 1, date: model.start.adding(months: m),
                             actions: steps.indices.filter { steps[$0].chosen.appliesMonth == m + 1 },
                             runsOut: shortfalls.indices.filter { shortfalls[$0].failsIn == m + 1 }, nodes: capacity.provision.nodes,
                             nodeMemoryMB: capacity.nodeMemoryMB, hostP90: host.level.p90, pOOM: host.pFail,
                             worstPFail: p, worstResource: resource,
                             costPerMonth: capacity.costPerMonth, cumulativeCost: cumulative)
        }
        return ScalingPlan(steps: steps, months: months, shortfalls: shortfalls)
    }
}
