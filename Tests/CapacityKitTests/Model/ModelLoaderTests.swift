import Foundation
import Testing
import CapacityTestSupport
@testable import CapacityKit

/// A small valid model; each test breaks one thing in it.
private let base = """
version: 1
name: test stack
start: 2026-12
host: {memory_mb: 4000, reserved_mb: 500}
traffic:
  rps: 100
  growth: {mean: 0.2, sd: 0.05}
services:
  - name: api
    memory: {base_mb: 250, per_rps_mb: 1.2}
    limit_mb: 500
  - name: postgres
    memory: {base_mb: 400, per_connection_mb: 8}
pools:
  - {name: pg, service: postgres, size: 16, max_connections: 50, hold_ms: 70}
deployment:
  stages:
    - {name: ci, failure_rate: 0.04}
availability:
  target: 0.999
  components:
    - {name: api, availability: 0.9995, replicas: 2, required: 1}

"""

/// The diagnostics for `base` with `old` replaced by `new` (which must occur).
private func problems(replacing old: String, with new: String) -> [Diagnostic] {
    precondition(base.contains(old), "test setup: \(old) is not in the base model")
    return problems(in: base.replacingOccurrences(of: old, with: new))
}

private func problems(in text: String) -> [Diagnostic] {
    do {
        _ = try ModelLoader.parse(text, file: "stack.yaml")
        return []
    } catch let error as ModelError {
        return error.diagnostics
    } catch {
        Issue.record("unexpected error \(error)")
        return []
    }
}

@Suite struct ModelLoaderTests {
    @Test("the base model is valid and typed as written")
    func validModel() throws {
        let model = try ModelLoader.parse(base, file: "stack.yaml")
        #expect(model.host.usableMB == 3500)
        #expect(model.thresholds == Model.Thresholds(warn: 0.75, critical: 0.85))
        #expect(model.traffic.growth == Model.Growth(mean: 0.2, sd: 0.05, volatility: 0))
        #expect(model.services.map(\.name) == ["api", "postgres"])
        #expect(model.services[0].limitMB == 500 && model.services[1].limitMB == nil)
        #expect(model.pools[0].reservedConnections == 3)
        #expect(model.pools[0].connectionCapacity(nodes: 1) == 16)
        #expect(model.deployment?.stages[0].failure == .rate(0.04))
        #expect(model.availability?.components[0].required == 1)
    }

    @Test("rates accept 0.2 or \"20%\"")
    func percentages() throws {
        let model = try ModelLoader.parse(base.replacingOccurrences(of: "mean: 0.2, sd: 0.05", with: "mean: 20%, sd: \"5%\""),
                                          file: "stack.yaml")
        #expect(model.traffic.growth.mean == 0.2)
        #expect(model.traffic.growth.sd == 0.05)
    }

    @Test("probability above 1 names file, line, column, key, value and range")
    func probabilityAboveOne() {
        let found = problems(replacing: "failure_rate: 0.04", with: "failure_rate: 1.2")
        #expect(found.map(\.description) == [
            "stack.yaml:18:32: deployment.stages[0].failure_rate must be a probability in [0, 1] (0.2 or \"20%\"); got 1.2",
        ])
    }

    @Test("negative probability and percentage above 100 %")
    func probabilityBelowZero() {
        #expect(problems(replacing: "failure_rate: 0.04", with: "failure_rate: -0.1").first?.message
            == "deployment.stages[0].failure_rate must be a probability in [0, 1] (0.2 or \"20%\"); got -0.1")
        #expect(problems(replacing: "availability: 0.9995", with: "availability: 150%").first?.message
            == "availability.components[0].availability must be a probability in [0, 1] (0.2 or \"20%\"); got 150%")
    }

    @Test("negative sizes")
    func negativeSize() {
        let found = problems(replacing: "per_rps_mb: 1.2", with: "per_rps_mb: -2")
        #expect(found.map(\.description) == ["stack.yaml:10:40: services[0].memory.per_rps_mb must be ≥ 0 MB and ≤ 10,000 MB; got -2"])
        #expect(problems(replacing: "memory_mb: 4000", with: "memory_mb: -4000").first?.message
            == "host.memory_mb must be > 0 MB and ≤ 10,000,000 MB; got -4000")
    }

    @Test("NaN and infinity are refused")
    func nonFinite() {
        #expect(problems(replacing: "rps: 100", with: "rps: .nan").first?.description
            == "stack.yaml:6:8: traffic.rps must be a finite number; got .nan")
        #expect(problems(replacing: "rps: 100", with: "rps: .inf").first?.message == "traffic.rps must be a finite number; got .inf")
        #expect(problems(replacing: "base_mb: 250", with: "base_mb: nan").first?.message
            == "services[0].memory.base_mb must be a finite number; got nan")
    }

    @Test("unknown keys get a did-you-mean hint")
    func unknownKey() {
        let found = problems(replacing: "    limit_mb: 500", with: "    limit_mbb: 500")
        #expect(found.map(\.description) == ["stack.yaml:11:5: unknown key `limit_mbb` in services[0]; did you mean `limit_mb`?"])
        let far = problems(replacing: "name: test stack", with: "name: test stack\nzzzz: 1")
        #expect(far.first?.hint?.hasPrefix("allowed keys: `version`, `name`, `start`") == true)
    }

    @Test("a missing required key is named")
    func missingKey() {
        let found = problems(replacing: "name: test stack\n", with: "")
        #expect(found.map(\.message) == ["the model is missing required key `name`"])
    }

    @Test("not a number")
    func notANumber() {
        #expect(problems(replacing: "rps: 100", with: "rps: lots").first?.message == "traffic.rps must be a number; got lots")
        #expect(problems(replacing: "memory_mb: 4000", with: "memory_mb: 4GB").first?.message
            == "host.memory_mb must be a number; got 4GB")
        #expect(problems(replacing: "base_mb: 250", with: "base_mb: 25%").first?.message
            == "services[0].memory.base_mb must be a plain number, not a percentage; got 25%")
        #expect(problems(replacing: "size: 16", with: "size: 16.5").first?.message
            == "pools[0].size must be a whole number; got 16.5")
    }

    @Test("cross-field checks")
    func crossField() {
        #expect(problems(replacing: "reserved_mb: 500", with: "reserved_mb: 4000").first?.description
            == "stack.yaml:4:38: host.reserved_mb must be < host.memory_mb (4000); got 4000; usable memory = memory_mb − reserved_mb must be positive")
        #expect(problems(replacing: "host: {memory_mb: 4000, reserved_mb: 500}",
                         with: "host: {memory_mb: 4000, reserved_mb: 500}\nthresholds: {warn: 0.9, critical: 0.8}")
            .first?.message == "thresholds.warn must be < thresholds.critical (0.8); got 0.9")
        #expect(problems(replacing: "host: {memory_mb: 4000, reserved_mb: 500}",
                         with: "host: {memory_mb: 4000, reserved_mb: 500}\nthresholds: {critical: 1.1}")
            .first?.message == "thresholds.critical must be a probability in [0, 1] (0.2 or \"20%\"); got 1.1")
        let pool = problems(replacing: "service: postgres", with: "service: postgress")
        #expect(pool.first?.description == "stack.yaml:15:25: pools[0].service names no service; got postgress; did you mean `postgres`?")
        #expect(problems(replacing: "replicas: 2, required: 1", with: "replicas: 2, required: 3").first?.message
            == "availability.components[0].required must be ≤ replicas (2); got 3")
        #expect(problems(replacing: "failure_rate: 0.04", with: "failures: 5, runs: 3").first?.message
            == "deployment.stages[0].failures must be ≤ runs (3); got 5")
        #expect(problems(replacing: "failure_rate: 0.04", with: "failure_rate: 0.04, failures: 1, runs: 3").first?.message
            == "deployment.stages[0].failure_rate and failures/runs are both given")
        #expect(problems(replacing: "{name: ci, failure_rate: 0.04}", with: "{name: ci}").first?.hint
            == "give `failure_rate: 2%` or counts `failures: 2, runs: 100`")
        #expect(problems(replacing: "failure_rate: 0.04", with: "failure_rate: 0.04, retries: -1").first?.message
            == "deployment.stages[0].retries must be ≥ 0 and ≤ 100; got -1")
    }

    @Test("names are unique within a section")
    func uniqueNames() {
        let found = problems(replacing: "  - name: postgres", with: "  - name: api")
        #expect(found.contains { $0.message == "services[1].name repeats the name `api` of services[0]" })
    }

    @Test("empty lists are refused")
    func emptyLists() {
        #expect(problems(replacing: "stages:\n    - {name: ci, failure_rate: 0.04}", with: "stages: []").first?.message
            == "deployment.stages must list at least one entry; got an empty list")
        #expect(problems(replacing: "  components:\n    - {name: api, availability: 0.9995, replicas: 2, required: 1}",
                         with: "  components: []").first?.message
            == "availability.components must list at least one entry; got an empty list")
    }

    @Test("version, start and syntax")
    func fileLevel() {
        #expect(problems(replacing: "version: 1", with: "version: 2").first?.message == "version must be 1; got 2")
        #expect(problems(replacing: "start: 2026-12", with: "start: December").first?.message
            == "start must be a calendar month YYYY-MM; got December")
        #expect(problems(in: "a: [\n").first?.description == "stack.yaml:2:1: YAML syntax error: did not find expected node content")
        #expect(problems(in: "").first?.message == "the model file is empty")
        #expect(problems(in: "- 1\n- 2\n").first?.message == "the model must be a mapping of keys to values; got a list")
    }

    @Test("a key given twice is an error")
    func duplicateKey() {
        #expect(problems(replacing: "rps: 100", with: "rps: 100\n  rps: 200").first?.description
            == "stack.yaml:6:3: key `rps` is given twice in one mapping; keep one of them")
    }

    @Test("every problem is reported, in file order")
    func allErrors() {
        let text = base.replacingOccurrences(of: "rps: 100", with: "rps: -1")
            .replacingOccurrences(of: "per_rps_mb: 1.2", with: "per_rps_mb: -2")
            .replacingOccurrences(of: "failure_rate: 0.04", with: "failure_rate: 2")
        let found = problems(in: text)
        #expect(found.count == 3)
        #expect(found.map(\.line) == found.map(\.line).sorted())
    }

    @Test("correlation matrices: square, unit diagonal, symmetric, in [-1, 1], named inputs")
    func correlations() throws {
        let valid = base + "correlations:\n  inputs: [growth, peak_factor, api.noise]\n  matrix:\n    - [1, 0.3, 0]\n    - [0.3, 1, 0]\n    - [0, 0, 1]\n"
        let model = try ModelLoader.parse(valid, file: "stack.yaml")
        #expect(model.correlations?[0, 1] == 0.3)
        let badName = base + "correlations:\n  inputs: [growth, api.nosie]\n  matrix: [[1, 0], [0, 1]]\n"
        #expect(problems(in: badName).first?.description
            == "stack.yaml:24:20: correlations.inputs[1] names no random input; got api.nosie; did you mean `api.noise`?")
        let asymmetric = base + "correlations:\n  inputs: [growth, peak_factor]\n  matrix: [[1, 0.5], [0.4, 1]]\n"
        #expect(problems(in: asymmetric).first?.message.hasPrefix("correlation matrix must be symmetric") == true)
        let diagonal = base + "correlations:\n  inputs: [growth, peak_factor]\n  matrix: [[1, 0.5], [0.5, 0.9]]\n"
        #expect(problems(in: diagonal).first?.message == "correlations.matrix[1][1] is on the diagonal and must be 1; got 0.9")
        let range = base + "correlations:\n  inputs: [growth, peak_factor]\n  matrix: [[1, 1.5], [1.5, 1]]\n"
        #expect(problems(in: range).first?.message == "correlations.matrix[0][1] must be a correlation in [-1, 1]; got 1.5")
    }

    @Test("the embedded default model is models/4gb-stack.yaml, byte for byte, and valid")
    func defaultModel() throws {
        let file = CommandRunner.packageRoot.appendingPathComponent("models/4gb-stack.yaml")
        #expect(try String(contentsOf: file, encoding: .utf8) == DefaultModel.yaml)
        let model = try DefaultModel.load()
        #expect(model.services.map(\.name) == ["api", "postgres", "redis", "prometheus", "grafana", "system"])
        #expect(model.services.map(\.limitMB) == [500, 800, 300, 200, 150, nil])
        #expect(model.host.memoryMB == 4000 && model.traffic.rps == 100 && model.traffic.growth.mean == 0.2)
        #expect(model.pools.first?.maxConnections == 50 && model.pools.first?.size == 16)
        #expect(model.deployment?.stages.map(\.failure) == [0.04, 0.02, 0.03, 0.01, 0.01].map { .rate($0) })
        #expect(model.deployment?.rollback.successRate == 0.95)
        #expect(model.availability?.components.map(\.criticalPath) == [true, true, true, false])
        #expect(model.scaling?.options.map(\.costPerMonth) == [50, 100, 25, 0, 0])
    }

    @Test("every model in models/ is valid")
    func allModels() throws {
        let folder = CommandRunner.packageRoot.appendingPathComponent("models")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(!files.isEmpty)
        for file in files {
            #expect(throws: Never.self, "\(file)") { try ModelLoader.load(path: folder.appendingPathComponent(file).path) }
        }
    }

    @Test("the model file example in README.md is valid")
    func readmeExample() throws {
        let readme = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Model files"))
        let start = try #require(readme.range(of: "```yaml\n", range: section.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let model = try ModelLoader.parse(String(readme[start.upperBound..<end.lowerBound]), file: "README.md")
        #expect(model.correlations?.inputs == ["growth", "peak_factor"])
    }

    @Test("edit distance")
    func editDistance() {
        #expect(YAMLReader.editDistance("kitten", "sitting") == 3)
        #expect(YAMLReader.editDistance("", "abc") == 3)
        #expect(YAMLReader.editDistance("limit_mbb", "limit_mb") == 1)
    }
}
