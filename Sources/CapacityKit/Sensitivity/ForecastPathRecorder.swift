import Foundation

/// The forecast's paths one by one, for the variance shares: on each path, the
/// value of every uncertain input and the output whose statistic a metric is.
///
/// It draws the same numbers as ``PathSimulator`` — the same named streams per
/// path (`traffic.growth`, `traffic.volatility`, `traffic.peak_factor`,
/// `services.<name>.noise`), the same correlation, drivers and demand — so its
/// paths are the forecast's (a test holds its host totals to the forecast's
/// samples, number for number), but it keeps per-path values instead of
/// tallies. The outputs, by metric:
///
///     memory_p90  host memory per node in the last month, MB (its P90 is the metric)
///     p_fail      1 when the chosen resource fails in the last month, else 0 (its mean is the metric)
///     runway      the months before the path's own first month at a critical level (any resource;
///                 `months` when none): the per-path counterpart of the P90 crossing
///
/// and the inputs, each as one number per path:
///
///     traffic.growth        the growth rate's standard normal
///     traffic.volatility    Σ of the months' noise normals (simulated months 2…E + M) / √(E + M − 1)
///     traffic.peak_factor,  the last month's normal (memory_p90, p_fail: only that month counts),
///     services.<s>.noise    or Σ over the M months shown / √M (runway)
///
/// after the model's correlations, as the simulation uses them. E is the model's
/// ``Model/elapsedMonths``: as in the simulator, the E months before the first month
/// shown only grow the traffic (their volatility compounds into every month shown),
/// and month m shown is simulated month E + m.
struct ForecastPathRecorder {
    /// Per path: the output, and each input's value by key.
    struct Sample: Sendable {
        var output: [Double] = []
        var inputs: [String: [Double]] = [:]

        mutating func append(_ other: Sample) {
            output += other.output
            for (key, values) in other.inputs { inputs[key, default: []] += values }
        }
    }

    /// Which resource an output reads: the host, a service (sorted index) or a pool (sorted index).
    enum Place: Equatable {
        case host, service(Int), pool(Int)
    }

    /// Months shown (the output's months).
    let months: Int
    /// Months simulated before the first shown (``Model/elapsedMonths``).
    let elapsed: Int
    let seed: UInt64
    let metric: SensitivityMetric
    /// The model sorted by name, as the simulator runs it.
    let model: Model
    let drivers: TrafficDrivers
    let demand: MemoryDemand
    let provision: Provision
    let correlation: InputCorrelation?
    /// The resource of `p_fail`.
    let place: Place

    /// - Parameter resource: the label of `p_fail`'s resource ("host", "api container", "pool pg").
    init(_ validated: ValidatedModel, months: Int, seed: UInt64, metric: SensitivityMetric, resource: String?) throws {
        self.months = months
        self.seed = seed
        self.metric = metric
        model = validated.model.sortedByName
        elapsed = model.elapsedMonths
        drivers = TrafficDrivers(model.traffic)
        demand = MemoryDemand(model)
        provision = Provision(model)
        correlation = try InputCorrelation(model: model)
        if let resource, let s = model.services.firstIndex(where: { "\($0.name) container" == resource }) {
            place = .service(s)
        } else if let resource, let k = model.pools.firstIndex(where: { "pool \($0.name)" == resource }) {
            place = .pool(k)
        } else {
            place = .host
        }
    }

    /// Records `paths` paths on `threads` threads, in path order.
    func record(paths: Int, threads: Int, chunkSize: Int?) -> Sample {
        let streams = 2 + model.services.count
        let size = chunkSize ?? ForecastOptions(months: months).effectiveChunkSize(streams: streams)
        return ChunkedRunner.reduce(ChunkPlan(paths: paths, chunkSize: size), threads: threads, into: Sample(),
                                    { range in record(range) }, combine: { $0.append($1) })
    }

    /// One chunk of paths.
    func record(_ paths: Range<Int>) -> Sample {
        let simulated = elapsed + months
        let count = paths.count, rows = count * simulated, services = model.services.count, pools = model.pools.count
        let streamNames = [PathSimulator.volatilityStream, PathSimulator.peakStream] + model.services.map { PathSimulator.noiseStream($0.name) }
        var growthZ = [Double](repeating: 0, count: count)
        var monthly = [Double](repeating: 0, count: streamNames.count * rows)
        let first = UInt64(paths.lowerBound)
        growthZ.withUnsafeMutableBufferPointer {
            Normal.fillStandard($0, draws: 1, paths: count, startingAt: StreamKey(seed: seed, path: first, stream: PathSimulator.growthStream))
        }
        monthly.withUnsafeMutableBufferPointer { buffer in
            for (j, stream) in streamNames.enumerated() {
                Normal.fillStandard(UnsafeMutableBufferPointer(rebasing: buffer[(j * rows)..<((j + 1) * rows)]),
                                    draws: simulated, paths: count, startingAt: StreamKey(seed: seed, path: first, stream: stream))
            }
            growthZ.withUnsafeBufferPointer { correlation?.apply(growth: $0, monthly: buffer, rows: rows, pathsPerMonth: count) }
        }
        var rate = [Double](repeating: 0, count: count), factor = rate, traffic = rate, peak = rate, host = rate
        var memory = [Double](repeating: 0, count: services * count), held = memory
        var load = [Double](repeating: 0, count: max(1, pools) * count)
        var output = [Double](repeating: 0, count: count)
        var critical = [Int](repeating: months, count: count)
        let levels = model.thresholds.levels

        growthZ.withUnsafeBufferPointer { g in
            rate.withUnsafeMutableBufferPointer { r in
                factor.withUnsafeMutableBufferPointer { f in drivers.start(count: count, growthZ: g.baseAddress!, rate: r.baseAddress!, factor: f.baseAddress!) }
            }
        }
        monthly.withUnsafeBufferPointer { z in
            for t in 0..<simulated {
                rate.withUnsafeBufferPointer { r in
                    factor.withUnsafeMutableBufferPointer { f in
                        traffic.withUnsafeMutableBufferPointer { out in
                            peak.withUnsafeMutableBufferPointer { p in
                                _ = drivers.advance(month: t, count: count, rate: r.baseAddress!, factor: f.baseAddress!,
                                                    volatilityZ: z.baseAddress! + t * count,
                                                    peakZ: z.baseAddress! + rows + t * count,
                                                    traffic: out.baseAddress!, peak: p.baseAddress!)
                            }
                        }
                    }
                }
                guard t >= elapsed else { continue }
                let m = t - elapsed
                peak.withUnsafeBufferPointer { p in
                    load.withUnsafeMutableBufferPointer { l in
                        held.withUnsafeMutableBufferPointer { h in
                            memory.withUnsafeMutableBufferPointer { mem in
                                host.withUnsafeMutableBufferPointer { hs in
                                    demand.compute(count: count, peak: p.baseAddress!,
                                                   noiseZ: { z.baseAddress! + (2 + $0) * rows + t * count },
                                                   provision: provision, load: l.baseAddress!, held: h.baseAddress!,
                                                   memory: mem.baseAddress!, host: hs.baseAddress!)
                                }
                            }
                        }
                    }
                }
                if metric == .runway {
                    for i in 0..<count where critical[i] == months {
                        var reached = host[i] >= levels.critical * provision.usableMB
                        for s in 0..<services where !reached {
                            if let limit = provision.limitsMB[s] {
                                reached = memory[s * count + i] >= (model.services[s].thresholds ?? levels).critical * limit
                            }
                        }
                        for k in 0..<pools where !reached {
                            reached = load[k * count + i] >= (model.pools[k].thresholds ?? levels).critical * provision.poolConnections[k]
                        }
                        if reached { critical[i] = m }
                    }
                } else if m == months - 1 {
                    for i in 0..<count {
                        switch (metric, place) {
                        case (.memoryP90, _): output[i] = host[i]
                        case (_, .host): output[i] = host[i] > provision.usableMB ? 1 : 0
                        case (_, .service(let s)): output[i] = memory[s * count + i] > (provision.limitsMB[s] ?? .infinity) ? 1 : 0
                        case (_, .pool(let k)): output[i] = load[k * count + i] >= provision.poolConnections[k] ? 1 : 0
                        }
                    }
                }
            }
        }
        if metric == .runway { output = critical.map(Double.init) }

        // Each monthly input as one number per path: the last month's draw when only the last
        // month counts, else the standardised sum over the months shown.
        func summary(_ column: Int) -> [Double] {
            if metric != .runway { return (0..<count).map { monthly[column * rows + (simulated - 1) * count + $0] } }
            let scale = 1 / Double(months).squareRoot()
            return (0..<count).map { i in (elapsed..<simulated).reduce(0.0) { $0 + monthly[column * rows + $1 * count + i] } * scale }
        }
        var inputs: [String: [Double]] = ["traffic.growth": growthZ]
        // The noise of simulated months 2…E + M enters every metric through the traffic it compounds.
        let scale = simulated > 1 ? 1 / Double(simulated - 1).squareRoot() : 0
        inputs["traffic.volatility"] = (0..<count).map { i in (1..<max(1, simulated)).reduce(0.0) { $0 + monthly[$1 * count + i] } * scale }
        inputs["traffic.peak_factor"] = summary(1)
        for (s, service) in model.services.enumerated() { inputs["services.\(service.name).noise"] = summary(2 + s) }
        return Sample(output: output, inputs: inputs)
    }
}
