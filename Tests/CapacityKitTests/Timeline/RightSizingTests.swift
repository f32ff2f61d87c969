import Testing
@testable import CapacityKit

/// The proposed limit, checked by re-running the forecast with it (seeded).
@Suite struct RightSizingTests {
    /// api = max(0, 1 + 0.3 Z) · (100 + peak), peak = 100 · 1.2^(m−1): the noise is wide enough that
    /// P(over limit) < 1 % binds, not the P90 below 85 %: the 99th percentile is 1 + 0.3 · 2.326 = 1.698
    /// times the median, the P90 over 0.85 only (1 + 0.3 · 1.2816) / 0.85 = 1.629 times.
    static let model = Model(
        name: "right-sizing", start: YearMonth(year: 2027, month: 1),
        host: Model.Host(memoryMB: 20_000, reservedMB: 1000),
        traffic: Model.Traffic(rps: 100, growth: Model.Growth(mean: 0.2)),
        services: [Model.Service(name: "api", memory: Model.Memory(baseMB: 100, perRPSMB: 1, noise: 0.3), limitMB: 300)])

    @Test("the right-sized limit keeps P(over limit) below 1 % through the stated month; 5 % lower does not")
    func proposedLimitHolds() throws {
        let seed: UInt64 = 4242
        let validated = try ValidatedModel(Self.model)
        let options = ForecastOptions(months: 8, paths: 20_000, seed: seed)
        let result = try MemoryForecast.run(validated, options: options)
        let api = try #require(result.resources.first { $0.resource.kind == .container })
        let sizing = RightSizing(api, risk: 0.01, confidence: 0.9, from: 3, through: 6, otherLimitsMB: 0, reservedMB: 1000)
        #expect(sizing.binding == .risk, "seed \(seed)")
        // Hand check: month 6 median 100 + 248.8 = 348.8 MB, × 1.698 ≈ 592 MB.
        #expect(abs(sizing.limitMB - 592) < 15, "seed \(seed): \(sizing.limitMB)")
        #expect(sizing.nodeMemoryMB == sizing.limitMB + 1000)

        func pOver(limit: Double) throws -> [Double] {
            var schedule = Array(repeating: Provision(Self.model), count: 8)
            for m in 0..<8 { schedule[m].limitsMB = [limit] }
            let run = try MemoryForecast.run(validated, options: options, schedule: schedule)
            return run.resources[1].months.map(\.pFail.estimate)
        }
        let held = try pOver(limit: sizing.limitMB)
        #expect(held[2..<6].allSatisfy { $0 < 0.01 }, "seed \(seed): \(held)")
        // 5 % lower: month 6 exceeds it in P(Z > (0.95 · 1.698 − 1) / 0.3 = 2.04) ≈ 2.1 % of paths, 10 σ above 1 %.
        let lower = try pOver(limit: sizing.limitMB * 0.95)
        #expect(lower[2..<6].contains { $0 >= 0.01 }, "seed \(seed): \(lower)")
        #expect(lower[5] > 0.015, "seed \(seed): \(lower[5])")
    }

    @Test("the timeline proposes a right-sized limit for a container no option names, and marks it proposed")
    func proposal() throws {
        var model = Self.model
        model.scaling = Model.Scaling(leadTimeDays: 0, options: [
            Model.ScalingOption(name: "bigger node", kind: .vertical, memoryMB: 40_000, costPerMonth: 100)])
        let result = try ScalingTimeline.run(ValidatedModel(model), options: TimelineOptions(
            forecast: ForecastOptions(months: 8, paths: 20_000, seed: 4242)))
        let step = try #require(result.plan.steps.first)
        #expect(step.chosen.proposed && step.chosen.option.kind == .limit && step.chosen.option.service == "api")
        let sizing = try #require(step.chosen.rightSizing)
        #expect(sizing.from == step.chosen.appliesMonth && sizing.through == 8)
        #expect(step.chosen.limitMB == sizing.limitMB)
    }
}
