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
        if let problem = options.problem(elapsed: validated.model) { throw ForecastError.invalidOptions(problem) }
        precondition(!schedules.isEmpty && schedules.allSatisfy { $0.count == options.months }, "one provision per month")
        precondition(reference == nil || (options.precision == nil && reference!.tally.paths == options.paths),
                     "a reference run has the options' paths and no precision target")
        let model = validated.model.sortedByName
        let correlation = try InputCorrelation(model: model)
        let variants = schedules.map { $0.map { $0.reordered(from: validated.model, to: model) } }
        let simulator = PathSimulator(model: model, options: options, variants: variants, correlation: correlation,
                                      poolThresholds: poolThresholds, recordsReference: reference == nil)
        let chunkSize = options.effectiveChunkSize(streams: simulator.monthlyStreams)

        var tallies = simulator.emptyTallies()
        var batch = options.paths
        while true {
            let first = tallies[0].paths
            let plan = ChunkPlan(paths: batch, chunkSize: chunkSize)
            // Tallies are integer counts (and samples sorted at the end), so per-worker
            // accumulation gives the same result whichever worker runs which chunk.
            var workers = ChunkedRunner.accumulate(plan, threads: options.threads, make: simulator.emptyTallies) { tallies, range in
                simulator.simulate((first + range.lowerBound)..<(first + range.upperBound), into: &tallies)
                progress?(Double(range.upperBound) / Double(plan.paths))
            }
            // The first batch starts from a worker's tallies as they are (moved, not merged into empty ones).
            if first == 0 { tallies = workers.removeFirst() }
            for worker in workers {
                for v in tallies.indices { tallies[v].merge(worker[v]) }
            }
            if let reference { tallies[0] = reference.tally }
            let runs = tallies.indices.map { v in
                var tally = tallies[v]
                if v > 0 {
                    tally.adopt(before: simulator.divergence[v], sharedDemand: simulator.sharesDemand[v], from: tallies[0])
                }
                let result = v == 0 && reference != nil ? reference!.result
                    : summarize(tally, model: validated.model, simulated: simulator.resources, schedule: schedules[v],
                                options: options, poolThresholds: poolThresholds)
                return Run(result: result, tally: tally)
            }
            guard let precision = options.precision, runs.contains(where: { $0.result.largestStandardError >= precision }),
                  tallies[0].paths < ForecastOptions.maximumPaths else { return runs }
            batch = min(tallies[0].paths, ForecastOptions.maximumPaths - tallies[0].paths)
        }
    }

    /// Figures in the model's order from tallies in the simulator's (`simulated`: its resources, sorted
    /// by name). Each month's level is its demand over the capacity in force that month (`schedule`,
    /// model order); a resource's capacity is its first month's.
    private static func summarize(_ tally: ForecastTally, model: Model, simulated: [ResourceSpec], schedule: [Provision],
                                  options: ForecastOptions, poolThresholds: [String: Double]) -> ForecastResult {
        let n = tally.paths, provision = schedule[0], levels = model.thresholds.levels
        let specs = PathSimulator.resources(model.demands, poolThresholds: poolThresholds)
        let outlooks = specs.map { spec in
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
            return ResourceOutlook(resource: resource, months: months, risk: model.thresholds.risk)
        }
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
