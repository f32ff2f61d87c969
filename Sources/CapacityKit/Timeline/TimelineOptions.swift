/// How `capacity timeline` runs: the forecast's horizon and paths, the
/// confidence of the crossings, the rule that picks an option, and today.
public struct TimelineOptions: Sendable, Equatable {
    /// Which option the plan applies at each act-by point.
    public enum Strategy: String, Sendable, Equatable, CaseIterable {
        /// The lowest cost per month of runway gained (ties: more runway, then file order).
        case cheapest
        /// The most runway gained, so the fewest changes over the horizon (ties: the cheaper).
        case fewestChanges = "fewest-changes"
    }

    /// Months, paths, seed and threads of every forecast the timeline runs.
    public var forecast: ForecastOptions
    /// q of the crossings: the month the q-quantile of demand reaches each level (0 < q < 1).
    public var confidence: Double
    public var strategy: Strategy
    /// Today; nil: the first day of the forecast's month 1. Act-by dates before it are "act now".
    public var today: CalendarDay?
    /// Stop planning after this many actions (nil: plan the whole horizon). `capacity forecast` asks for 1.
    public var maximumActions: Int?

    public init(forecast: ForecastOptions = ForecastOptions(months: 24), confidence: Double = 0.9,
                strategy: Strategy = .cheapest, today: CalendarDay? = nil, maximumActions: Int? = nil) {
        self.forecast = forecast
        self.confidence = confidence
        self.strategy = strategy
        self.today = today
        self.maximumActions = maximumActions
    }

    /// Why these options cannot run, or nil.
    public var problem: String? {
        if let problem = forecast.problem { return problem }
        if !(confidence >= 0.5 && confidence < 1) {
            return "--confidence must be in [0.5, 1), e.g. 0.9; got \(NumberFormat.exact(confidence))"
        }
        return nil
    }
}
