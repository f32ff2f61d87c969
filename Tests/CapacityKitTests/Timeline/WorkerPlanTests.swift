import Foundation
import Testing
@testable import CapacityKit

/// The plan and worker pools (issue #22 item 4): a node adds workers, so a worker pool whose
/// SLO breaks makes the plan add nodes, by the same deadline rule as memory.
@Suite struct WorkerPlanTests {
    /// ``WorkerForecastTests/model`` (λ_m = 10 · 1.2^(m−1) rps, 4 workers of exponential 100 ms
    /// service, SLO P95 ≤ 500 ms: at most 32.6072 rps per node, mpmath) with up to 2 nodes at $25
    /// and no lead time. The rule (P90 below 85 % of the rate, P(breach) < 1 %) needs
    /// λ/nodes · (1 + 2⁻¹⁰) / 0.85 ≤ 32.6072: on one node λ ≤ 27.69 rps, broken in month 7
    /// (29.86 rps; month 6, 24.88 rps, holds); on two nodes λ ≤ 55.39, held through month 10
    /// (51.60 rps). Memory never binds (9,000 MB usable).
    static func model() -> Model {
        var model = WorkerForecastTests.model
        model.services[0].limitMB = nil
        model.host.costPerMonth = 25
        model.scaling = Model.Scaling(leadTimeDays: 0, options: [
            Model.ScalingOption(name: "node", kind: .horizontal, memoryMB: 10_000, costPerMonth: 25, maxNodes: 2)])
        return model
    }

    @Test("the plan adds the second node in the month the one-node pool would break its SLO rule")
    func addsNode() throws {
        let result = try ScalingTimeline.run(ValidatedModel(Self.model()), options: TimelineOptions(
            forecast: ForecastOptions(months: 10, paths: 40), today: CalendarDay(year: 2027, month: 1, day: 1)))
        #expect(result.plan.outcome == .holds)
        let step = try #require(result.plan.steps.first)
        #expect(result.plan.steps.count == 1)
        #expect(step.change == .nodes(from: 1, to: 2) && step.month == 7)
        #expect(step.resource.kind == .workers && step.resource.name == "web")
        #expect(step.reason.hasPrefix("workers web needs 35.2 requests/s per node in 2027-07"), "\(step.reason)")
        #expect(result.plan.months.map(\.nodes) == Array(repeating: 1, count: 6) + Array(repeating: 2, count: 4))
    }

    @Test("without a node to add, the shortfall names the workers and the node count that would hold")
    func shortfall() throws {
        var model = Self.model()
        model.scaling = nil
        let result = try ScalingTimeline.run(ValidatedModel(model), options: TimelineOptions(
            forecast: ForecastOptions(months: 10, paths: 40), today: CalendarDay(year: 2027, month: 1, day: 1)))
        let shortfall = try #require(result.plan.shortfalls.first)
        #expect(shortfall.resource.kind == .workers && shortfall.deadline == 7 && shortfall.failsIn == 8)
        #expect(shortfall.wouldHold.contains("more workers per node (per_node)"), "\(shortfall.wouldHold)")
    }
}
