/// Simulates chunks of forecast paths, month by month, in three steps:
/// drivers (``TrafficDrivers``: growth, traffic, peak) → demand
/// (``MemoryDemand``: pool loads, service memory, host total) → observers
/// (one ``ResourceObserver`` per resource, into a ``ForecastTally``).
///
/// A new question adds an observer or a provision, not a branch in the loop.
///
/// Services and pools are simulated sorted by name, and each random input has
/// its own stream per path keyed by its name (``StreamKey/id(named:)``):
/// `traffic.growth`, `traffic.volatility`, `traffic.peak_factor`,
/// `services.<name>.noise`. So a path's numbers depend on neither its chunk,
/// its thread nor the order of the model's lists.
struct PathSimulator: Sendable {
    static let growthStream = StreamKey.id(named: "traffic.growth")
    static let volatilityStream = StreamKey.id(named: "traffic.volatility")
    static let peakStream = StreamKey.id(named: "traffic.peak_factor")
    static func noiseStream(_ service: String) -> UInt64 { StreamKey.id(named: "services.\(service).noise") }

    let months: Int
    let seed: UInt64
    let drivers: TrafficDrivers
    let demand: MemoryDemand
    /// The model with its services and pools sorted by name: the simulator's order.
    let model: Model
    /// Provision in force in each month (in `model`'s order).
    let provisions: [Provision]
    let host: ResourceObserver
    let services: [ResourceObserver]
    let pools: [ResourceObserver]
    let correlation: InputCorrelation?
    let samplePaths: Int

    /// - Parameter model: services and pools sorted by name (``Model/sortedByName``).
    /// - Parameter poolThresholds: an extra offered load to count per pool, by pool name (see ``ResourceObserver/threshold``).
    init(model: Model, options: ForecastOptions, provisions: [Provision], correlation: InputCorrelation?,
         poolThresholds: [String: Double] = [:]) {
        months = options.months
        seed = options.seed
        self.model = model
        drivers = TrafficDrivers(model.traffic)
        demand = MemoryDemand(model)
        self.provisions = provisions
        let levels = model.thresholds.levels
        host = ResourceObserver(levels: levels, failsAtCapacity: false)
        services = model.services.map { ResourceObserver(levels: $0.thresholds ?? levels, failsAtCapacity: false) }
        pools = model.pools.map {
            ResourceObserver(levels: $0.thresholds ?? levels, failsAtCapacity: true, threshold: poolThresholds[$0.name])
        }
        self.correlation = correlation
        samplePaths = options.samplePaths
    }

    /// Monthly random inputs per path: volatility, peak factor, one noise per service.
    var monthlyStreams: Int { 2 + demand.services.count }

    /// A tally for this simulator's months, services and pools, with no paths yet.
    func emptyTally() -> ForecastTally {
        ForecastTally(months: months, services: services.count, pools: pools.count)
    }

    /// Simulates `paths` and adds them to `tally`.
    ///
    /// The months go two at a time: the normals of a month pair (one Philox block per
    /// path and input) are drawn, then both months run, so the draws stay in cache
    /// whatever the horizon and a chunk can hold thousands of paths — each month's
    /// histograms then take thousands of values per visit, which keeps them in cache too.
    func simulate(_ paths: Range<Int>, into tally: inout ForecastTally) {
        let count = paths.count, months = self.months, pairRows = count * min(2, months)
        let serviceCount = services.count, poolCount = pools.count
        tally.paths += count

        // Standard normals: growth[i]; for the current month pair, monthly column j
        // (0 volatility, 1 peak, 2 + s noise) at inputs[j·rows + (m − first)·count + i].
        let growthZ = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        let inputs = UnsafeMutableBufferPointer<Double>.allocate(capacity: monthlyStreams * pairRows)
        // Working arrays, one value per path: rate, factor, traffic, peak, host; per service
        // memory and held connections; per pool load; per resource "failed so far" (0 or 1).
        let resources = 1 + serviceCount + poolCount
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: (5 + 2 * serviceCount + poolCount) * count)
        let failed = UnsafeMutablePointer<Int>.allocate(capacity: resources * count)
        defer { growthZ.deallocate(); inputs.deallocate(); scratch.deallocate(); failed.deallocate() }
        Normal.fillStandard(growthZ, draws: 1, paths: count,
                            startingAt: StreamKey(seed: seed, path: UInt64(paths.lowerBound), stream: Self.growthStream))

        let base = scratch.baseAddress!, z = inputs.baseAddress!
        let rate = base, factor = base + count, traffic = base + 2 * count, peak = base + 3 * count
        let hostMemory = base + 4 * count
        let memory = base + 5 * count, held = memory + serviceCount * count, load = held + serviceCount * count
        failed.initialize(repeating: 0, count: resources * count)
        let sampled = max(0, min(paths.upperBound, samplePaths) - paths.lowerBound)
        var samples = Array(repeating: [Double](repeating: 0, count: months), count: sampled)

        drivers.start(count: count, growthZ: growthZ.baseAddress!, rate: rate, factor: factor)
        for pair in stride(from: 0, to: months, by: 2) {
            let draws = min(2, months - pair), rows = count * draws
            let monthly = UnsafeMutableBufferPointer(rebasing: inputs[0..<(monthlyStreams * rows)])
            drawNormals(paths, months: pair..<(pair + draws), monthly: monthly)
            correlation?.apply(growth: UnsafeBufferPointer(growthZ), monthly: monthly, rows: rows, pathsPerMonth: count)
            for m in pair..<(pair + draws) {
                let provision = provisions[m], offset = (m - pair) * count
                drivers.advance(month: m, count: count, rate: rate, factor: factor,
                                volatilityZ: z + offset, peakZ: z + rows + offset, traffic: traffic, peak: peak)
                demand.compute(count: count, peak: peak, noiseZ: { UnsafePointer(z + (2 + $0) * rows + offset) },
                               provision: provision, load: load, held: held, memory: memory, host: hostMemory)

                tally.rps[m].add(UnsafeBufferPointer(start: traffic, count: count))
                host.observe(hostMemory, count: count, month: m, capacity: provision.usableMB,
                             failedSoFar: failed, into: &tally.host)
                for s in 0..<serviceCount {
                    services[s].observe(memory + s * count, count: count, month: m,
                                        capacity: provision.limitsMB[s] ?? .infinity,
                                        failedSoFar: failed + (1 + s) * count, into: &tally.services[s])
                }
                for k in 0..<poolCount {
                    pools[k].observe(load + k * count, count: count, month: m, capacity: provision.poolConnections[k],
                                     failedSoFar: failed + (1 + serviceCount + k) * count, into: &tally.pools[k])
                }
                for j in 0..<sampled { samples[j][m] = hostMemory[j] }
            }
        }
        tally.samples += samples.enumerated().map { (path: paths.lowerBound + $0.offset, months: $0.element) }
    }

    /// Fills the monthly inputs of the chunk for `months` (a pair, or the last month
    /// alone) with standard normals, each path and input from its own named stream,
    /// draw m of a stream being month m (``Normal/fillStandard(_:draws:paths:startingAt:fromDraw:)``):
    /// column j (volatility, peak factor, then each service's noise) is rows j·n … (j + 1)·n − 1,
    /// n = months.count · paths.count, month-major.
    private func drawNormals(_ paths: Range<Int>, months: Range<Int>, monthly: UnsafeMutableBufferPointer<Double>) {
        let count = paths.count, rows = count * months.count, first = UInt64(paths.lowerBound)
        let streams = [Self.volatilityStream, Self.peakStream] + model.services.map { Self.noiseStream($0.name) }
        for (j, stream) in streams.enumerated() {
            Normal.fillStandard(UnsafeMutableBufferPointer(rebasing: monthly[(j * rows)..<((j + 1) * rows)]),
                                draws: months.count, paths: count,
                                startingAt: StreamKey(seed: seed, path: first, stream: stream), fromDraw: months.lowerBound)
        }
    }
}

extension Model {
    /// This model with its services and pools sorted by name: the order the
    /// forecast simulates in, so the order of the file changes no number.
    var sortedByName: Model {
        var sorted = self
        sorted.services.sort { $0.name < $1.name }
        sorted.pools.sort { $0.name < $1.name }
        return sorted
    }
}
