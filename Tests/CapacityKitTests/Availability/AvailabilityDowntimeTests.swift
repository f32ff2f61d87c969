import Testing
@testable import CapacityKit

@Suite("Availability downtime periods")
struct AvailabilityDowntimeTests {
    @Test("99.9 % is 525.6 min (8.76 h) a year, 129.6 min a quarter, 43.2 min per 30 days")
    func threeNines() {
        // 0.001 · 525,600 = 525.6; 0.001 · 129,600 = 129.6; 0.001 · 43,200 = 43.2 (DESIGN.md).
        let downtime = Downtime(unavailability: 1 - 0.999)
        #expect(abs(downtime.minutesPerYear - 525.6) < 1e-9)
        #expect(abs(downtime.hoursPerYear - 8.76) < 1e-12)
        #expect(abs(downtime.minutesPerQuarter - 129.6) < 1e-9)
        #expect(abs(downtime.minutesPer30Days - 43.2) < 1e-9)
    }

    @Test("Period lengths: 525,600, 129,600 and 43,200 minutes")
    func periods() {
        #expect(Downtime.Period.year.minutes == 525_600)
        #expect(Downtime.Period.quarter.minutes == 129_600)
        #expect(Downtime.Period.thirtyDays.minutes == 43_200)
        #expect(Downtime.Period.allCases.map(\.rawValue) == ["year", "quarter", "30_days"])
    }

    @Test("Error budget of 99.95 % per 30 days: 0.0005 · 43,200 = 21.6 min")
    func errorBudget() {
        let analysis = AvailabilityAnalysis(Validated(checked: Model.Availability(target: 0.9995, components: [
            Model.Component(name: "api", reliability: .availability(0.9995)),
        ])))
        #expect(abs(analysis.errorBudget.minutesPer30Days - 21.6) < 1e-9)
        // Exactly at the target meets it.
        #expect(analysis.meetsTarget)
        #expect(abs(analysis.errorBudgetUsed! - 1) < 1e-12)
    }

    @Test("Nines: −log10(1 − A) is 3 for 99.9 % and 2 for 99 %; none without downtime")
    func nines() {
        func nines(_ a: Double) -> Double? {
            AvailabilityAnalysis(Validated(checked: Model.Availability(target: 0.9, components: [
                Model.Component(name: "x", reliability: .availability(a)),
            ]))).nines
        }
        #expect(abs(nines(0.999)! - 3) < 1e-12)
        #expect(abs(nines(0.99)! - 2) < 1e-12)
        #expect(abs(nines(0.9995)! - 3.3010299956639813) < 1e-12)
        #expect(nines(1) == nil)
    }
}
