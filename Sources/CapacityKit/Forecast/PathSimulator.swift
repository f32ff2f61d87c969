/// Simulates chunks of forecast paths: traffic, peak, per-service memory and
/// pool load, month by month, and tallies them.
///
/// The model of one path (DESIGN.md, "Conventions"; issue "The main job"):
///
///     g ~ N(growth.mean, growth.sd²)                  once per path
///     rps₁ = rps,  rps_m = rps_{m−1} · max(0.01, 1 + g + ε_m),  ε_m ~ N(0, volatility²)
///     peak_m = rps_m · max(1, N(peak.mean, peak.sd²))  the factor censored at 1
///     a_k = peak_m · queries_per_request · hold_s       offered load of pool k (Erlang)
///     connections in use = min(a_k, c_k)                 Little's law, capped by the pool
///     memory_s = max(0, 1 + noise_s · Z) · (base_s + per_rps_s · peak_m / nodes
///                                           + per_connection_s · connections / nodes)
///     host_m = Σ_s memory_s                               per node
///
/// The floor 0.01 keeps traffic positive (at most a 99 % fall in one month; it
/// binds only when growth + noise < −99 %, i.e. never for realistic inputs).
/// With several nodes every node runs every service: base memory repeats and
/// traffic and connections split evenly across nodes.
///
/// Each random input has its own stream per path (``StreamKey``): stream 0 the
/// growth rate, 1 the volatility, 2 the peak factor, 3 + s service s's noise,
/// so a path's numbers do not depend on its chunk or thread.
struct PathSimulator: Sendable {
    struct Service: Sendable {
        var base: Double
        var perPeakRPS: Double
        var perConnection: Double
        var noise: Double
        var limit: Double?
    }

    struct Pool: Sendable {
        /// Offered load per peak request/s: queries_per_request · hold_ms / 1000, connections.
        var loadPerRPS: Double
        /// Connections available on all nodes, c.
        var capacity: Double
        /// Index of the service that holds the connections.
        var service: Int
    }

    static let growthStream: UInt64 = 0
    static let minimumStep = 0.01

    let months: Int
    let seed: UInt64
    let rps: Double
    let growth: Model.Growth
    let peakFactor: Model.MeanAndSD
    let nodes: Double
    let usable: Double
    let warn: Double
    let critical: Double
    let services: [Service]
    let pools: [Pool]
    let correlation: InputCorrelation?
    let samplePaths: Int

    init(model: Model, options: ForecastOptions, correlation: InputCorrelation?) {
        months = options.months
        seed = options.seed
        rps = model.traffic.rps
        growth = model.traffic.growth
        peakFactor = model.traffic.peakFactor
        nodes = Double(model.host.nodes)
        usable = model.host.usableMB
        warn = model.thresholds.warn * model.host.usableMB
        critical = model.thresholds.critical * model.host.usableMB
        let nodes = Double(model.host.nodes)
        services = model.services.map {
            Service(base: $0.memory.baseMB, perPeakRPS: $0.memory.perRPSMB / nodes,
                    perConnection: $0.memory.perConnectionMB / nodes, noise: $0.memory.noise, limit: $0.limitMB)
        }
        pools = model.pools.map { pool in
            Pool(loadPerRPS: pool.queriesPerRequest * pool.holdMS / 1000,
                 capacity: Double(pool.connectionCapacity(nodes: model.host.nodes)),
                 service: model.services.firstIndex { $0.name == pool.service } ?? 0)
        }
        self.correlation = correlation
        samplePaths = options.samplePaths
    }

    /// Monthly random inputs per path: volatility, peak factor, one noise per service.
    var monthlyStreams: Int { 2 + services.count }

    /// A tally for this simulator's months, services and pools, with no paths yet.
    func emptyTally() -> ForecastTally {
        ForecastTally(months: months, services: services.count, pools: pools.count)
    }

    /// Simulates `paths` and adds them to `tally`.
    func simulate(_ paths: Range<Int>, into tally: inout ForecastTally) {
        let count = paths.count, months = self.months
        let rows = count * months
        tally.paths += count

        // Standard normals: growth[i]; monthly column j (0 volatility, 1 peak, 2 + s noise)
        // at inputs[j·rows + m·count + i], month-major so each month is contiguous.
        let growthZ = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        let inputs = UnsafeMutableBufferPointer<Double>.allocate(capacity: monthlyStreams * rows)
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: (8 + services.count) * count)
        defer { growthZ.deallocate(); inputs.deallocate(); scratch.deallocate() }
        drawNormals(paths, growth: growthZ, monthly: inputs)
        correlation?.apply(growth: UnsafeBufferPointer(growthZ), monthly: inputs, rows: rows, pathsPerMonth: count)

        // Working arrays, one value per path. Each loop below touches at most three of
        // them through raw pointers, so the compiler can check aliasing and vectorise.
        let base = scratch.baseAddress!
        let factor = base, rate = base + count, traffic = base + 2 * count, peak = base + 3 * count
        let host = base + 4 * count, memory = base + 5 * count, load = base + 6 * count
        let oomSoFar = base + 7 * count
        // Connections in use on all nodes at the peak, by service: connections[s·count + i].
        let connections = base + 8 * count
        let sampled = max(0, min(paths.upperBound, samplePaths) - paths.lowerBound)
        var samples = Array(repeating: [Double](repeating: 0, count: months), count: sampled)

        let growthDraws = growthZ.baseAddress!
        for i in 0..<count {
            factor[i] = 1
            rate[i] = growth.mean + growth.sd * growthDraws[i]
            oomSoFar[i] = 0
        }
        for m in 0..<months {
            let volatility = inputs.baseAddress! + (0 * rows + m * count)
            let peakZ = inputs.baseAddress! + (1 * rows + m * count)
            // Cumulative product as a loop: 0.026 ms per 4,096 paths × 24 months, against 1.3 ms
            // for exp(log(step) · U) with DGEMM by an upper-triangular U (measured here, AVX-512 build).
            if m > 0 {
                let sigma = growth.volatility
                for i in 0..<count { factor[i] *= max(Self.minimumStep, 1 + rate[i] + sigma * volatility[i]) }
            }
            for i in 0..<count { traffic[i] = rps * factor[i] }
            let (peakMean, peakSD) = (peakFactor.mean, peakFactor.sd)
            for i in 0..<count { peak[i] = traffic[i] * max(1, peakMean + peakSD * peakZ[i]) }
            tally.rps[m].add(UnsafeBufferPointer(start: traffic, count: count))

            if !pools.isEmpty { connections.update(repeating: 0, count: services.count * count) }
            for (k, pool) in pools.enumerated() {
                let held = connections + pool.service * count
                let (perRPS, capacity) = (pool.loadPerRPS, pool.capacity)
                let perRPSOverCapacity = perRPS / capacity
                for i in 0..<count { held[i] += min(peak[i] * perRPS, capacity) }
                for i in 0..<count { load[i] = peak[i] * perRPSOverCapacity }
                var saturated = 0
                for i in 0..<count { saturated &+= 1 &- Self.isBelow(load[i], 1) }
                tally.poolUtilization[k][m].add(UnsafeBufferPointer(start: load, count: count))
                tally.saturated[k][m] += saturated
            }

            host.update(repeating: 0, count: count)
            for (s, service) in services.enumerated() {
                let noiseZ = inputs.baseAddress! + ((2 + s) * rows + m * count)
                let (base, perPeak, perConnection, noise) = (service.base, service.perPeakRPS,
                                                             service.perConnection, service.noise)
                // Drivers → services as a loop: 0.21 ms per 98,304 path-months × 5 services, against
                // 0.41 ms for the (rows × 3) · (3 × 5) DGEMM plus the noise product (measured here).
                if perConnection == 0 || pools.isEmpty {
                    for i in 0..<count { memory[i] = max(0, 1 + noise * noiseZ[i]) * (base + perPeak * peak[i]) }
                } else {
                    let held = connections + s * count
                    for i in 0..<count { memory[i] = base + perPeak * peak[i] + perConnection * held[i] }
                    for i in 0..<count { memory[i] *= max(0, 1 + noise * noiseZ[i]) }
                }
                for i in 0..<count { host[i] += memory[i] }
                let limit = service.limit ?? .infinity
                var overLimit = 0
                for i in 0..<count { overLimit &+= Self.isAbove(memory[i], limit) }
                tally.overLimit[s][m] += overLimit
                tally.services[s][m].add(UnsafeBufferPointer(start: memory, count: count))
            }

            var warnCount = 0, criticalCount = 0, oomCount = 0, oomByCount = 0
            let (warn, critical, usable) = (self.warn, self.critical, self.usable)
            for i in 0..<count {
                let total = host[i]
                warnCount &+= Self.isAbove(total, warn)
                criticalCount &+= Self.isAbove(total, critical)
                oomCount &+= Self.isAbove(total, usable)
            }
            for i in 0..<count { oomSoFar[i] = max(oomSoFar[i], Double(Self.isAbove(host[i], usable))) }
            for i in 0..<count { oomByCount &+= Self.isAbove(oomSoFar[i], 0) }
            tally.host[m].add(UnsafeBufferPointer(start: host, count: count))
            tally.warn[m] += warnCount
            tally.critical[m] += criticalCount
            tally.oom[m] += oomCount
            tally.oomBy[m] += oomByCount
            for j in 0..<sampled { samples[j][m] = host[j] }
        }
        tally.samples += samples.enumerated().map { (path: paths.lowerBound + $0.offset, months: $0.element) }
    }

    /// 1 when x > threshold, else 0, for finite x and threshold ≥ 0 or +∞: the sign
    /// bit of threshold − x. Branch-free, so the counting loops vectorise (a
    /// `x > t ? 1 : 0` compiled to a branch per value).
    @inline(__always)
    static func isAbove(_ x: Double, _ threshold: Double) -> Int {
        Int(truncatingIfNeeded: (threshold - x).bitPattern >> 63)
    }

    /// 1 when x < threshold, else 0 (finite values): the sign bit of x − threshold.
    @inline(__always)
    static func isBelow(_ x: Double, _ threshold: Double) -> Int {
        Int(truncatingIfNeeded: (x - threshold).bitPattern >> 63)
    }

    /// Fills the growth and monthly inputs of the chunk with standard normals,
    /// each path and input from its own stream (``Normal/fillStandard(_:draws:paths:startingAt:)``).
    private func drawNormals(_ paths: Range<Int>, growth: UnsafeMutableBufferPointer<Double>,
                             monthly: UnsafeMutableBufferPointer<Double>) {
        let count = paths.count, rows = count * months, first = UInt64(paths.lowerBound)
        Normal.fillStandard(growth, draws: 1, paths: count,
                            startingAt: StreamKey(seed: seed, path: first, stream: Self.growthStream))
        for j in 0..<monthlyStreams {
            Normal.fillStandard(UnsafeMutableBufferPointer(rebasing: monthly[(j * rows)..<((j + 1) * rows)]),
                                draws: months, paths: count,
                                startingAt: StreamKey(seed: seed, path: first, stream: UInt64(1 + j)))
        }
    }
}
