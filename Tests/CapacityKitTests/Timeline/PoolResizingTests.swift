import Testing
@testable import CapacityKit

/// The proposed pool size, on the deterministic model of ``MemoryForecastTests``:
/// offered load a_m = peak · 2 queries · 0.020 s = 6 · 1.2^(m−1) erlangs, the
/// same on every path; the pool has size 10 × 1 instance × 1 node, and
/// max_connections 50.
@Suite struct PoolResizingTests {
    @Test("a hand-computed size: month 6 needs ⌊14.93 · (1 + 2⁻¹⁰) / 0.85⌋ + 1 = 18 connections (the critical level binds)")
    func handComputed() throws {
        let result = try MemoryForecast.run(deterministicModel, options: ForecastOptions(months: 12, paths: 200))
        let pool = try #require(result.resources.first { $0.resource.kind == .pool })
        let model = deterministicModel
        // a_6 = 6 · 1.2⁵ = 14.93: P(fail) < 1 % needs 15 connections, P90 below 85 % needs 14.93 / 0.85 = 17.56 → 18.
        let six = PoolResizing(pool, pool: model.pools[0], processes: 1, risk: 0.01, confidence: 0.9, from: 1, through: 6)
        #expect(six.neededConnections == 18 && six.size == 18 && !six.cappedByBudget)
        // Over two processes (e.g. two nodes) the same connections are ⌈18 / 2⌉ = 9 per process.
        let split = PoolResizing(pool, pool: model.pools[0], processes: 2, risk: 0.01, confidence: 0.9, from: 1, through: 6)
        #expect(split.size == 9)
        // a_12 = 6 · 1.2¹¹ = 44.58 → 44.58 / 0.85 = 52.4 → 53 connections, more than the budget allows.
        let twelve = PoolResizing(pool, pool: model.pools[0], processes: 1, risk: 0.01, confidence: 0.9, from: 1, through: 12)
        #expect(twelve.neededConnections == 53 && twelve.cappedByBudget)
        #expect(twelve.size == model.pools[0].connectionsAccepted && twelve.budgetSize == twelve.size)
    }

    @Test("the timeline proposes a resized pool for a pool no option names; the proposed size holds the risk through the horizon")
    func proposal() throws {
        var model = deterministicModel
        model.services[1].limitMB = nil   // only the pool (and the host) can run out
        model.scaling = Model.Scaling(leadTimeDays: 0, options: [
            Model.ScalingOption(name: "bigger node", kind: .vertical, memoryMB: 40_000, costPerMonth: 100)])
        let result = try ScalingTimeline.run(ValidatedModel(model), options: TimelineOptions(
            forecast: ForecastOptions(months: 6, paths: 200)))
        let step = try #require(result.plan.steps.first)
        #expect(step.resource.kind == .pool)
        #expect(step.chosen.proposed && step.chosen.option.kind == .pool && step.chosen.option.pool == "db")
        let sizing = try #require(step.chosen.poolResizing)
        #expect(step.chosen.poolSize == sizing.size && sizing.through == 6 && sizing.size == 18)
        // Month by month under the plan, the pool stays below the risk level.
        let pool = try #require(result.plan.months.last)
        #expect(pool.worstPFail.estimate < 0.01 || pool.worstResource.kind != .pool)
    }

    @Test("a timeline whose forecasts carry a precision target runs its passes without a fixed reference, to the same plan")
    func withPrecision() throws {
        var model = deterministicModel
        model.services[1].limitMB = nil
        let validated = try ValidatedModel(model)
        let plain = try ScalingTimeline.run(validated, options: TimelineOptions(forecast: ForecastOptions(months: 6, paths: 200)))
        let precise = try ScalingTimeline.run(validated, options: TimelineOptions(
            forecast: ForecastOptions(months: 6, paths: 200, precision: 0.05)))
        #expect(precise.plan.steps.map(\.chosen.option) == plain.plan.steps.map(\.chosen.option))
        #expect(precise.plan.steps.map(\.chosen.poolSize) == plain.plan.steps.map(\.chosen.poolSize))
    }
}
