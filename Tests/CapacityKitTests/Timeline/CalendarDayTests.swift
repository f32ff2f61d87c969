import Testing
@testable import CapacityKit

@Suite struct CalendarDayTests {
    @Test("days walk real month lengths and Gregorian leap years")
    func monthLengths() {
        let day = { (y: Int, m: Int, d: Int) in CalendarDay(year: y, month: m, day: d) }
        #expect(day(2027, 3, 1).adding(days: -1) == day(2027, 2, 28))
        #expect(day(2028, 3, 1).adding(days: -1) == day(2028, 2, 29))      // divisible by 4
        #expect(day(2100, 3, 1).adding(days: -1) == day(2100, 2, 28))      // century, not by 400
        #expect(day(2000, 3, 1).adding(days: -1) == day(2000, 2, 29))      // by 400
        #expect(day(2027, 1, 1).adding(days: -14) == day(2026, 12, 18))
        // 2027-08-01 − 45 days: − 31 (July) = 07-01, − 14 = 06-17.
        #expect(day(2027, 8, 1).adding(days: -45) == day(2027, 6, 17))
        #expect(day(2026, 12, 18).adding(days: 14) == day(2027, 1, 1))
        #expect(day(2027, 1, 1).adding(days: 365) == day(2028, 1, 1))
        #expect(day(2028, 1, 1).adding(days: 366) == day(2029, 1, 1))
        #expect(day(2027, 6, 17).description == "2027-06-17")
    }
}
