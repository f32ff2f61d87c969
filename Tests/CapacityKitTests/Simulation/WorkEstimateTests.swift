import Testing
@testable import CapacityKit

/// Work estimates before a run (issue #13, class 6: runs without bound).
@Suite struct WorkEstimateTests {
    @Test("SLA: replica events by hand for the default model's components")
    func slaDefaultModel() throws {
        let section = try #require(try DefaultModel.load().availability)
        let options = OutageSimulation.Options(years: 10, paths: 10_000)
        let estimate = OutageSimulation.workEstimate(Validated(checked: section), options: options)
        // Assumed MTTR 30 min, MTBF = 30·A/(1 − A): cycles of 60,000 min (api, redis at 99.95 %)
        // and 30,000 min (postgres at 99.9 %); 2 events per cycle over 525,600 min:
        // 17.52 + 35.04 + 17.52 = 70.08 events a year, + 1 per year → 71.08 per path-year, + 3 replica
        // starts per path. Three replicas are scanned: 2.2e-8 s per event, a start as two.
        #expect(abs(estimate.units - 10_000 * (10 * 71.08 + 3)) < 1e-6 * estimate.units)
        #expect(abs(estimate.coreSeconds - 2.2e-8 * 10_000 * (10 * 71.08 + 6)) < 1e-6 * estimate.coreSeconds)
        #expect(estimate.problem == nil)
    }

    @Test("SLA: the documented maximum (--paths 1e7 --years 1000) is refused, naming the flags")
    func slaMaximumRefused() throws {
        let section = try #require(try DefaultModel.load().availability)
        let estimate = OutageSimulation.workEstimate(Validated(checked: section), options: .init(years: 1_000, paths: 10_000_000))
        #expect(estimate.exceedsBudget)
        let problem = try #require(estimate.problem)
        // 7.108e11 events at 2.2e-8 s: 15,638 s, 4.3 hours, 131-fold the budget (120 s).
        #expect(problem.hasPrefix("this run would simulate about 7.1e+11 replica events and starts, about 4.3 hours on one core, over the budget of 2 minutes; lower `--paths` or `--years` about 131-fold"))
        #expect(!problem.contains("MTBF"))
    }

    @Test("SLA: a model whose one path-year is expensive also names the model fix")
    func slaModelHint() throws {
        let component = try AvailabilityShorthand.component("db=mtbf:0.1h/mttr:6m:replicas=1000")
        let section = Model.Availability(target: 0.999, components: [component])
        let estimate = OutageSimulation.workEstimate(Validated(checked: section), options: .init(years: 1_000, paths: 100))
        #expect(estimate.problem?.hasSuffix("or give the components longer MTBFs or fewer replicas") == true)
    }

    @Test("SLA: components that never fail or are never up add no events")
    func slaNoEvents() {
        let section = Model.Availability(target: 0.9, components: [
            Model.Component(name: "a", reliability: .availability(1)),
            Model.Component(name: "b", reliability: .availability(0)),
        ])
        // 7 paths × (3 years + 2 replica starts).
        #expect(OutageSimulation.workEstimate(Validated(checked: section), options: .init(years: 3, paths: 7)).units == 35)
    }

    @Test("SLA: many replicas cost more per event (a deeper tree, state beyond the caches) and a start per path")
    func slaManyReplicas() throws {
        #expect(OutageSimulation.eventCostFactor(replicas: 1) == 1)
        #expect(OutageSimulation.eventCostFactor(replicas: EventQueue.scanLimit) == 1)
        #expect(OutageSimulation.eventCostFactor(replicas: 9) == (1 + 4.0 / 4) * (1 + 9.0 / 20_000))
        #expect(OutageSimulation.eventCostFactor(replicas: 1_024) == (1 + 10.0 / 4) * (1 + 1_024.0 / 20_000))
        #expect(OutageSimulation.eventCostFactor(replicas: 100_000) == (1 + 17.0 / 4) * 3)
        // The contract's largest system: 100 components × 1,000 replicas that never fail: no events, but
        // 10⁵ starts a path. 10⁷ paths would take 4.4 · 10⁴ core-seconds: refused, naming --paths.
        let component = try AvailabilityShorthand.component("x=mtbf:10000000h/mttr:0s:replicas=1000")
        let section = Model.Availability(target: 0.999, components: (0..<100).map { _ in component })
        let refused = OutageSimulation.workEstimate(Validated(checked: section), options: .init(years: 1, paths: 10_000_000))
        #expect(abs(refused.coreSeconds - 2 * 100_000 * 10_000_000 * 2.2e-8 - 10_000_000 * 2.2e-8) < 1e-3)
        #expect(refused.problem?.contains("lower `--paths`") == true)
        #expect(OutageSimulation.workEstimate(Validated(checked: section), options: .init(years: 10, paths: 1_000)).problem == nil)
    }

    @Test("SLA: a path that would run past a replica's random stream is refused whatever the budget")
    func slaStreamLimit() throws {
        // Availability 10⁻⁹ with an assumed MTTR of 0.01 min: a cycle every 0.01 min, 5.3 · 10⁷ a year;
        // the stream holds 2.9 · 10⁹ cycles, half of it 1.4 · 10⁹: 28 years at most. One path of 40
        // years is within the budget (about 92 s of 120) but refused.
        let section = Model.Availability(target: 0.5, components: [
            Model.Component(name: "flaky", reliability: .availability(1e-9)),
        ])
        let options = OutageSimulation.Options(years: 40, paths: 1, assumedRepairMinutes: 0.01)
        let estimate = OutageSimulation.workEstimate(Validated(checked: section), options: options)
        #expect(!estimate.exceedsBudget && estimate.isRefused)
        let problem = try #require(estimate.problem)
        #expect(problem.contains("`flaky`") && problem.contains("lower `--years` to at most 27"), "\(problem)")
        #expect(OutageSimulation.workEstimate(Validated(checked: section), options: .init(years: 20, paths: 1, assumedRepairMinutes: 0.01))
                    .problem == nil)
    }

    @Test("deploy: expected attempts (1 − q^(r+1))/(1 − q) per stage, times paths")
    func deployAttempts() {
        // One stage at p = 1 with 100 retries: 101 attempts a path (the retries=1e14 case, now bounded).
        let always = Model.Deployment(stages: [Model.Stage(name: "x", failure: .rate(1), retries: 100)])
        let estimate = DeploymentOdds.workEstimate(Validated(checked: always), options: DeploymentOddsOptions(paths: 1_000))
        #expect(estimate.units == 101_000)
        // p = 0.5, r = 1: 1 + 0.5 = 1.5 attempts.
        let half = Model.Deployment(stages: [Model.Stage(name: "x", failure: .rate(0.5), retries: 1)])
        #expect(DeploymentOdds.workEstimate(Validated(checked: half), options: DeploymentOddsOptions(paths: 10)).units == 15)
        // 10⁸ paths of 100 stages with 100 retries at 100 %: about 10¹² attempts, refused.
        let worst = Model.Deployment(stages: (0..<100).map { Model.Stage(name: "s\($0)", failure: .rate(1), retries: 100) })
        let refused = DeploymentOdds.workEstimate(Validated(checked: worst), options: DeploymentOddsOptions(paths: 100_000_000))
        #expect(refused.problem?.contains("lower `--paths`") == true)
    }

    @Test("durations read in the largest unit")
    func durations() {
        #expect(WorkEstimate.duration(600) == "10 minutes")
        #expect(WorkEstimate.duration(79_000) == "22 hours")
        #expect(WorkEstimate.duration(5) == "5 seconds")
    }
}
