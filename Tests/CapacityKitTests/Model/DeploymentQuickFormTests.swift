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
        let file = try loaded(stages: ["{name: ci, failure_rate: 4%}", "{name: docker build, failures: 2, runs: 100}",
                                       "{name: deploy, failure_rate: 0.03, retries: 1, retryable: 50%}",
                                       "{name: smoke, failure_rate: 1_0%, retries: 2}"],
                              extra: ["deploys_per_month: 2.5", "rollback: {success_rate: 95%}"])
        #expect(quick == file)
        #expect(quick.stages[1].failure == .counts(failures: 2, runs: 100))
        #expect(quick.stages[3].retryable == 1 && quick.stages[3].failure == .rate(0.1))
    }

    @Test func defaultsAreTheLoaderDefaults() throws {
        // No rollback: it always succeeds; no deployments per month: 0.
        let quick = try DeploymentQuickForm.deployment(stages: ["ci=4%"], rollback: nil, deploysPerMonth: nil)
        #expect(quick == (try loaded(stages: ["{name: ci, failure_rate: 4%}"])))
        #expect(quick.rollback.successRate == 1 && quick.deploysPerMonth == 0)
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
        #expect(message(["ci"]) == "--stage ci: expected NAME=RATE, e.g. ci=4%, build=2/100 or deploy=3%:retries=1")
        // The loader's rules for these: retries ≥ 0, failures ≤ runs.
        #expect(message(["ci=4%:retries=-1"]) == "--stage ci=4%:retries=-1: retries must be ≥ 0 and ≤ 100; got -1")
        #expect(message(["b=3/2"]) == "--stage b=3/2: failures must be ≤ runs (2); got 3")
        #expect(message(["ci=4%"], rollback: "0%", deploys: "0") == nil)
    }
}
