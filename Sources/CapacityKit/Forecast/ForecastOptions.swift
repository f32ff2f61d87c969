/// How a forecast runs: horizon, path count, seed, parallelism.
public struct ForecastOptions: SimulationOptionsHolding, Sendable, Equatable {
    /// The fixed default seed, printed with every result so a run can be repeated.
    public static let defaultSeed = SimulationOptions.defaultSeed
    /// The largest path count accepted: 10⁸ paths take about a minute on two
    /// cores, and the standard error of a probability is then below 5·10⁻⁵.
    public static let maximumPaths = 100_000_000
    /// The longest horizon accepted, months.
    public static let maximumMonths = 120
    /// Per-thread memory for one chunk's working set, bytes: a month quad's random inputs
    /// and the paths' state (the simulator draws four months at a time), small enough to stay
    /// in the core's cache while a month's histograms take every path of the chunk.
    static let chunkBudgetBytes = 2 << 20

    /// Months to forecast (and show); month 1 is the model's `start` month (the months
    /// before it that a model's old inputs need, ``Model/elapsedMonths``, come on top).
    public var months: Int
    /// Paths (the starting count when `precision` is set), seed, threads, chunk size
    /// (nil chooses one from the per-thread memory budget).
    public var simulation: SimulationOptions
    /// Paths per chunk; nil chooses one from the per-thread memory budget. Results do not depend on it.
    public var chunkSize: Int? {
        get { simulation.chunkSize }
        set { simulation.chunkSize = newValue }
    }
    /// Keep the monthly host totals of the first `samplePaths` paths (for `--samples`).
    public var samplePaths: Int
    /// When set, paths are doubled until every reported probability has a
    /// standard error below this, or ``maximumPaths`` is reached.
    public var precision: Double?

    public init(months: Int = 12, paths: Int = 100_000, seed: UInt64 = ForecastOptions.defaultSeed,
                threads: Int = 1, chunkSize: Int? = nil, samplePaths: Int = 0, precision: Double? = nil) {
        self.init(months: months, simulation: SimulationOptions(paths: paths, seed: seed, threads: threads, chunkSize: chunkSize),
                  samplePaths: samplePaths, precision: precision)
    }

    public init(months: Int, simulation: SimulationOptions, samplePaths: Int = 0, precision: Double? = nil) {
        self.months = months
        self.simulation = simulation
        self.samplePaths = samplePaths
        self.precision = precision
    }

    /// Why these options cannot run, or nil.
    public var problem: String? {
        if !(1...Self.maximumMonths).contains(months) {
            return "--months must be between 1 and \(Self.maximumMonths); got \(months)"
        }
        if let problem = simulation.problem(maximumPaths: Self.maximumPaths) { return problem }
        if let precision, !(precision > 0 && precision < 0.5) {
            return "--precision must be a standard error in (0, 0.5), e.g. 0.001; got \(precision)"
        }
        return nil
    }

    /// Why these options cannot run for `model`: ``problem``, or the model's elapsed months
    /// (``Model/elapsedMonths``) and `months` together beyond ``maximumMonths``.
    public func problem(elapsed model: Model) -> String? {
        if let problem { return problem }
        guard let age = model.inputsAge, age.months + months > Self.maximumMonths else { return nil }
        return "\(age.warning) (the \(age.months) months since and the \(months) to forecast would be "
            + "\(age.months + months) simulated months, more than \(Self.maximumMonths))"
    }

    /// The chunk size used for `streams` random inputs per path and month: four months of
    /// inputs (and the correlation's copy) plus about as many values of path state.
    func effectiveChunkSize(streams: Int) -> Int {
        if let chunkSize { return chunkSize }
        let perPath = max(1, (streams + 4) * min(Normal.drawsPerBlock, months) * MemoryLayout<Double>.size + 2 * (streams + 4) * 8)
        return max(256, min(16_384, Self.chunkBudgetBytes / perPath))
    }
}
