/// The forecast engine: Monte Carlo projection of traffic, memory and
/// connection-pool load under uncertain growth (see ``PathSimulator`` for the
/// model of one path).
///
/// Paths run in chunks on `options.threads` threads; each worker adds its
/// chunks to its own integer counts and histograms, which merge exactly, so the
/// result is bit-identical for any thread count and chunk size. Memory stays bounded by
/// the chunk size whatever the path count.
public enum MemoryForecast {
    /// Runs the forecast. Throws ``ForecastError`` for options out of range or a
    /// correlation matrix that is not positive semi-definite.
    /// `progress` is called with the completed fraction of the current batch, from worker threads.
    public static func run(_ model: Model, options: ForecastOptions,
                           progress: (@Sendable (Double) -> Void)? = nil) throws -> ForecastResult {
        if let problem = options.problem { throw ForecastError.invalidOptions(problem) }
        let correlation = try InputCorrelation(model: model)
        let simulator = PathSimulator(model: model, options: options, correlation: correlation)
        let chunkSize = options.effectiveChunkSize(streams: simulator.monthlyStreams)

        var tally = ForecastTally(months: options.months, services: model.services.count, pools: model.pools.count)
        var batch = options.paths
        while true {
            let first = tally.paths
            let plan = ChunkPlan(paths: batch, chunkSize: chunkSize)
            // Tallies are integer counts (and samples sorted at the end), so per-worker
            // accumulation gives the same result whichever worker runs which chunk.
            let workers = ChunkedRunner.accumulate(plan, threads: options.threads, make: simulator.emptyTally) { tally, range in
                simulator.simulate((first + range.lowerBound)..<(first + range.upperBound), into: &tally)
                progress?(Double(range.upperBound) / Double(plan.paths))
            }
            for worker in workers { tally.merge(worker) }
            let result = summarize(tally, model: model, options: options)
            guard let precision = options.precision, result.largestStandardError >= precision,
                  tally.paths < ForecastOptions.maximumPaths else { return result }
            batch = min(tally.paths, ForecastOptions.maximumPaths - tally.paths)
        }
    }

    private static func summarize(_ tally: ForecastTally, model: Model, options: ForecastOptions) -> ForecastResult {
        let n = tally.paths
        let usable = model.host.usableMB
        let warn = model.thresholds.warn * usable, critical = model.thresholds.critical * usable
        let months = (0..<options.months).map { m in
            let memory = Percentiles(tally.host[m])
            let pOOM = Proportion(hits: tally.oom[m], trials: n)
            let services = model.services.enumerated().map { s, service in
                ServiceMonth(name: service.name, memoryMB: Percentiles(tally.services[s][m]),
                             pOverLimit: service.limitMB == nil ? nil : Proportion(hits: tally.overLimit[s][m], trials: n))
            }
            let pools = model.pools.enumerated().map { k, pool in
                PoolMonth(name: pool.name, utilization: Percentiles(tally.poolUtilization[k][m]),
                          pSaturated: Proportion(hits: tally.saturated[k][m], trials: n))
            }
            return MonthForecast(
                month: m + 1, date: model.start.adding(months: m), rps: Percentiles(tally.rps[m]), memoryMB: memory,
                pWarn: Proportion(hits: tally.warn[m], trials: n),
                pCritical: Proportion(hits: tally.critical[m], trials: n), pOOM: pOOM,
                pOOMBy: Proportion(hits: tally.oomBy[m], trials: n), services: services, pools: pools,
                status: .of(p90: memory.p90, pOOM: pOOM.estimate, warn: warn, critical: critical))
        }
        return ForecastResult(
            modelName: model.name, options: options, paths: n, usableMB: usable, warnMB: warn, criticalMB: critical,
            nodes: model.host.nodes, serviceNames: model.services.map(\.name), poolNames: model.pools.map(\.name),
            months: months, samples: tally.samples.sorted { $0.path < $1.path }.map(\.months))
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
