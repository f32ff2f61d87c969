import Foundation
import Testing
@testable import CapacityKit

/// The quick form reads the same pipelines as a model file's `deployment:` section and refuses
/// what the loader refuses (DESIGN.md, "Model file contract").
@Suite struct DeploymentQuickFormTests {
    /// The default model with its deployment section replaced by `stages` and `extra` lines.
    func loaded(stages: [String], extra: [String] = []) throws -> Model.Deployment? {
        let section = "deployment:\n" + extra.map { "  \($0)\n" }.joined() + "  stages:\n"
            + stages.map { "    - \($0)\n" }.joined() + "\n"
        let text = DefaultModel.yaml.replacingOccurrences(
            of: #"(?s)deployment:\n.*?\n\n"#, with: section, options: .regularExpression)
        return try ModelLoader.parse(text, file: "test.yaml").deployment
    }

    @Test func theSamePipelineAsTheModelFile() throws {
        let quick = try DeploymentQuickForm.deployment(
            stages: ["ci=4%", "docker build = 2/100", "deploy=0.03:retries=1:retryable=50%", "smoke=1_0%:retries=2"],
            rollback: "95%", deploysPerMonth: "2.5")
        // ci and docker build are CI-like names before any release stage: pre-release in the quick form
        // (issue 25), which a model file says with `phase:`.
        let file = try loaded(stages: ["{name: ci, phase: pre-release, failure_rate: 4%}",
                                       "{name: docker build, phase: pre-release, failures: 2, runs: 100}",
                                       "{name: deploy, failure_rate: 0.03, retries: 1, retryable: 50%}",
                                       "{name: smoke, failure_rate: 1_0%, retries: 2}"],
                              extra: ["deploys_per_month: 2.5", "rollback: {success_rate: 95%}"])
        #expect(quick.section == file)
        #expect(quick.section.stages[1].failure == .counts(failures: 2, runs: 100))
        #expect(quick.section.stages[3].retryable == 1 && quick.section.stages[3].failure == .rate(0.1))
    }

    @Test func defaultsAreTheLoaderDefaults() throws {
        // No rollback: it always succeeds; no deployments per month: 0.
        // A name that is not CI-like: the phase is the loader's default too (release).
        let quick = try DeploymentQuickForm.deployment(stages: ["smoke=4%"], rollback: nil, deploysPerMonth: nil)
        #expect(quick.section == (try loaded(stages: ["{name: smoke, failure_rate: 4%}"])))
        #expect(quick.section.rollback.successRate == 1 && quick.section.deploysPerMonth == 0)
    }

    @Test("what the loader refuses, the quick form refuses", arguments: [
        ("ci=1.2", "{name: ci, failure_rate: 1.2}"),
        ("ci=-0.1", "{name: ci, failure_rate: -0.1}"),
        ("ci=101%", "{name: ci, failure_rate: 101%}"),
        ("ci=nan", "{name: ci, failure_rate: .nan}"),
        ("ci=5/3", "{name: ci, failures: 5, runs: 3}"),
        ("ci=1/0", "{name: ci, failures: 1, runs: 0}"),
        ("ci=-1/10", "{name: ci, failures: -1, runs: 10}"),
        ("ci=1.5/10", "{name: ci, failures: 1.5, runs: 10}"),
        ("ci=4%:retries=-1", "{name: ci, failure_rate: 4%, retries: -1}"),
        ("ci=4%:retries=0.5", "{name: ci, failure_rate: 4%, retries: 0.5}"),
        ("ci=4%:retryable=2", "{name: ci, failure_rate: 4%, retryable: 2}"),
        ("ci=4%:retry=1", "{name: ci, failure_rate: 4%, retry: 1}"),
        ("=4%", "{name: '', failure_rate: 4%}"),
        ("ci=", "{name: ci}"),
    ])
    func refusedLikeTheLoader(argument: String, mapping: String) {
        #expect(throws: ModelError.self, "loader: \(mapping)") { try loaded(stages: [mapping]) }
        #expect(throws: DeploymentQuickFormError.self, "quick form: \(argument)") {
            try DeploymentQuickForm.deployment(stages: [argument], rollback: nil, deploysPerMonth: nil)
        }
    }

    @Test func pipelineLevelRulesAndMessages() throws {
        func message(_ stages: [String], rollback: String? = nil, deploys: String? = nil) -> String? {
            do {
                _ = try DeploymentQuickForm.deployment(stages: stages, rollback: rollback, deploysPerMonth: deploys)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(message([])?.hasPrefix("the quick form needs at least one --stage") == true)
        #expect(message(["ci=4%", "ci=3%"]) == "--stage ci=3%: stage `ci` is given twice; names must be unique")
        #expect(message(["ci=4%"], rollback: "1.01") == "--rollback 1.01: rollback success rate must be a probability in [0, 1]; got 1.01")
        #expect(message(["ci=4%"], deploys: "-2") == "--deploys-per-month -2: deployments per month must be ≥ 0 and ≤ 100,000; got -2")
        #expect(message(["ci=4%:retries=1:retries=2"]) == "--stage ci=4%:retries=1:retries=2: `retries` is given twice")
        #expect(message(["ci"]) == "--stage ci: expected NAME=RATE[:retries=N][:retryable=SHARE][:phase=PHASE], e.g. ci=4%, build=2/100 or deploy=3%:retries=1")
        // The loader's rules for these: retries ≥ 0, failures ≤ runs.
        #expect(message(["ci=4%:retries=-1"]) == "--stage ci=4%:retries=-1: retries must be ≥ 0 and ≤ 100; got -1")
        #expect(message(["b=3/2"]) == "--stage b=3/2: failures must be ≤ runs (2); got 3")
        #expect(message(["ci=4%"], rollback: "0%", deploys: "0") == nil)
    }

    @Test("CI-like names before any release stage read as pre-release, the rest as release; :phase= decides; each reading is kept")
    func phasesAsRead() throws {
        let read = try DeploymentQuickForm.read(
            stages: ["CI=4%", "Docker-Build=2%", "deploy=3%", "smoke test=1%", "tests=1%", "lint=1%:phase=post-release"],
            rollback: nil, deploysPerMonth: nil)
        #expect(read.deployment.section.stages.map(\.phase) == [.preRelease, .preRelease, .release, .release, .release, .postRelease])
        #expect(read.phases.map(\.source) == [.ciLikeName, .ciLikeName, .defaultPhase, .defaultPhase,
                                              .ciLikeNameAfterRelease, .given])
        #expect(read.phases.map(\.stage) == ["CI", "Docker-Build", "deploy", "smoke test", "tests", "lint"])
        // :phase=release keeps a CI-like name a release stage; one given out of order is still refused.
        let given = try DeploymentQuickForm.read(stages: ["ci=4%:phase=release", "build=1%"], rollback: nil, deploysPerMonth: nil)
        #expect(given.deployment.section.stages.map(\.phase) == [.release, .release])
        #expect(given.phases.map(\.source) == [.given, .ciLikeNameAfterRelease])
        #expect(throws: DeploymentQuickFormError("--stage ci=4%:phase=pre-release: phase pre-release follows a release "
                                                 + "stage; list stages in phase order: pre-release, release, post-release")) {
            try DeploymentQuickForm.deployment(stages: ["deploy=3%", "ci=4%:phase=pre-release"], rollback: nil, deploysPerMonth: nil)
        }
    }

    @Test("the CI-like list: case, dashes and underscores do not matter; near names do not match")
    func ciLikeNames() {
        for name in ["ci", "CI", "Build", "unit_tests", "docker-build", "Docker  Build", "lint", "typecheck"] {
            #expect(StagePhaseReading.isCILike(name), "\(name)")
        }
        for name in ["deploy", "smoke test", "canary", "migrate", "cib", "health checks"] {
            #expect(!StagePhaseReading.isCILike(name), "\(name)")
        }
    }

    /// A CI failure blocks the release: ci 4 % then deploy 3 % with one retry and a 95 % rollback,
    /// by hand: blocked 0.04, success 0.96 · (1 − 0.03²) = 0.959136, rolled back
    /// 0.96 · 0.0009 · 0.95 = 0.0008208, unrecoverable 0.96 · 0.0009 · 0.05 = 0.0000432.
    @Test("ci=4% in the quick form blocks (nothing to roll back) instead of counting as a rollback")
    func ciBlocks() throws {
        let deployment = try DeploymentQuickForm.deployment(stages: ["ci=4%", "deploy=3%:retries=1"], rollback: "95%",
                                                            deploysPerMonth: nil)
        let odds = DeploymentOutcomes(stages: deployment.section.stages.map(\.retryOdds), rollbackSuccessRate: 0.95,
                                      preReleaseCount: deployment.section.preReleaseStageCount)
        #expect(abs(odds.blocked - 0.04) < 1e-17)
        #expect(abs(odds.success - 0.959136) < 1e-15)
        #expect(abs(odds.rolledBack - 0.0008208) < 1e-17)
        #expect(abs(odds.unrecoverable - 0.0000432) < 1e-18)
    }
}
