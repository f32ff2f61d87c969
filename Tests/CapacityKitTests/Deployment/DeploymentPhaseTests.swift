import Testing
@testable import CapacityKit

/// Stage phases (issue #13): a pre-release failure blocks the release with nothing to roll back.
@Suite struct DeploymentPhaseTests {
    static let pipeline = Model.Deployment(deploysPerMonth: 20, stages: [
        Model.Stage(name: "ci", failure: .rate(0.04), phase: .preRelease),
        Model.Stage(name: "build", failure: .rate(0.02), phase: .preRelease),
        Model.Stage(name: "deploy", failure: .rate(0.03)),
        Model.Stage(name: "health", failure: .rate(0.01), phase: .postRelease),
        Model.Stage(name: "config", failure: .rate(0.01), phase: .postRelease),
    ], rollback: Model.Rollback(successRate: 0.95))

    @Test("exact odds by hand: blocked 1 − 0.96·0.98, unrecoverable 0.9408·(1 − 0.97·0.99²)·0.05; outcomes sum to 1")
    func exactOdds() {
        let odds = DeploymentOutcomes(stages: Self.pipeline.stages.map(\.retryOdds), rollbackSuccessRate: 0.95,
                                      preReleaseCount: Self.pipeline.preReleaseStageCount)
        #expect(Self.pipeline.preReleaseStageCount == 2)
        #expect(abs(odds.blocked - 0.0592) < 1e-16)
        #expect(abs(odds.failure - 0.0463842624) < 1e-16)
        #expect(abs(odds.unrecoverable - 0.00231921312) < 1e-17)
        #expect(abs(odds.success - 0.8944157376) < 1e-15)
        #expect(abs(odds.success + odds.blocked + odds.rolledBack + odds.unrecoverable - 1) < 1e-15)
        // Without phases (all release) the seed's 0.528 % comes back.
        let allRelease = DeploymentOutcomes(stages: Self.pipeline.stages.map(\.retryOdds), rollbackSuccessRate: 0.95)
        #expect(allRelease.blocked == 0 && abs(allRelease.unrecoverable - 0.00527921312) < 1e-16)
    }

    @Test("the simulation blocks pre-release failures: frequencies within 5 standard errors (seed 11)")
    func simulated() throws {
        let result = try DeploymentOdds.run(Validated(checked: Self.pipeline), options: DeploymentOddsOptions(paths: 40_000, seed: 11, threads: 2))
        let simulated = result.simulatedOutcomes
        for (name, p, exact) in [("blocked", simulated.blocked, 0.0592), ("rolled back", simulated.rolledBack, 0.04406504928),
                                 ("unrecoverable", simulated.unrecoverable, 0.00231921312)] {
            #expect(abs(p.estimate - exact) <= 5 * (exact * (1 - exact) / 40_000).squareRoot(),
                    "\(name): \(p.estimate) vs \(exact), seed 11")
        }
        #expect(simulated.success.hits + simulated.blocked.hits + simulated.failure.hits == 40_000)
    }

    @Test("the loader reads phase, refuses an unknown one and one out of order")
    func loader() throws {
        func model(_ stages: String) -> String {
            """
            version: 1
            name: p
            start: 2026-12
            host: {memory_mb: 4000}
            traffic: {rps: 1, growth: {mean: 0}}
            services: [{name: a, memory: {base_mb: 1}}]
            deployment:
              stages:
            \(stages)
            """
        }
        let ok = try ModelLoader.parse(model("    - {name: ci, phase: pre-release, failure_rate: 1%}\n    - {name: d, failure_rate: 1%}"), file: "m.yaml")
        #expect(ok.deployment?.stages.map(\.phase) == [.preRelease, .release])
        #expect(throws: ModelError.self) { try ModelLoader.parse(model("    - {name: ci, phase: prerelease, failure_rate: 1%}"), file: "m.yaml") }
        do {
            _ = try ModelLoader.parse(model("    - {name: d, failure_rate: 1%}\n    - {name: ci, phase: pre-release, failure_rate: 1%}"), file: "m.yaml")
        } catch let error as ModelError {
            #expect(error.description == "m.yaml:10:25: deployment.stages[1].phase is pre-release but follows a release stage; list stages in phase order: pre-release, release, post-release")
        }
    }

    @Test("the quick form takes :phase=… and checks the order")
    func quickForm() throws {
        let deployment = try DeploymentQuickForm.deployment(stages: ["ci=4%:phase=pre-release", "d=3%"], rollback: nil,
                                                            deploysPerMonth: nil)
        #expect(deployment.section.preReleaseStageCount == 1)
        #expect(throws: DeploymentQuickFormError.self) {
            try DeploymentQuickForm.deployment(stages: ["d=3%", "ci=4%:phase=pre-release"], rollback: nil, deploysPerMonth: nil)
        }
    }
}
