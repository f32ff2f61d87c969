/// Simulates a monthly history from a model, one path of the forecast's path
/// model (``PathSimulator``): for tests of calibration and for the synthetic
/// example data in `notebooks-data/`.
///
///     g ~ N(growth.mean, growth.sd²)  once;  rps₁ = rps,  rps_m = rps_{m−1} · max(0.01, 1 + g + ε_m),
///     ε_m ~ N(0, volatility²);  peak_m = rps_m · max(1, N(peak.mean, peak.sd²))
///     connections = min(peak · queries_per_request · hold_s, c)  per pool (Little's law)
///     memory_s = max(0, 1 + noise_s · Z) · (base_s + per_rps_s · peak/nodes + per_connection_s · connections/nodes)
///     host = Σ memory_s
///
/// Random numbers come from Philox streams keyed by (seed, path 0, name) with the
/// forecast's names (``StreamKey/id(named:)``): `traffic.growth`,
/// `traffic.volatility`, `traffic.peak_factor`, `services.<name>.noise`, each
/// drawn by inversion (``Normal/sample(using:)``).
/// The same seed always gives the same history.
public struct HistorySimulator: Sendable {
    public var model: Model
    /// Calendar month of the first simulated month (at the model's rps).
    public var first: YearMonth
    public var months: Int
    public var seed: UInt64

    public init(model: Model, first: YearMonth, months: Int, seed: UInt64) {
        precondition(months >= 1, "HistorySimulator needs at least one month")
        self.model = model
        self.first = first
        self.months = months
        self.seed = seed
    }

    /// The growth rate g this seed draws (the truth a calibration should recover).
    public var growthRate: Double {
        var stream = StreamKey(seed: seed, path: 0, stream: StreamKey.id(named: "traffic.growth")).generator
        return Normal(mean: model.traffic.growth.mean, standardDeviation: model.traffic.growth.sd).sample(using: &stream)
    }

    /// The history, with every column: rps_avg, rps_peak, host_memory_mb, `<service>_memory_mb`
    /// and `<pool>_connections`, named `source`.
    public func history(source: String) -> MonthlyHistory {
        let traffic = model.traffic, nodes = Double(model.host.nodes)
        func stream(_ name: String) -> Philox4x32 { StreamKey(seed: seed, path: 0, stream: StreamKey.id(named: name)).generator }
        var volatility = stream("traffic.volatility")
        var peakStream = stream("traffic.peak_factor")
        var noiseStreams = model.services.map { stream("services.\($0.name).noise") }
        let epsilon = Normal(mean: 0, standardDeviation: traffic.growth.volatility)
        let factor = Normal(mean: traffic.peakFactor.mean, standardDeviation: traffic.peakFactor.sd)
        let g = growthRate
        var rps = traffic.rps
        var average: [Double] = [], peaks: [Double?] = [], hosts: [Double?] = []
        var services = [[Double?]](repeating: [], count: model.services.count)
        var pools = [[Double?]](repeating: [], count: model.pools.count)
        for m in 0..<months {
            if m > 0 { rps *= max(TrafficDrivers.minimumStep, 1 + g + epsilon.sample(using: &volatility)) }
            let peak = rps * max(1, factor.sample(using: &peakStream))
            let held = model.pools.map { pool in
                min(peak * pool.queriesPerRequest * pool.holdMS / 1000, Double(pool.connectionCapacity(nodes: model.host.nodes)))
            }
            var host = 0.0
            for (s, service) in model.services.enumerated() {
                let connections = zip(model.pools, held).reduce(0.0) { $0 + ($1.0.service == service.name ? $1.1 : 0) }
                let demand = service.memory.baseMB + (service.memory.perRPSMB * peak + service.memory.perConnectionMB * connections) / nodes
                let z = Normal().sample(using: &noiseStreams[s])
                let memory = max(0, 1 + service.memory.noise * z) * demand
                services[s].append(memory)
                host += memory
            }
            for k in held.indices { pools[k].append(held[k]) }
            average.append(rps)
            peaks.append(peak)
            hosts.append(host)
        }
        return MonthlyHistory(
            source: source, months: (0..<months).map { first.adding(months: $0) }, rpsAverage: average, rpsPeak: peaks,
            hostMemoryMB: hosts,
            serviceMemoryMB: Dictionary(uniqueKeysWithValues: zip(model.services.map(\.name), services)),
            connections: Dictionary(uniqueKeysWithValues: zip(model.pools.map(\.name), pools)))
    }
}
