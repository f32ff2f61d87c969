import Foundation
import Testing
@testable import CapacityKit

/// Deterministic models (no randomness): 100 rps growing 20 %/month, peak factor 1,
/// so peak_m = 100 · 1.2^(m−1) on every path.
///
/// api = 100 + 1 · peak MB against a 500 MB limit (warn 375, critical 425):
/// m7 398.6 (79.7 %: warn), m8 458.3 (91.7 %: critical), m9 530.0 (> 500: fails).
/// With a 1,000 MB limit (critical 850): m12 843.0, m13 991.6 (critical), m14 1,169.9 (fails).
/// With two nodes and 1,000 MB: 100 + 50 · 1.2^(m−1): m15 742.0, m16 870.4 (critical).
/// With two nodes and 500 MB: 100 + 50 · 1.2^(m−1) ≥ 425 from m12 (1.2^11 = 7.43 → 471.5; m11 409.6).
@Suite struct ScalingTimelineTests {
    static func model(usableMB: Double = 9000, leadTimeDays: Double = 14, options: [Model.ScalingOption]) -> Model {
        Model(name: "timeline", start: YearMonth(year: 2027, month: 1),
              host: Model.Host(memoryMB: usableMB + 1000, reservedMB: 1000, costPerMonth: 25),
              traffic: Model.Traffic(rps: 100, growth: Model.Growth(mean: 0.2)),
              services: [Model.Service(name: "api", memory: Model.Memory(baseMB: 100, perRPSMB: 1), limitMB: 500),
                         Model.Service(name: "cache", memory: Model.Memory(baseMB: 50))],
              scaling: Model.Scaling(leadTimeDays: leadTimeDays, options: options))
    }

    static let raise = Model.ScalingOption(name: "raise api limit", kind: .limit, service: "api", limit: .megabytes(1000))
    static let bigger = Model.ScalingOption(name: "bigger node", kind: .vertical, memoryMB: 20_000, costPerMonth: 100)
    static let another = Model.ScalingOption(name: "another node", kind: .horizontal, memoryMB: 10_000, costPerMonth: 30)

    func run(_ model: Model, months: Int, today: CalendarDay? = nil,
             strategy: TimelineOptions.Strategy = .cheapest) throws -> TimelineResult {
        try ScalingTimeline.run(ValidatedModel(model), options: TimelineOptions(
            forecast: ForecastOptions(months: months, paths: 50), strategy: strategy, today: today))
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
        // A per-option lead time overrides the model's for that option only.
        var slow = Self.raise
        slow.leadTimeDays = 45
        let result = try run(Self.model(options: [slow]), months: 10)
        #expect(result.plan.steps.first?.chosen.actBy == CalendarDay(year: 2027, month: 6, day: 17))
        #expect(result.resources[0].actBy == CalendarDay(year: 2027, month: 7, day: 18))
    }

    @Test("the plan raises the api limit in month 8, adds a node in month 13, and holds to month 15")
    func plan() throws {
        let result = try run(Self.model(options: [Self.bigger, Self.another, Self.raise]), months: 15)
        let steps = result.plan.steps
        #expect(steps.map(\.chosen.option.name) == ["raise api limit", "another node"])
        #expect(steps.map { $0.chosen.appliesMonth } == [8, 13])
        #expect(steps.map(\.resource.label) == ["api container", "api container"])
        #expect(steps[0].chosen.actBy == CalendarDay(year: 2027, month: 7, day: 18))
        #expect(steps[1].chosen.actBy == CalendarDay(year: 2027, month: 12, day: 18))   // 2028-01-01 − 14
        // Step 1: the limit buys 8 → 13 free; another node 8 → 12 (4 months) for $30; a bigger node nothing.
        let first = Dictionary(uniqueKeysWithValues: steps[0].candidates.map { ($0.option.name, $0) })
        #expect(first["raise api limit"]?.runwayMonths == 5)
        #expect(first["raise api limit"]?.costPerRunwayMonth == 0)
        #expect(first["another node"]?.gainedMonths == 4)
        #expect(first["another node"]?.costOverHorizon == 240)       // $30 × months 8…15
        #expect(first["another node"]?.costPerRunwayMonth == 60)      // 240 / 4
        #expect(first["bigger node"]?.gainedMonths == 0)
        #expect(first["bigger node"]?.eligible == false)
        // Step 2: another node carries api (1,000 MB) from 13 to 16, beyond the horizon: 3 months for $30 × 3.
        #expect(steps[1].chosen.nextDeadline == nil)
        #expect(steps[1].chosen.runwayMonths == 3)
        #expect(steps[1].chosen.costPerRunwayMonth == 30)
        #expect(result.plan.outcome == .holds)
        // Monthly and cumulative cost: $25 for months 1–12, $55 from 13: 300 + 165.
        #expect(result.plan.months.map(\.costPerMonth) == Array(repeating: 25, count: 12) + [55, 55, 55])
        #expect(result.plan.totalCost == 465)
        #expect(result.plan.months.map(\.nodes) == Array(repeating: 1, count: 12) + [2, 2, 2])
        #expect(result.plan.months.allSatisfy { $0.worstPFail.hits == 0 })
        // Planning only the first action (what `capacity forecast` shows) gives the same first action.
        let onlyFirst = try ScalingTimeline.run(ValidatedModel(Self.model(options: [Self.bigger, Self.another, Self.raise])),
                                            options: TimelineOptions(forecast: ForecastOptions(months: 15, paths: 50),
                                                                     maximumActions: 1))
        #expect(onlyFirst.plan.steps.map(\.chosen.option.name) == ["raise api limit"])
        #expect(onlyFirst.plan.steps.first?.chosen.actBy == steps[0].chosen.actBy)
    }

    @Test("with no option left the plan says when it runs out: api over 1,000 MB from month 14")
    func runsOut() throws {
        let result = try run(Self.model(options: [Self.bigger, Self.raise]), months: 16)
        #expect(result.plan.steps.map(\.chosen.option.name) == ["raise api limit"])
        #expect(result.plan.outcome == .runsOut(resource: result.resources[0].resource, deadline: 13, failsIn: 14))
        #expect(result.plan.months[13].runsOut == [0])
        #expect(result.plan.shortfalls.map(\.resource.label) == ["api container"])
        let summary = TimelineWriter(result).summary
        #expect(summary.contains("No option keeps the risk below 1 % for the api container from 2028-01: it runs out in 2028-02 (month 14)"))
    }

    @Test("a limit raise is chosen before another node when the host has room")
    func limitFirstWithRoom() throws {
        for strategy in TimelineOptions.Strategy.allCases {
            let result = try run(Self.model(options: [Self.another, Self.raise]), months: 12, strategy: strategy)
            #expect(result.plan.steps.first?.chosen.option.name == "raise api limit", "\(strategy)")
        }
    }

    /// Today 2027-07-20 is past act-by (2027-06-17 with 45 days), so an option ordered today is in force
    /// from the first month starting on or after 2027-09-03: month 10. A 700 MB host (595 MB critical)
    /// carries 150 + 100 · 1.2^(m−1): m9 580.0, m10 666.0, so in month 10 it has no room for a raise.
    @Test("a limit raise is refused when the host has no room in the month it would apply")
    func limitRefusedWithoutRoom() throws {
        let today = CalendarDay(year: 2027, month: 7, day: 20)
        let tight = try run(Self.model(usableMB: 700, leadTimeDays: 45, options: [Self.raise, Self.bigger]),
                            months: 12, today: today)
        // A bigger node does not move the api's limit: nothing helps the api, and the plan says so, then
        // carries on: the host reaches its critical level in month 10 and gets the bigger node (act by
        // 2027-10-01 − 45 days = 2027-08-17).
        let shortfall = try #require(tight.plan.shortfalls.first)
        #expect(shortfall.resource.label == "api container" && shortfall.deadline == 8 && shortfall.failsIn == 9)
        #expect(tight.plan.steps.map(\.resource.label) == ["host"])
        #expect(tight.plan.steps.first?.chosen.option.name == "bigger node")
        #expect(tight.plan.steps.first?.chosen.actBy == CalendarDay(year: 2027, month: 8, day: 17))
        let raise = try #require(shortfall.tried.first { $0.option.name == "raise api limit" })
        #expect(raise.actNow && raise.appliesMonth == 10)
        #expect(raise.refusal?.reason.hasPrefix("the host has no room: its P90 is at 95.1 % of usable memory in 2027-10") == true)
        #expect(shortfall.tried.first { $0.option.name == "bigger node" }?.eligible == false)
        #expect(tight.resources[0].actNow)
        #expect(TimelineWriter(tight).actNote(tight.resources[0])
            == "act now: api reaches 85 % of its limit in 2027-08, less than the 45-day lead time after today")
        // The same day with a roomy host: the raise is applied in month 10.
        let roomy = try run(Self.model(leadTimeDays: 45, options: [Self.raise, Self.bigger]), months: 12, today: today)
        #expect(roomy.plan.steps.first?.chosen.option.name == "raise api limit")
        #expect(roomy.plan.steps.first?.chosen.appliesMonth == 10)
        // Past the critical crossing itself: "has been over … since".
        let later = try run(Self.model(options: [Self.raise]), months: 12, today: CalendarDay(year: 2027, month: 9, day: 10))
        #expect(later.resources[0].criticalSince == YearMonth(year: 2027, month: 8))
        #expect(TimelineWriter(later).actNote(later.resources[0]) == "act now: api has been over 85 % of its limit since 2027-08")
    }

    @Test("the plan's headline agrees with its table and CSV")
    func headlineAndDetail() throws {
        let result = try run(Self.model(options: [Self.bigger, Self.another, Self.raise]), months: 15)
        let writer = TimelineWriter(result)
        #expect(writer.summary.contains("Plan: 2 actions; $55/month at the end (today $25), $465 over 15 months."))
        #expect(writer.summary.contains("First action: act by 2027-07-18: raise api limit to 1000 MB for the api container, in force from 2027-08"))
        let rows = writer.csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(Array(rows[0].prefix(13)) == ["month", "date", "event", "option", "nodes", "memory_mb", "memory_p90_pct", "p_oom",
                                              "cost_per_month", "cumulative_cost", "resource", "plan_by", "act_by"])
        #expect(rows.count == 16)
        let applied = rows[1...].filter { $0[2] == "apply" }
        #expect(applied.map { [$0[0], $0[3], $0[10], $0[11], $0[12]] }
            == [["8", "raise api limit", "api container", "2027-07-01", "2027-07-18"],
                ["13", "another node", "api container", "2027-12-01", "2027-12-18"]])
        #expect(rows[15][9] == "465")
        #expect(rows[1...].filter { $0[2] == "apply" }.count == result.plan.steps.count)
        for format in OutputFormat.allCases {
            let text = writer.render(format)
            #expect(!text.contains("nan") && !text.contains("inf"), "\(format)")
        }
    }
}
