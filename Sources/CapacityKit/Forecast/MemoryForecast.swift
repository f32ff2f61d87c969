/// The forecast engine: Monte Carlo projection of traffic, memory,
/// connection-pool load and worker-pool load under uncertain growth (see ``PathSimulator``), and
/// the status of every month decided from every resource that can run out.
///
/// A model whose inputs are older than its start (``Model/elapsedMonths`` E > 0,
/// ``Model/forecastingFrom(today:)``) is simulated from the inputs' month: the E
/// months between carry growth and its uncertainty on the same random streams, and
/// the result shows `options.months` months from `start` (month m is month E + m of
/// a run from the inputs' month, number for number; "by" probabilities count from
/// month 1 shown) and carries ``ForecastResult/inputsAge``. E + `options.months` is at
/// most ``ForecastOptions/maximumMonths`` (the bound that keeps traffic finite).
///
/// Paths run in chunks on `options.threads` threads; each worker adds its
/// chunks to its own integer counts and histograms, which merge exactly, so the
/// result is bit-identical for any thread count and chunk size. Memory stays bounded by
/// the chunk size whatever the path count.
public enum MemoryForecast {
    /// Runs the forecast. Throws ``ForecastError`` for options out of range or a
    /// correlation matrix that is not positive semi-definite.
    /// `progress` is called with the completed fraction of the current batch, from worker threads.
    /// `poolThresholds` (pool name → offered load, erlangs) asks for P(load ≥ it) per pool and month
    /// as well (``ResourceMonth/pAboveThreshold``), on the same paths.
    public static func run(_ validated: ValidatedModel, options: ForecastOptions, poolThresholds: [String: Double] = [:],
                           progress: (@Sendable (Double) -> Void)? = nil) throws -> ForecastResult {
        try run(validated, options: options, schedule: nil, poolThresholds: poolThresholds, progress: progress)
    }

    /// Runs the forecast with the provision in force in each month: `schedule[m]`
    /// for month m + 1, in the model's order (nil: the model's own capacity
    /// throughout). A scaling option is a schedule that changes from the month it
    /// applies; the paths are the same as without it (streams are keyed by seed,
    /// path and input name), so the months before are identical, number for number.
    ///
    /// - Precondition: `schedule` has `options.months` entries sized like the model's lists.
    public static func run(_ validated: ValidatedModel, options: ForecastOptions, schedule: [Provision]?,
                           poolThresholds: [String: Double] = [:],
                           progress: (@Sendable (Double) -> Void)? = nil) throws -> ForecastResult {
        let schedule = schedule ?? Array(repeating: Provision(validated.model), count: options.months)
        return try run(validated, options: options, schedules: [schedule], poolThresholds: poolThresholds,
                       progress: progress)[0]
    }

    /// Runs several provision schedules on the same paths in one pass, one result
    /// each, in order. The draws and traffic are computed once; each schedule's
    /// demand only from the first month it differs from `schedules[0]`, its earlier
    /// months being `schedules[0]`'s. Each result equals what ``run(_:options:schedule:poolThresholds:progress:)``
    /// gives for that schedule alone, bit for bit (only `schedules[0]`'s keeps sample
    /// paths); with `options.precision`, paths are added until every result meets it.
    /// This is how the timeline compares options: common random numbers, and the
    /// months before an option applies are not simulated again.
    ///
    /// - Precondition: `schedules` is not empty; each has `options.months` entries sized like the model's lists.
    public static func run(_ validated: ValidatedModel, options: ForecastOptions, schedules: [[Provision]],
                           poolThresholds: [String: Double] = [:],
                           progress: (@Sendable (Double) -> Void)? = nil) throws -> [ForecastResult] {
        try simulate(validated, options: options, schedules: schedules, poolThresholds: poolThresholds,
                     progress: progress).map(\.result)
    }

    /// A forecast's figures and the counts they come from, which a later pass over
    /// the same paths can take as its reference (``simulate(_:options:schedules:reference:poolThresholds:progress:)``).
    struct Run: Sendable {
        var result: ForecastResult
        var tally: ForecastTally
    }

    /// ``run(_:options:schedules:poolThresholds:progress:)``, keeping each schedule's counts.
    /// `reference`, when given, is the run of `schedules[0]` with these options: its
    /// histograms are not recorded again (it is the costliest part of a month), only
    /// the demand and failures the other schedules start from are recomputed.
    ///
    /// - Precondition: with a `reference`, `options.precision` is nil and the reference has `options.paths` paths.
    static func simulate(_ validated: ValidatedModel, options: ForecastOptions, schedules: [[Provision]],
                         reference: Run? = nil, poolThresholds: [String: Double] = [:],
                         progress: (@Sendable (Double) -> Void)? = nil) throws -> [Run] {
        try simulate([Member(validated, schedules: schedules, reference: reference)], options: options,
                     poolThresholds: poolThresholds, progress: progress)[0]
    }

    /// One model's share of a pass over shared draws: its provision schedules, and the run of
    /// its first schedule if the caller has it (see ``simulate(_:options:schedules:reference:poolThresholds:progress:)``).
    struct Member: Sendable {
        var validated: ValidatedModel
        var schedules: [[Provision]]
        var reference: Run?

        init(_ validated: ValidatedModel, schedules: [[Provision]]? = nil, reference: Run? = nil) {
            self.validated = validated
            self.schedules = schedules ?? []
            self.reference = reference
        }
    }

    /// The histograms one pass may fill per worker thread, all members' (variants × resources they
    /// observe × months): members beyond it run in a pass of their own, so memory stays bounded
    /// whatever the number of models.
    static let histogramsPerPass = 1_024

    /// Runs several models on the draws already made: each member's schedules (its model's
    /// own capacity throughout when it gives none), one list of runs per member, in order, each
    /// run equal bit for bit to what the member's model alone gives
    /// (``simulate(_:options:schedules:reference:poolThresholds:progress:)``). Members whose
    /// models draw alike (the same streams and correlation: pinned inputs, scenario overrides
    /// of figures) share one pass — the normals are drawn once per chunk and every member's
    /// traffic, demand and failures computed from them — up to ``histogramsPerPass``.
    /// This is how the sensitivity's tornado and the scenarios compare their models on
    /// common random numbers without paying for the draws again.
    static func simulate(_ members: [Member], options: ForecastOptions, poolThresholds: [String: Double] = [:],
                         progress: (@Sendable (Double) -> Void)? = nil) throws -> [[Run]] {
        try simulate(members, options: options, poolThresholds: poolThresholds, progress: progress) { k, v, tally, schedule, simulated in
            let member = members[k]
            return Run(result: v == 0 && member.reference != nil ? member.reference!.result
                           : summarize(tally, model: member.validated.model, simulated: simulated, schedule: schedule,
                                       options: options, poolThresholds: poolThresholds),
                       tally: tally)
        } precise: { $0.result.largestStandardError }
    }

    /// What `summary` makes of each member's outlooks (member k, schedule v, its outlooks: what a plan
    /// reads, ``ForecastResult/resources``, without the month figures — the worker pools' latency
    /// quantiles are the costliest part of a summary), made as soon as the member's pass ends: no more
    /// than one pass's counts and outlooks are held whatever the number of members, only the summaries.
    static func outlooks<Summary: Sendable>(_ members: [Member], options: ForecastOptions,
                                            progress: (@Sendable (Double) -> Void)? = nil,
                                            summary: @escaping @Sendable (Int, Int, [ResourceOutlook]) -> Summary) throws -> [[Summary]] {
        try simulate(members, options: options, poolThresholds: [:], progress: progress) { k, v, tally, schedule, simulated in
            let resources = outlooks(tally, model: members[k].validated.model, simulated: simulated, schedule: schedule,
                                     options: options, poolThresholds: [:]).filter { $0.spec.isReported }.map(\.outlook)
            return (summary: summary(k, v, resources), error: ForecastResult.largestStandardError(of: resources))
        } precise: { $0.error }.map { $0.map(\.summary) }
    }

    /// One figure of each member's forecast (its first schedule's), read from the result as soon as
    /// its pass ends, so no more than one pass's counts are held whatever the number of models.
    static func figures(_ models: [ValidatedModel], options: ForecastOptions,
                        progress: (@Sendable (Double) -> Void)? = nil,
                        figure: @escaping @Sendable (ForecastResult) -> Double) throws -> [Double] {
        try simulate(models.map { Member($0) }, options: options, poolThresholds: [:], progress: progress) { k, _, tally, schedule, simulated in
            let result = summarize(tally, model: models[k].model, simulated: simulated, schedule: schedule,
                                   options: options, poolThresholds: [:])
            return (figure(result), result.largestStandardError)
        } precise: { $0.1 }.map { $0[0].0 }
    }

    /// The passes of ``simulate(_:options:poolThresholds:progress:)``: groups of members that draw
    /// alike, each run over the paths (again, with more paths, while a summary misses
    /// `options.precision`), every variant's tally completed with what it shares and summarized:
    /// `summary` gets the member's index, the schedule's, its tally, the schedule and the simulator's
    /// resources; the summaries of a pass are made on the options' threads.
    private static func simulate<Summary: Sendable>(
        _ members: [Member], options: ForecastOptions, poolThresholds: [String: Double],
        progress: (@Sendable (Double) -> Void)?,
        summary: @escaping @Sendable (Int, Int, ForecastTally, [Provision], [ResourceSpec]) -> Summary,
        precise: (Summary) -> Double
    ) throws -> [[Summary]] {
        var members = members
        for k in members.indices where members[k].schedules.isEmpty {
            members[k].schedules = [Array(repeating: Provision(members[k].validated.model), count: options.months)]
        }
        var simulators: [PathSimulator] = []
        for member in members {
            if let problem = options.problem(elapsed: member.validated.model) { throw ForecastError.invalidOptions(problem) }
            precondition(!member.schedules.isEmpty && member.schedules.allSatisfy { $0.count == options.months },
                         "one provision per month")
            precondition(member.reference == nil || (options.precision == nil && member.reference!.tally.paths == options.paths),
                         "a reference run has the options' paths and no precision target")
            let model = member.validated.model.sortedByName
            simulators.append(PathSimulator(
                model: model, options: options,
                variants: member.schedules.map { $0.map { $0.reordered(from: member.validated.model, to: model) } },
                correlation: try InputCorrelation(model: model), poolThresholds: poolThresholds,
                recordsReference: member.reference == nil))
        }
        let groups = passes(simulators, months: options.months)
        var results = [[Summary]](repeating: [], count: members.count)
        for (g, group) in groups.enumerated() {
            let share: (@Sendable (Double) -> Void)? = progress.map { report in
                { @Sendable fraction in report((Double(g) + fraction) / Double(groups.count)) }
            }
            let shared = PathSimulator.sharedResources(group.map { simulators[$0] })
            let passed = pass(group.map { simulators[$0] }, shared: shared, options: options, progress: share,
                              precise: precise) { tallies in
                // Each member's tallies completed: its variants with what they share with its first
                // schedule, then the resources it takes from an earlier member (already complete).
                var complete: [[ForecastTally]] = []
                for (i, k) in group.enumerated() {
                    var mine = tallies[i]
                    if let reference = members[k].reference { mine[0] = reference.tally }
                    for v in mine.indices.dropFirst() {
                        mine[v].adopt(before: simulators[k].divergence[v], sharedDemand: simulators[k].sharesDemand[v], from: mine[0])
                    }
                    // A taken resource is taken in every schedule (``PathSimulator/sharedResources(_:)``).
                    for v in mine.indices {
                        for (r, source) in shared[i][v].enumerated() {
                            if let source { mine[v].resources[r] = complete[source][v].resources[r] }
                        }
                    }
                    complete.append(mine)
                }
                // Each schedule's summary, on the threads (pure functions of the tallies; placed in order).
                let jobs = group.indices.flatMap { i in complete[i].indices.map { (member: i, schedule: $0) } }
                let tallies = complete, members = members, simulators = simulators
                let made = ChunkedRunner.reduce(ChunkPlan(paths: jobs.count, chunkSize: 1), threads: options.threads,
                                                into: [Summary?](repeating: nil, count: jobs.count)) { range in
                    let (i, v) = jobs[range.lowerBound], k = group[i]
                    return (range.lowerBound, summary(k, v, tallies[i][v], members[k].schedules[v], simulators[k].resources))
                } combine: { $0[$1.0] = $1.1 }
                var next = made.makeIterator()
                return complete.map { $0.map { _ in next.next()!! } }
            }
            for (k, runs) in zip(group, passed) { results[k] = runs }
        }
        return results
    }

    /// The members' simulators split into passes: each pass the first simulator not yet placed
    /// and the later ones that draw like it, while the histograms they observe fit
    /// ``histogramsPerPass`` (a resource taken from an earlier member of the pass,
    /// ``PathSimulator/sharedResources(_:)``, observes none).
    static func passes(_ simulators: [PathSimulator], months: Int) -> [[Int]] {
        var placed = [Bool](repeating: false, count: simulators.count)
        var groups: [[Int]] = []
        for s in simulators.indices where !placed[s] {
            var group = [s], size = simulators[s].variants.count * simulators[s].resources.count * months
            placed[s] = true
            for t in simulators.indices where !placed[t] && t > s && simulators[t].drawsLike(simulators[s]) {
                let taken = simulators[t].sources(among: ArraySlice(group.map { simulators[$0] }))
                let observed = taken.joined().filter { $0 == nil }.count * months
                guard size + observed <= histogramsPerPass else { continue }
                group.append(t)
                placed[t] = true
                size += observed
            }
            groups.append(group)
        }
        return groups
    }

    /// One pass of `simulators` over `options.paths` paths on shared draws, then batches of
    /// more paths while a summary's largest standard error misses `options.precision`.
    private static func pass<Summary>(
        _ simulators: [PathSimulator], shared: [[[Int?]]], options: ForecastOptions, progress: (@Sendable (Double) -> Void)?,
        precise: (Summary) -> Double, summarize: ([[ForecastTally]]) -> [[Summary]]
    ) -> [[Summary]] {
        let chunkSize = options.effectiveChunkSize(streams: simulators[0].monthlyStreams)
        let empty: @Sendable () -> [[ForecastTally]] = { simulators.map { $0.emptyTallies() } }
        var tallies = empty()
        var batch = options.paths
        while true {
            let first = tallies[0][0].paths
            let plan = ChunkPlan(paths: batch, chunkSize: chunkSize)
            // Tallies are integer counts (and samples sorted at the end), so per-worker
            // accumulation gives the same result whichever worker runs which chunk.
            var workers = ChunkedRunner.accumulate(plan, threads: options.threads, make: empty) { tallies, range in
                PathSimulator.simulate(simulators, (first + range.lowerBound)..<(first + range.upperBound), into: &tallies,
                                       shared: shared)
                progress?(Double(range.upperBound) / Double(plan.paths))
            }
            // The first batch starts from a worker's tallies as they are (moved, not merged into empty ones).
            if first == 0 { tallies = workers.removeFirst() }
            for worker in workers {
                for s in tallies.indices {
                    for v in tallies[s].indices { tallies[s][v].merge(worker[s][v]) }
                }
            }
            let runs = summarize(tallies)
            guard let precision = options.precision, runs.joined().contains(where: { precise($0) >= precision }),
                  tallies[0][0].paths < ForecastOptions.maximumPaths else { return runs }
            batch = min(tallies[0][0].paths, ForecastOptions.maximumPaths - tallies[0][0].paths)
        }
    }

    /// Every resource's outlook in the model's order (with its spec), from tallies in the simulator's
    /// order (`simulated`: its resources, sorted by name). Each month's level is its demand over the
    /// capacity in force that month (`schedule`, model order); a resource's capacity is its first month's.
    static func outlooks(_ tally: ForecastTally, model: Model, simulated: [ResourceSpec], schedule: [Provision],
                         options: ForecastOptions, poolThresholds: [String: Double]) -> [(spec: ResourceSpec, outlook: ResourceOutlook)] {
        let n = tally.paths, provision = schedule[0]
        let specs = PathSimulator.resources(model.demands, poolThresholds: poolThresholds)
        return specs.map { spec in
            let counts = tally.resources[simulated.firstIndex { $0.isSame(as: spec) }!]
            var resource = spec.resource
            resource.capacity = spec.capacity(provision)
            let months = (0..<options.months).map { m in
                let demand = Percentiles(counts.demand[m]), capacity = spec.capacity(schedule[m])
                return ResourceMonth(demand: demand, level: demand.scaled(by: capacity),
                                     capacity: capacity, distribution: counts.demand[m],
                                     pWarn: Proportion(hits: counts.warn[m], trials: n),
                                     pCritical: Proportion(hits: counts.critical[m], trials: n),
                                     pFail: Proportion(hits: counts.fail[m], trials: n),
                                     pFailBy: Proportion(hits: counts.failBy[m], trials: n),
                                     pAboveThreshold: spec.observer.threshold == nil
                                        ? nil : Proportion(hits: counts.aboveThreshold[m], trials: n))
            }
            return (spec, ResourceOutlook(resource: resource, months: months, risk: model.thresholds.risk))
        }
    }

    /// The forecast's figures in the model's order from tallies in the simulator's (``outlooks(_:model:simulated:schedule:options:poolThresholds:)``).
    private static func summarize(_ tally: ForecastTally, model: Model, simulated: [ResourceSpec], schedule: [Provision],
                                  options: ForecastOptions, poolThresholds: [String: Double]) -> ForecastResult {
        let n = tally.paths, provision = schedule[0], levels = model.thresholds.levels
        let pairs = outlooks(tally, model: model, simulated: simulated, schedule: schedule, options: options,
                             poolThresholds: poolThresholds)
        let specs = pairs.map(\.spec), outlooks = pairs.map(\.outlook)
        let resources = zip(specs, outlooks).filter { $0.0.isReported }.map(\.1)
        func all(_ kind: Resource.Kind) -> [ResourceOutlook] {
            zip(specs, outlooks).filter { $0.0.resource.kind == kind }.map(\.1)
        }
        let host = all(.host)[0], containers = all(.container), pools = all(.pool)
        let loads = WorkerLoad.all(model), workerPools = all(.workers), cpus = all(.cpu)

        let months = (0..<options.months).map { m in
            let hostMonth = host.months[m]
            let services = zip(model.services, containers).map { service, outlook in
                let month = outlook.months[m], limited = service.limitMB != nil
                return ServiceMonth(name: service.name, memoryMB: month.demand, limitMB: service.limitMB,
                                    pOverLimit: limited ? month.pFail : nil, pOverLimitBy: limited ? month.pFailBy : nil)
            }
            let poolMonths = zip(model.pools, pools).map { pool, outlook in
                let month = outlook.months[m]
                let queue = TimeoutQueue(servers: Int(outlook.resource.capacity), offeredLoad: PoolForecast.finite(month.demand.p90),
                                         holdMS: pool.holdMS, timeoutMS: pool.timeoutMS)
                return PoolMonth(name: outlook.resource.name, offeredLoad: month.demand, utilization: month.level,
                                 pSaturated: month.pFail, pSaturatedBy: month.pFailBy, pWaitP90: queue.pWait)
            }
            let workerMonths = zip(loads, workerPools).enumerated().map { w, entry in
                let (load, outlook) = entry
                // The workers in force this month (a plan may raise per_node), with their rate.
                let inForce = load.with(perNode: schedule[m].workersPerNode[w], ratePerNode: schedule[m].workerRatesPerNode[w])
                return WorkerMonth(inForce, pool: outlook.months[m],
                                   cpu: cpus.first { $0.resource.name == load.worker.name }?.months[m])
            }
            return MonthForecast(
                month: m + 1, date: model.start.adding(months: m), rps: Percentiles(tally.rps[m]),
                memoryMB: hostMonth.demand, pWarn: hostMonth.pWarn, pCritical: hostMonth.pCritical,
                pOOM: hostMonth.pFail, pOOMBy: hostMonth.pFailBy, services: services, pools: poolMonths,
                workers: workerMonths, status: MonthStatus(resources, month: m, risk: model.thresholds.risk))
        }
        return ForecastResult(
            modelName: model.name, inputsAge: model.inputsAge, options: options, paths: n, usableMB: provision.usableMB,
            warnMB: levels.warn * provision.usableMB, criticalMB: levels.critical * provision.usableMB,
            nodes: model.host.nodes, risk: model.thresholds.risk, serviceNames: model.services.map(\.name),
            poolNames: model.pools.map(\.name), workerNames: model.workers.map(\.name), months: months, resources: resources,
            samples: tally.samples.sorted { $0.path < $1.path }.map(\.months))
    }
}

/// Why a forecast cannot run.
public enum ForecastError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidOptions(String)
    case correlation(String)

    public var description: String {
        switch self {
        case .invalidOptions(let message), .correlation(let message): message
        }
    }
}
