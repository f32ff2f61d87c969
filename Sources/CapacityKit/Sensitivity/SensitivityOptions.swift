/// How `capacity sensitivity` runs: the figure, the horizon and paths of every
/// run (the same seed for all: common random numbers), and the swing of the
/// fixed estimates.
public struct SensitivityOptions: Sendable, Equatable {
    public var metric: SensitivityMetric
    /// Months, paths, seed and threads of every forecast (and plan) the analysis runs.
    public var forecast: ForecastOptions
    /// Fixed estimates are moved by ± this fraction (0 < swing ≤ 1); nil: they stay as they are.
    public var swing: Double?
    /// Today, for the plan's act-by dates (timeline metrics); nil: the first day of month 1.
    public var today: CalendarDay?
    /// Paths of the deployment metric's posterior draws (the forecast's `paths` otherwise).
    public var deploymentPaths: Int { forecast.paths }

    public init(metric: SensitivityMetric = .memoryP90, forecast: ForecastOptions = ForecastOptions(),
                swing: Double? = nil, today: CalendarDay? = nil) {
        self.metric = metric
        self.forecast = forecast
        self.swing = swing
        self.today = today
    }

    /// Why these options cannot run, or nil.
    public var problem: String? {
        if let problem = forecast.problem { return problem }
        if let swing, !(swing > 0 && swing <= 1) {
            return "--swing must be a fraction in (0, 100 %], e.g. 20%; got \(NumberFormat.exact(swing * 100)) %"
        }
        return nil
    }
}
