/// What was observed before the forecast's first month — host memory per node at each
/// month's peak, MB, from a history CSV (`capacity report --history`) — drawn as the
/// actuals before the fan (as the Bank of England draws its inflation fan after the
/// outturns), so a review sees whether the forecast continues what happened.
public struct ObservedHistory: Sendable, Equatable {
    /// Where the figures come from (the file name).
    public var source: String
    /// Months with a host memory figure, increasing, each before the forecast's first month.
    public var months: [YearMonth]
    /// Host memory per node at the month's peak, MB, one per month.
    public var hostMemoryMB: [Double]

    /// At most this many months before the forecast are shown.
    public static let shownMonths = 24

    /// The months of `history` before `first` that have host memory, the last ``shownMonths``
    /// of them; nil when there is none (no `host_memory_mb` column, or every month at or after `first`).
    public init?(_ history: MonthlyHistory, before first: YearMonth) {
        let kept = zip(history.months, history.hostMemoryMB)
            .compactMap { month, memory in memory.flatMap { month < first ? (month, $0) : nil } }
            .suffix(Self.shownMonths)
        guard !kept.isEmpty else { return nil }
        source = history.source
        months = kept.map(\.0)
        hostMemoryMB = kept.map(\.1)
    }
}
