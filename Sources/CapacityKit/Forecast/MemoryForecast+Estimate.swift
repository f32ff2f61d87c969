extension MemoryForecast {
    /// Core-seconds per path, simulated month and tallied quantity (a driver or a resource);
    /// measured: `benchmarks/work-estimates.md`.
    static let coreSecondsPerUnit = 1.5e-8

    /// The tallied quantities of a path-month: traffic and its peak, and every resource the
    /// simulator tallies (``ResourceDemand/resources``: the host, every service — its demand is
    /// computed whether or not it has a limit —, every pool).
    static func quantities(_ model: Model) -> Int { 2 + model.demands.map(\.resources.count).reduce(0, +) }

    /// The work of `forecasts` forecasts of `model` with `options` (each a run over the
    /// same paths, e.g. the timeline's baseline, its pass per node count and its planned
    /// run), before they start:
    ///
    ///     units = forecasts · paths · (E + months) · (3 + services + pools)
    ///     core-seconds = 1.5 × 10⁻⁸ · units
    ///
    /// (E: the months simulated before month 1, ``Model/elapsedMonths``). Memory does not
    /// grow with it: chunks of paths are tallied into histograms of at most
    /// ``QuantileHistogram/maximumBins`` bins.
    public static func workEstimate(_ validated: ValidatedModel, options: ForecastOptions, forecasts: Int = 1,
                                    flags: [String] = ["--paths", "--months"]) -> WorkEstimate {
        let model = validated.model
        let months = Double(model.elapsedMonths + options.months)
        let perPath = months * Double(quantities(model)) * coreSecondsPerUnit * Double(max(1, forecasts))
        let units = Double(options.paths) * months * Double(quantities(model)) * Double(max(1, forecasts))
        return WorkEstimate(units: units, unitName: "path-months of tallied quantities",
                            coreSeconds: Double(options.paths) * perPath, flags: flags, coreSecondsPerStep: perPath,
                            modelHint: "simulate fewer services or pools")
    }
}

extension ScalingTimeline {
    /// The forecasts a timeline runs over the same paths: the model as it is, one per
    /// node count the plan may use (host.nodes … the horizontal option's max_nodes), and
    /// the planned schedule: 2 + node counts. The search between them simulates nothing.
    public static func forecastRuns(_ model: Model) -> Int {
        let horizontal = model.scaling?.options.first { $0.kind == .horizontal }
        let nodeCounts = max(model.host.nodes, horizontal?.maxNodes ?? model.host.nodes) - model.host.nodes + 1
        return 2 + nodeCounts
    }

    /// The work of a timeline of `model` (``forecastRuns(_:)`` forecasts, ``MemoryForecast/workEstimate(_:options:forecasts:flags:)``).
    public static func workEstimate(_ validated: ValidatedModel, options: TimelineOptions) -> WorkEstimate {
        MemoryForecast.workEstimate(validated, options: options.forecast, forecasts: forecastRuns(validated.model))
    }
}

extension SensitivityAnalysis {
    /// The work of a sensitivity run whose figure comes from the forecast or the timeline,
    /// before it starts: the base case, the recorded paths (forecast metrics) and two runs
    /// per input that varies, each a forecast or a plan (a timeline without the forecast of the
    /// model as it is: ``ScalingTimeline/plans(_:options:progress:)``), priced as if each drew its
    /// own normals and counted every resource — an upper bound, as shared passes do less
    /// (``MemoryForecast/workEstimate(_:options:forecasts:flags:)``); nil for the other engines
    /// (exact odds and posterior draws, priced by their own commands).
    public static func workEstimate(_ validated: ValidatedModel, options: SensitivityOptions) -> WorkEstimate? {
        let model = validated.model
        let engine = options.metric.engine
        guard engine == .forecast || engine == .timeline else { return nil }
        let inputs = SensitivityInput.catalogue(model, engine: engine, months: options.forecast.months, swing: options.swing)
        let runs = 1 + 2 * inputs.filter(\.varies).count + (engine == .forecast ? 1 : 0)
        let perRun = engine == .timeline ? ScalingTimeline.forecastRuns(model) - 1 : 1
        return MemoryForecast.workEstimate(validated, options: options.forecast, forecasts: runs * perRun)
    }
}
