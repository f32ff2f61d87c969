/// When one resource needs attention, at the timeline's confidence q:
///
///     plan by  = the first month whose q-quantile reaches warn (dated by its first day)
///     deadline = the earlier of: the first month whose q-quantile reaches critical,
///                the first month with P(fail) ≥ the risk level
///     act by   = first day of the deadline month − lead time (days, real month lengths)
///
/// "Act now" when act-by is before today.
public struct ResourceDates: Sendable {
    public var resource: Resource
    /// Crossings at the confidence (1-based months, from the month the search started).
    public var crossings: Crossings
    public var planBy: YearMonth?
    /// The month the capacity must be in place (1-based), nil when not within the horizon.
    public var deadline: Int?
    public var leadTimeDays: Double
    public var actBy: CalendarDay?
    /// Act-by is before today.
    public var actNow: Bool
    /// When acting now and the resource is already at its critical level today: the month it got there.
    public var criticalSince: YearMonth?

    init(_ outlook: ResourceOutlook, confidence: Double, risk: Double, from: Int, start: YearMonth,
         leadTimeDays: Double, today: CalendarDay) {
        resource = outlook.resource
        crossings = outlook.crossings(confidence: confidence, risk: risk, from: from)
        planBy = crossings.warn.map { start.adding(months: $0 - 1) }
        deadline = crossings.deadline
        self.leadTimeDays = leadTimeDays
        actBy = deadline.map { Self.actBy(deadline: $0, start: start, leadTimeDays: leadTimeDays) }
        actNow = actBy.map { $0 < today } ?? false
        criticalSince = crossings.critical.map { start.adding(months: $0 - 1) }.flatMap {
            actNow && CalendarDay(firstOf: $0) <= today ? $0 : nil
        }
    }

    /// First day of month `deadline` (1-based from `start`) minus the lead time, rounded up to whole days.
    static func actBy(deadline: Int, start: YearMonth, leadTimeDays: Double) -> CalendarDay {
        CalendarDay(firstOf: start.adding(months: deadline - 1)).adding(days: -Int(leadTimeDays.rounded(.up)))
    }
}

extension Crossings {
    /// The month capacity must be in place: the earlier of the critical crossing and the risk crossing.
    public var deadline: Int? { [critical, risk].compactMap { $0 }.min() }
}
