import Foundation
import Testing
@testable import CapacityKit

/// Deterministic models (no randomness): 100 rps growing 20 %/month, peak factor 1,
/// so peak_m = 100 · 1.2^(m−1) on every path, and every need is a closed form.
@Suite struct ScalingTimelineTests {
    /// api = 100 + 1 · peak MB against a 500 MB limit (warn 375, critical 425):
    /// m7 398.6 (79.7 %: warn), m8 458.3 (91.7 %: critical), m9 530.0 (> 500: fails).
    static func model(usableMB: Double = 9000, leadTimeDays: Double = 14, options: [Model.ScalingOption]) -> Model {
        Model(name: "timeline", start: YearMonth(year: 2027, month: 1),
              host: Model.Host(memoryMB: usableMB + 1000, reservedMB: 1000, costPerMonth: 25),
              traffic: Model.Traffic(rps: 100, growth: Model.Growth(mean: 0.2)),
              services: [Model.Service(name: "api", memory: Model.Memory(baseMB: 100, perRPSMB: 1), limitMB: 500),
                         Model.Service(name: "cache", memory: Model.Memory(baseMB: 50))],
              scaling: Model.Scaling(leadTimeDays: leadTimeDays, options: options))
    }

    static let bigger = Model.ScalingOption(name: "bigger node", kind: .vertical, memoryMB: 20_000, costPerMonth: 100)

    func run(_ model: Model, months: Int, today: CalendarDay? = nil, review: Int = 3,
             strategy: TimelineOptions.Strategy = .cheapest) throws -> TimelineResult {
        try ScalingTimeline.run(ValidatedModel(model), options: TimelineOptions(
            forecast: ForecastOptions(months: months, paths: 50), strategy: strategy, today: today, reviewMonths: review))
    }

    @Test("crossing months equal the hand-computed ones; act by = first day of the deadline month − lead time")
    func crossingsAndDates() throws {
        let result = try run(Self.model(options: [Self.bigger]), months: 10)
        let api = try #require(result.resources.first)
        #expect(api.resource.label == "api container")
        #expect(api.crossings == Crossings(warn: 7, critical: 8, limit: 9, risk: 9))
        #expect(api.planBy == YearMonth(year: 2027, month: 7))
        #expect(api.deadline == 8)
        #expect(api.actBy == CalendarDay(year: 2027, month: 7, day: 18))   // 2027-08-01 − 14 days
        #expect(!api.actNow)
        let host = try #require(result.resources.first { $0.resource.kind == .host })
        #expect(host.crossings == Crossings())   // 1,680 MB of 9,000 at most
    }

    @Test("the lead time moves act-by back by exactly its days: 45 instead of 14 is 31 days earlier")
    func leadTime() throws {
        let late = try run(Self.model(leadTimeDays: 14, options: [Self.bigger]), months: 10).resources[0]
        let early = try run(Self.model(leadTimeDays: 45, options: [Self.bigger]), months: 10).resources[0]
        #expect(late.actBy == CalendarDay(year: 2027, month: 7, day: 18))
        #expect(early.actBy == CalendarDay(year: 2027, month: 6, day: 17))
        #expect(early.actBy?.adding(days: 31) == late.actBy)
    }

    @Test("a right-sized limit: api's need through a review cycle, act-by its lead time before, plan by at warn")
    func rightSizedLimit() throws {
        // api needs, deterministic: max(D, Q/0.85) · (1 + 2⁻¹⁰) with D = Q = 100 + 100 · 1.2^(m−1).
        // It fails in month 8 (458.3 ≥ 425); the first change is in force at month 8 and sized for 8…10:
        // (100 + 100 · 1.2⁹) / 0.85 · (1 + 2⁻¹⁰) = 615.98 / 0.85 · 1.000977 = 725.4 → 726 MB (to the histogram's bin).
        let result = try run(Self.model(options: [Self.bigger]), months: 10)
        let step = try #require(result.plan.steps.first)
        guard case .limit(let service, let from, let to) = step.change else { Issue.record("\(step.change)"); return }
        #expect(service == "api" && from == 500)
        #expect(abs(to - 726) <= 2, "\(to)")
        #expect(step.option == nil && step.month == 8 && step.sizedThrough == 10)
        #expect(step.actBy == CalendarDay(year: 2027, month: 7, day: 18))
        #expect(step.planBy == YearMonth(year: 2027, month: 7))
        #expect(result.plan.outcome == .holds)
        #expect(result.plan.totalCost == 250)   // the limit is free: 10 × $25
    }
}
