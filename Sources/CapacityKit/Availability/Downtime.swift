/// Downtime implied by an unavailability, stated over the periods SLAs are written for.
///
///     downtime = (1 − A) · period length
///
/// A year is 365 days (525,600 min), a quarter 90 days (129,600 min), and error
/// budgets use 30 days (43,200 min), the SRE convention: 99.9 % allows
/// 525.6 min (8.76 h) a year, 129.6 min a quarter and 43.2 min per 30 days.
public struct Downtime: Sendable, Equatable {
    /// A period over which downtime is stated.
    ///
    /// The raw value is the snake_case suffix of the period's keys
    /// (`downtime_minutes_per_year`, `…_per_quarter`, `…_per_30_days`).
    public enum Period: String, Sendable, CaseIterable {
        case year
        case quarter
        case thirtyDays = "30_days"

        /// Length in days: 365, 90 or 30.
        public var days: Int {
            switch self {
            case .year: 365
            case .quarter: 90
            case .thirtyDays: 30
            }
        }

        /// Length in minutes: 525,600, 129,600 or 43,200.
        public var minutes: Double { Double(days) * 1440 }

        /// How a report names the period: "year (365 days)", "quarter (90 days)", "30 days".
        public var label: String {
            switch self {
            case .year: "year (365 days)"
            case .quarter: "quarter (90 days)"
            case .thirtyDays: "30 days"
            }
        }
    }

    /// The fraction of time down, 1 − A, in [0, 1].
    public let unavailability: Double

    /// - Precondition: `unavailability` in [0, 1].
    public init(unavailability: Double) {
        precondition(unavailability >= 0 && unavailability <= 1, "unavailability must be in [0, 1]")
        self.unavailability = unavailability
    }

    /// Downtime in minutes per `period`: (1 − A) · period minutes.
    public func minutes(per period: Period) -> Double { unavailability * period.minutes }

    /// Minutes per year of 365 days.
    public var minutesPerYear: Double { minutes(per: .year) }
    /// Minutes per quarter of 90 days.
    public var minutesPerQuarter: Double { minutes(per: .quarter) }
    /// Minutes per 30 days.
    public var minutesPer30Days: Double { minutes(per: .thirtyDays) }
    /// Hours per year of 365 days (8,760 h).
    public var hoursPerYear: Double { minutesPerYear / 60 }
}
