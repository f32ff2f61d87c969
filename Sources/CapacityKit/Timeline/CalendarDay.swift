/// A calendar day (proleptic Gregorian), written `YYYY-MM-DD`: the unit of the
/// timeline's dates. Forecast month m is dated by its first day,
/// `CalendarDay(firstOf: start + (m − 1) months)`; lead times are subtracted
/// in days, with each month's real length (28–31 days, leap years by the
/// Gregorian rule: divisible by 4, except centuries not divisible by 400).
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    /// 1 … 12.
    public var month: Int
    /// 1 … days in the month.
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        precondition((1...12).contains(month) && (1...Self.days(inMonth: month, year: year)).contains(day),
                     "not a calendar day")
        self.year = year
        self.month = month
        self.day = day
    }

    /// The first day of `month`.
    public init(firstOf month: YearMonth) {
        self.init(year: month.year, month: month.month, day: 1)
    }

    /// The calendar month this day falls in.
    public var yearMonth: YearMonth { YearMonth(year: year, month: month) }

    /// Days in `month` of `year`: 31, 30, or 28/29 for February.
    public static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The day `count` days later (earlier when negative), walking real month lengths. O(months crossed).
    public func adding(days count: Int) -> CalendarDay {
        var (year, month, day) = (self.year, self.month, self.day + count)
        while day < 1 {
            month -= 1
            if month == 0 { month = 12; year -= 1 }
            day += Self.days(inMonth: month, year: year)
        }
        while day > Self.days(inMonth: month, year: year) {
            day -= Self.days(inMonth: month, year: year)
            month += 1
            if month == 13 { month = 1; year += 1 }
        }
        return CalendarDay(year: year, month: month, day: day)
    }

    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
