/// The forecast's paths one by one, for the variance shares: on each path, the
/// value of every uncertain input and the output whose statistic a metric is.
///
/// It is read from the forecast's own paths by an observer inside the simulator
/// (``PathMonth``): the same draws, correlation, drivers, demand and failure rules
/// (``ResourceObserver``), so its paths are the forecast's, number for number. The
/// outputs, by metric:
///
///     memory_p90  host memory per node in the last month, MB (its P90 is the metric)
///     p_fail      1 when the chosen resource fails in the last month, else 0 (its mean is the metric)
///     runway      the months before the path's own first month at a critical level (any resource;
///                 `months` when none): the per-path counterpart of the P90 crossing
///
/// and the inputs, each as one number per path, keyed by its stream's name:
///
///     traffic.growth        the growth rate's standard normal
///     traffic.volatility    Σ of the months' noise normals (simulated months 2…E + M) / √(E + M − 1)
///     traffic.peak_factor,  the last month's normal (memory_p90, p_fail: only that month counts),
///     services.<s>.noise    or Σ over the M months shown / √M (runway); every monthly input alike
///
/// after the model's correlations, as the simulation uses them. E is the model's
/// ``Model/elapsedMonths``: as in the simulator, the E months before the first month
/// shown only grow the traffic (their volatility compounds into every month shown),
/// and month m shown is simulated month E + m.
struct ForecastPathSample: Sendable {
    /// Per path, in path order: the output, and each input's value by key.
    var output: [Double] = []
    var inputs: [String: [Double]] = [:]

    /// Records `options.paths` paths of the forecast of `validated` with `options` (months,
    /// seed, threads, chunk size), in path order.
    /// - Parameter resource: the label of `p_fail`'s resource ("host", "api container", "pool pg"); the host when none is.
    static func record(_ validated: ValidatedModel, options: ForecastOptions, metric: SensitivityMetric,
                       resource: String?) throws -> ForecastPathSample {
        var options = options
        options.samplePaths = 0
        let model = validated.model.sortedByName
        let simulator = PathSimulator(model: model, options: options, variants: [Array(repeating: Provision(model), count: options.months)],
                                      correlation: try InputCorrelation(model: model), recordsReference: false)
        let host = simulator.resources.firstIndex { $0.resource.kind == .host }!
        let chosen = simulator.resources.firstIndex { $0.resource.label == resource } ?? host
        let plan = ChunkPlan(paths: options.paths, chunkSize: options.effectiveChunkSize(streams: simulator.monthlyStreams))
        return ChunkedRunner.reduce(plan, threads: options.threads, into: ForecastPathSample(), { paths in
            var chunk = Chunk(paths: paths.count, simulator: simulator, metric: metric, read: metric == .memoryP90 ? host : chosen)
            var tallies = simulator.emptyTallies()
            simulator.simulate(paths, into: &tallies) { chunk.observe($0) }
            return chunk.sample(simulator)
        }, combine: { $0.append($1) })
    }

    mutating func append(_ other: ForecastPathSample) {
        output += other.output
        for (key, values) in other.inputs { inputs[key, default: []] += values }
    }

    /// One chunk's paths, month by month as the simulator runs them.
    private struct Chunk {
        let count: Int, months: Int, simulated: Int
        let metric: SensitivityMetric
        /// The resource whose demand (memory_p90) or failure (p_fail) is the output.
        let read: Int
        var growth: [Double] = []
        /// Σ of the volatility normals of simulated months 2…
        var volatility: [Double]
        /// Per monthly input after the volatility: Σ over the months shown (runway), or the last month's.
        var other: [[Double]]
        var output: [Double]
        /// Runway: the first month shown at a critical level (`months`: none yet).
        var critical: [Int]

        init(paths count: Int, simulator: PathSimulator, metric: SensitivityMetric, read: Int) {
            self.count = count
            months = simulator.months
            simulated = simulator.elapsed + simulator.months
            self.metric = metric
            self.read = read
            volatility = Array(repeating: 0, count: count)
            other = Array(repeating: volatility, count: simulator.monthlyStreams - 1)
            output = volatility
            critical = Array(repeating: months, count: count)
        }

        mutating func observe(_ month: PathMonth) {
            if growth.isEmpty { growth = Array(UnsafeBufferPointer(start: month.growthZ, count: count)) }
            if month.simulated > 0 {
                let z = month.input(0)
                for i in 0..<count { volatility[i] += z[i] }
            }
            guard let m = month.shown else { return }
            if metric == .runway {
                for j in other.indices {
                    let z = month.input(1 + j)
                    for i in 0..<count { other[j][i] += z[i] }
                }
                let capacities = month.resources.indices.map(month.capacity(of:))
                for (r, resource) in month.resources.enumerated() {
                    let demand = month.demand(of: r)
                    for i in 0..<count where critical[i] == months && resource.observer.isCritical(demand[i], capacity: capacities[r]) {
                        critical[i] = m
                    }
                }
            } else if m == months - 1 {
                for j in other.indices { other[j] = Array(UnsafeBufferPointer(start: month.input(1 + j), count: count)) }
                let demand = month.demand(of: read), resource = month.resources[read], capacity = month.capacity(of: read)
                for i in 0..<count {
                    output[i] = metric == .memoryP90 ? demand[i] : resource.observer.fails(demand[i], capacity: capacity) ? 1 : 0
                }
            }
        }

        /// The chunk's outputs and inputs, keyed by the simulator's stream names.
        func sample(_ simulator: PathSimulator) -> ForecastPathSample {
            let steps = simulated > 1 ? 1 / Double(simulated - 1).squareRoot() : 0
            let shown = 1 / Double(months).squareRoot()
            var inputs = ["traffic.growth": growth, simulator.monthlyStreamNames[0]: volatility.map { $0 * steps }]
            for (j, values) in other.enumerated() {
                inputs[simulator.monthlyStreamNames[1 + j]] = metric == .runway ? values.map { $0 * shown } : values
            }
            return ForecastPathSample(output: metric == .runway ? critical.map(Double.init) : output, inputs: inputs)
        }
    }
}
