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
        try run([validated], options: options, baselines: [baselineRun], progress: progress)[0]
    }

    /// The timeline of each model, every forecast of every model on the same draws
    /// (``MemoryForecast/simulate(_:options:poolThresholds:progress:)``: one pass for the
    /// models as they are, one for every node count of every model, one for the planned
    /// schedules), each result what ``run(_:options:progress:)`` gives for that model alone.
    /// `baselines[k]`, when given, is model k's forecast as it is with `options.forecast`.
    static func run(_ models: [ValidatedModel], options: TimelineOptions, baselines: [MemoryForecast.Run?]? = nil,
                    progress: (@Sendable (Double) -> Void)? = nil) throws -> [TimelineResult] {
        if let problem = options.problem { throw ForecastError.invalidOptions(problem) }
        let runs = Double(models.map { forecastRuns($0.model) }.reduce(0, +))
        let given = baselines ?? Array(repeating: nil, count: models.count)
        let missing = models.indices.filter { given[$0] == nil }
        let baselineShare = Double(missing.count) / runs
        let ran = try MemoryForecast.simulate(missing.map { MemoryForecast.Member(models[$0]) }, options: options.forecast,
                                              progress: progress.map { report in { @Sendable in report($0 * baselineShare) } })
        var baseline = given.map { $0?.result }
        for (k, run) in zip(missing, ran) { baseline[k] = run[0].result }
        let spaces = models.map { PlanSpace($0.model, months: options.forecast.months, today: day($0, options)) }
        let plans = try plans(models, spaces: spaces, options: options, progress: progress.map { report in
            { @Sendable in report(baselineShare + $0 * (1 - baselineShare)) }
        })
        return models.indices.map { k in
            let model = models[k].model, baseline = baseline[k]!, plan = plans[k], space = spaces[k]
            let today = day(models[k], options)
            let dates = baseline.resources.map {
                ResourceDates($0, confidence: options.confidence, risk: model.thresholds.risk, from: 1, start: model.start,
                              leadTimeDays: space.defaultLeadTimeDays, today: today)
            }
            return TimelineResult(
                modelName: model.name, options: options, start: model.start, today: today, risk: model.thresholds.risk,
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
    }

    /// The plan of each model alone (no forecast of the model as it is: a plan does not read it), on
    /// shared draws: the passes for every node count of every model (``CapacityNeeds``), the
    /// searches, the passes for the planned schedules (``MemoryForecast/outlooks(_:options:progress:summary:)``:
    /// each pass's outlooks become needs or a plan as soon as it ends, so memory is bounded by a pass
    /// whatever the number of models). What a sensitivity of the plan's figures needs.
    static func plans(_ models: [ValidatedModel], options: TimelineOptions,
                      progress: (@Sendable (Double) -> Void)? = nil) throws -> [ScalingPlan] {
        try plans(models, spaces: spaces(models, options), options: options, progress: progress)
    }

    /// The cost over the horizon of each model's plan (``ScalingPlan/totalCost``), from its searched
    /// schedule alone: the plan's months add up the same costs, and the pass of the planned schedules
    /// (what the plan's tables show) is not needed for it.
    static func costs(_ models: [ValidatedModel], options: TimelineOptions,
                      progress: (@Sendable (Double) -> Void)? = nil) throws -> [Double] {
        try searches(models, spaces: spaces(models, options), options: options, progress: progress)
            .map { ScalingPlan.totalCost(of: $0.schedule) }
    }

    /// Each model's ``PlanSpace``.
    private static func spaces(_ models: [ValidatedModel], _ options: TimelineOptions) -> [PlanSpace] {
        models.map { PlanSpace($0.model, months: options.forecast.months, today: day($0, options)) }
    }

    /// The day a plan of `validated` counts from: `options.today`, or the first of its start month.
    private static func day(_ validated: ValidatedModel, _ options: TimelineOptions) -> CalendarDay {
        options.today ?? CalendarDay(firstOf: validated.model.start)
    }

    /// One model's search: the planner, its epochs and their score, the capacity in force each month.
    private struct Search: Sendable {
        var planner: ScalingPlanner
        var epochs: [ScalingPlanner.Epoch]
        var score: ScalingPlanner.Score
        var schedule: [InstalledCapacity]
    }

    /// The share of a plan's simulated work in the passes of its node counts (the rest: its planned schedule).
    private static func needsShare(_ spaces: [PlanSpace]) -> Double {
        let nodeCounts = Double(spaces.map(\.nodeCounts.count).reduce(0, +))
        return nodeCounts / (nodeCounts + Double(spaces.count))
    }

    /// ``plans(_:options:progress:)`` with each model's ``PlanSpace`` already built.
    private static func plans(_ models: [ValidatedModel], spaces: [PlanSpace], options: TimelineOptions,
                              progress: (@Sendable (Double) -> Void)?) throws -> [ScalingPlan] {
        let share = needsShare(spaces)
        let searched = try searches(models, spaces: spaces, options: options,
                                    progress: progress.map { report in { @Sendable in report($0 * share) } })
        return try MemoryForecast.outlooks(
            zip(models, searched).map { validated, search in
                MemoryForecast.Member(validated, schedules: [search.schedule.map { $0.provision(validated.model) }])
            },
            options: options.forecast, progress: progress.map { report in { @Sendable in report(share + $0 * (1 - share)) } }
        ) { k, _, resources in
            let search = searched[k]
            return PlanBuilder(space: spaces[k], needs: search.planner.needs, planner: search.planner,
                               schedule: search.schedule, epochs: search.epochs, resources: resources,
                               confidence: options.confidence, today: day(models[k], options), failing: search.score.failing).plan()
        }.map { $0[0] }
    }

    /// Each model's search: the passes for its node counts (``CapacityNeeds``, each pass's outlooks
    /// read into needs as it ends), then the searches, one per model, on the options' threads (each a
    /// pure function of its needs; folded in order). `progress` gets the fraction of the passes done.
    private static func searches(_ models: [ValidatedModel], spaces: [PlanSpace], options: TimelineOptions,
                                 progress: (@Sendable (Double) -> Void)?) throws -> [Search] {
        if let problem = options.problem { throw ForecastError.invalidOptions(problem) }
        let q = options.confidence, months = options.forecast.months
        let tables = try MemoryForecast.outlooks(
            zip(models, spaces).map { MemoryForecast.Member($0, schedules: CapacityNeeds.schedules($1, months: months)) },
            options: options.forecast, progress: progress
        ) { k, v, resources in
            (table: CapacityNeeds.Table(model: spaces[k].model, outlooks: resources, confidence: q),
             workers: v == 0 ? CapacityNeeds.workerResources(resources) : [])
        }
        return ChunkedRunner.reduce(ChunkPlan(paths: models.count, chunkSize: 1), threads: options.forecast.threads,
                                    into: [Search]()) { range in
            let k = range.lowerBound
            let needs = CapacityNeeds(space: spaces[k], tables: tables[k].map(\.table), workerResources: tables[k][0].workers)
            let planner = ScalingPlanner(space: spaces[k], needs: needs, reviewMonths: options.reviewMonths,
                                         fewestChanges: options.strategy == .fewestChanges)
            let (epochs, score) = planner.plan()
            let schedule = Self.schedule(epochs, planner: planner)
            planner.forgetSizings()
            return Search(planner: planner, epochs: epochs, score: score, schedule: schedule)
        } combine: { $0.append($1) }
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
