/// How `capacity timeline` runs: the forecast's horizon and paths, the
/// confidence of the crossings, the rule that picks an option, and today.
public struct TimelineOptions: Sendable, Equatable {
    /// What the plan minimises once every month holds as far as the options allow.
    public enum Strategy: String, Sendable, Equatable, CaseIterable {
        /// The total cost over the horizon (ties: fewer changes).
        case cheapest
        /// The number of changes (ties: the cheaper).
        case fewestChanges = "fewest-changes"
    }

    /// Months, paths, seed and threads of every forecast the timeline runs.
    public var forecast: ForecastOptions
    /// q of the crossings: the month the q-quantile of demand reaches each level (0 < q < 1).
    public var confidence: Double
    public var strategy: Strategy
    /// Today; nil: the first day of the forecast's month 1. Act-by dates before it are "act now".
    public var today: CalendarDay?
    /// The review cycle, months: limits and pool sizes are sized to hold at least this long, and
    /// none changes twice within it unless its node changes (`--review-every`, 1–12).
    public var reviewMonths: Int

    public init(forecast: ForecastOptions = ForecastOptions(months: 24), confidence: Double = 0.9,
                strategy: Strategy = .cheapest, today: CalendarDay? = nil, reviewMonths: Int = 3) {
        self.forecast = forecast
        self.confidence = confidence
        self.strategy = strategy
        self.today = today
        self.reviewMonths = reviewMonths
    }

    /// Why these options cannot run, or nil.
    public var problem: String? {
        if let problem = forecast.problem { return problem }
        if !(confidence >= 0.5 && confidence < 1) {
            return "--confidence must be in [0.5, 1), e.g. 0.9; got \(NumberFormat.exact(confidence))"
        }
        if !(1...12).contains(reviewMonths) {
            return "--review-every must be 1–12 months; got \(reviewMonths)"
        }
        return nil
    }
}
