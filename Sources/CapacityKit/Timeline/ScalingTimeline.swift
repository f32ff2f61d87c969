/// The timeline engine: when each resource needs attention, and the plan — the
/// cheapest schedule of changes over the horizon that keeps every resource under
/// its deadline rule (P90 below critical, P(fail) below the risk level) in every
/// month, on the same random paths (``ScalingPlanner``); where the options end,
/// what fails from when, what binds and what would hold.
///
/// Runs, all on the same paths (streams keyed by seed, path and input name):
/// 1. the forecast of the model as it is (each resource's dates);
/// 2. one pass with a schedule per node count (``CapacityNeeds``: what every resource needs);
/// 3. the search over infrastructure states and epochs (no simulation);
/// 4. the forecast under the chosen schedule, whose figures every table of the plan shows.
public enum ScalingTimeline {
    /// Runs the timeline. Throws ``ForecastError`` for options out of range. `progress` is called
    /// with the fraction of its forecasts' work done (``forecastRuns(_:)`` forecasts), from worker threads.
    public static func run(_ validated: ValidatedModel, options: TimelineOptions,
                           progress: (@Sendable (Double) -> Void)? = nil) throws -> TimelineResult {
        try run(validated, options: options, baseline: nil, progress: progress)
    }

    /// ``run(_:options:progress:)`` from `baseline`, the forecast of the model as it is with
    /// `options.forecast` (nil: run it here), so a caller that has it does not run it twice.
    static func run(_ validated: ValidatedModel, options: TimelineOptions,
                    baseline baselineRun: MemoryForecast.Run?,
                    progress: (@Sendable (Double) -> Void)? = nil) throws -> TimelineResult {
        if let problem = options.problem { throw ForecastError.invalidOptions(problem) }
        let model = validated.model
        let months = options.forecast.months, risk = model.thresholds.risk, q = options.confidence
        let today = options.today ?? CalendarDay(firstOf: model.start)
        let space = PlanSpace(model, months: months, today: today)
        // The forecasts' shares of the work: the baseline, one per node count (one pass), the planned schedule.
        let runs = Double(forecastRuns(model)), nodeCounts = runs - 2
        let stage = { (done: Double, weight: Double) -> (@Sendable (Double) -> Void)? in
            progress.map { report in { @Sendable fraction in report((done + weight * fraction) / runs) } }
        }
        let baseline = try baselineRun?.result ?? MemoryForecast.run(validated, options: options.forecast, progress: stage(0, 1))
        let dates = baseline.resources.map {
            ResourceDates($0, confidence: q, risk: risk, from: 1, start: model.start,
                          leadTimeDays: space.defaultLeadTimeDays, today: today)
        }

        let needs = try CapacityNeeds(validated, space: space, options: options.forecast, confidence: q,
                                      progress: stage(1, nodeCounts))
        let planner = ScalingPlanner(space: space, needs: needs, reviewMonths: options.reviewMonths,
                                     fewestChanges: options.strategy == .fewestChanges)
        let (epochs, score) = planner.plan()
        let schedule = Self.schedule(epochs, planner: planner)
        let planned = try MemoryForecast.run(validated, options: options.forecast, schedule: schedule.map { $0.provision(model) },
                                             progress: stage(1 + nodeCounts, 1))
        let builder = PlanBuilder(space: space, needs: needs, planner: planner, schedule: schedule, epochs: epochs,
                                  forecast: planned, confidence: q, today: today, failing: score.failing)
        let plan = builder.plan()
        return TimelineResult(
            modelName: model.name, options: options, start: model.start, today: today, risk: risk,
            resources: dates.enumerated().sorted {
                ($0.element.deadline ?? .max, $0.element.crossings.warn ?? .max, $0.offset)
                    < ($1.element.deadline ?? .max, $1.element.crossings.warn ?? .max, $1.offset)
            }.map(\.element),
            plan: plan,
            baseCostPerMonth: space.base.costPerMonth,
            services: model.services.map(\.name), pools: model.pools.map(\.name), workers: model.workers.map(\.name),
            scaledWorkers: model.workers.indices.filter { w in space.workerOptions.contains { $0.worker == model.workers[w].name } },
            inputsAge: model.inputsAge,
            unusableOptions: space.smallerTiers.map { ($0, "not larger than the host's \(NumberFormat.decimal(model.host.memoryMB, 0)) MB: a plan never downsizes") })
    }

    /// The capacity in force in each month under `epochs`: each epoch's state with its sizing,
    /// keeping what still holds (workers per node never fall where keeping them fails nothing
    /// more). Where the limits cannot fit the node, they stay as they were (the plan never
    /// overcommits further); where a server cannot take its pools' connections, its budget is
    /// shared in proportion to their needs.
    static func schedule(_ epochs: [ScalingPlanner.Epoch], planner: ScalingPlanner) -> [InstalledCapacity] {
        let model = planner.space.model
        var current = planner.space.base
        var schedule: [InstalledCapacity] = []
        for epoch in epochs {
            if var sizing = epoch.sizing {
                // Never fewer workers than in force (a node added lowers the need per node), where
                // keeping them fails no more resource-months than the sizing the search scored.
                if zip(sizing.workersPerNode, current.workersPerNode).contains(where: { $0 < $1 }) {
                    let floored = planner.sizing(first: epoch.first, through: epoch.sizedThrough, state: epoch.state,
                                                 floor: zip(sizing.workersPerNode, current.workersPerNode).map { max($0, $1) })
                    if planner.failingMonths(first: epoch.first, last: epoch.last, state: epoch.state, sizing: floored)
                        <= planner.failingMonths(first: epoch.first, last: epoch.last, state: epoch.state, sizing: sizing) {
                        sizing = floored
                    }
                }
                var next = sizing.settled(keeping: current, in: planner.capacity(epoch.state), model: model)
                if !sizing.limitsFit { next.limitsMB = current.limitsMB }
                let table = planner.needs.table(nodes: epoch.state.nodes)
                let window = (epoch.first - 1)..<epoch.sizedThrough
                for server in Set(model.pools.indices.filter { !sizing.poolsFit[$0] }.map { model.pools[$0].serverName }) {
                    let members = model.pools.indices.filter { model.pools[$0].serverName == server }
                    let wanted = members.map { k in max(1, window.map { table.pools[k][$0] }.max()!) }
                    let accepted = next.pools(of: model)[members[0]].connectionsAccepted
                    let total = wanted.reduce(0, +)
                    for (k, need) in zip(members, wanted) {
                        let share = max(1, accepted * need / total)
                        let processes = next.pools(of: model)[k].instancesPerNode * epoch.state.nodes
                        if next.bouncerPoolSizes[k] != nil {
                            // PgBouncer takes its share of the server; the application opens enough clients for it.
                            next.bouncerPoolSizes[k] = share
                            next.poolSizes[k] = current.poolSizes[k] * processes >= share
                                ? current.poolSizes[k] : (share + processes - 1) / processes
                        } else {
                            next.poolSizes[k] = max(1, share / processes)
                        }
                    }
                }
                current = next
            }
            schedule += Array(repeating: current, count: epoch.last - epoch.first + 1)
        }
        return schedule
    }
}
