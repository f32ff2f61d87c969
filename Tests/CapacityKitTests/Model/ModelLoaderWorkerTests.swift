import Foundation
import Testing
@testable import CapacityKit

/// The `workers:` section and `host.cores` (issue #22): values read, and every bad value
/// located with its key path, the value and what is allowed.
@Suite struct ModelLoaderWorkerTests {
    /// A valid model with two worker pools; each test changes one thing.
    static let base = """
    version: 1
    name: workers
    start: 2026-12
    host: {memory_mb: 4000, reserved_mb: 500, nodes: 2, cores: 4}
    traffic: {rps: 100, growth: {mean: 0.2}}
    services:
      - {name: api, memory: {base_mb: 250, per_rps_mb: 1.2}}
    workers:
      - {name: web, service: api, per_node: 8, service_ms: 40, slo: {p95_ms: 200}, cpu_ms: 20}
      - name: search
        service: api
        per_node: 4
        service_ms: {p50: 68, p95: 187}
        slo: {p95_ms: 250, p99_ms: 400}

    """

    static func diagnostics(replacing old: String, with new: String) -> [Diagnostic] {
        precondition(base.contains(old), "test setup: \(old) is not in the base model")
        do {
            _ = try ModelLoader.parse(base.replacingOccurrences(of: old, with: new), file: "workers.yaml")
            return []
        } catch let error as ModelError {
            return error.diagnostics
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    @Test("workers and host.cores are read; a model without them has none")
    func valid() throws {
        let model = try ModelLoader.parse(Self.base, file: "workers.yaml")
        #expect(model.host.cores == 4)
        #expect(model.workers == [
            Model.Worker(name: "web", service: "api", perNode: 8, serviceTime: .mean(40), slo: .init(p95MS: 200), cpuMS: 20),
            Model.Worker(name: "search", service: "api", perNode: 4, serviceTime: .percentiles(p50: 68, p95: 187),
                         slo: .init(p95MS: 250, p99MS: 400)),
        ])
        let plain = try ModelLoader.parse(Self.base.components(separatedBy: "workers:\n")[0]
            .replacingOccurrences(of: ", cores: 4", with: ""), file: "plain.yaml")
        #expect(plain.workers.isEmpty && plain.host.cores == nil)
    }

    @Test("bad values: location, key path, value and allowed range")
    func badValues() {
        #expect(Self.diagnostics(replacing: "per_node: 8", with: "per_node: 0").map(\.description)
                == ["workers.yaml:9:41: workers[0].per_node must be ≥ 1 and ≤ 10,000; got 0"])
        #expect(Self.diagnostics(replacing: "per_node: 8", with: "per_node: 2.5").first?.message
                == "workers[0].per_node must be a whole number; got 2.5")
        #expect(Self.diagnostics(replacing: "service_ms: 40", with: "service_ms: 0").first?.message
                == "workers[0].service_ms must be ≥ 0.001 ms and ≤ 10,000,000 ms; got 0")
        #expect(Self.diagnostics(replacing: "service_ms: 40", with: "service_ms: .inf").first?.message
                == "workers[0].service_ms must be a finite number; got .inf")
        #expect(Self.diagnostics(replacing: "p50: 68", with: "p50: -1").first?.message
                == "workers[1].service_ms.p50 must be ≥ 0.001 ms and ≤ 10,000,000 ms; got -1")
        #expect(Self.diagnostics(replacing: "slo: {p95_ms: 200}", with: "slo: {p95_ms: 0}").first?.message
                == "workers[0].slo.p95_ms must be ≥ 0.001 ms and ≤ 10,000,000 ms; got 0")
        #expect(Self.diagnostics(replacing: "cpu_ms: 20", with: "cpu_ms: -3").first?.message
                == "workers[0].cpu_ms must be ≥ 0 ms and ≤ 10,000,000 ms; got -3")
        #expect(Self.diagnostics(replacing: "cores: 4", with: "cores: 0").map(\.description)
                == ["workers.yaml:4:60: host.cores must be > 0 and ≤ 10,000; got 0"])
    }

    @Test("unknown keys, a missing service, a repeated name and missing keys")
    func structure() {
        #expect(Self.diagnostics(replacing: "per_node: 8", with: "per_nodes: 8").map(\.description) == [
            "workers.yaml:9:5: workers[0] is missing required key `per_node`",
            "workers.yaml:9:31: unknown key `per_nodes` in workers[0]; did you mean `per_node`?",
        ])
        #expect(Self.diagnostics(replacing: "name: web, service: api", with: "name: web, service: apl").map(\.description)
                == ["workers.yaml:9:26: workers[0].service names no service; got apl; did you mean `api`?"])
        #expect(Self.diagnostics(replacing: "name: search", with: "name: web").first?.message
                == "workers[1].name repeats the name `web` of workers[0]")
        #expect(Self.diagnostics(replacing: "service_ms: 40, ", with: "").first?.message
                == "workers[0] is missing required key `service_ms`")
        #expect(Self.diagnostics(replacing: "p50: 68, p95: 187", with: "p50: 68, p90: 187").map(\.message) == [
            "workers[1].service_ms is missing required key `p95`",
            "unknown key `p90` in workers[1].service_ms",
        ])
        #expect(Self.diagnostics(replacing: ", slo: {p95_ms: 200}", with: "").first?.message
                == "workers[0] is missing required key `slo`")
        #expect(Self.diagnostics(replacing: "host: {memory_mb: 4000", with: "host: {core: 2, memory_mb: 4000").first?.hint
                == "did you mean `cores`?")
    }

    @Test("rules across keys: p95 > p50 (at most 100×), an SLO, p99_ms ≥ p95_ms, cpu_ms needs host.cores")
    func rules() {
        #expect(Self.diagnostics(replacing: "p50: 68, p95: 187", with: "p50: 68, p95: 68").map(\.description) == [
            "workers.yaml:13:32: workers[1].service_ms.p95 must be > service_ms.p50 (68); got 68; "
                + "a P95 is above the P50; a service time that does not vary is given as its mean",
        ])
        #expect(Self.diagnostics(replacing: "p50: 68, p95: 187", with: "p50: 1, p95: 101").first?.message
                == "workers[1].service_ms.p95 must be ≤ 100 × service_ms.p50 (100); got 101")
        #expect(Self.diagnostics(replacing: "slo: {p95_ms: 200}", with: "slo: {}").map(\.description)
                == ["workers.yaml:9:65: workers[0].slo must give p95_ms, p99_ms or both; got neither; for example slo: {p95_ms: 200}"])
        #expect(Self.diagnostics(replacing: "p99_ms: 400", with: "p99_ms: 240").first?.message
                == "workers[1].slo.p99_ms must be ≥ slo.p95_ms (250); got 240")
        let withoutCores = Self.base.replacingOccurrences(of: ", cores: 4", with: "")
        let validated = try? ModelLoader.validate(withoutCores, file: "workers.yaml", today: nil)
        #expect(validated?.findings.filter { $0.severity == .warning }.map(\.message)
                == ["workers[0].cpu_ms is not used without host.cores"])
    }

    @Test("--set reaches a worker pool by name, checked by the same rules")
    func overrides() throws {
        let validated = try ModelLoader.validate(Self.base, file: "workers.yaml", today: nil,
                                                 overrides: [ModelOverride(keyPath: "workers.web.per_node", value: "16"),
                                                             ModelOverride(keyPath: "workers.search.service_ms", value: "{p50: 50, p95: 120}"),
                                                             ModelOverride(keyPath: "host.cores", value: "8")])
        #expect(validated.model.workers[0].perNode == 16)
        #expect(validated.model.workers[1].serviceTime == .percentiles(p50: 50, p95: 120))
        #expect(validated.model.host.cores == 8)
        #expect(throws: ModelError.self) {
            _ = try ModelLoader.validate(Self.base, file: "workers.yaml", today: nil,
                                         overrides: [ModelOverride(keyPath: "workers.web.per_node", value: "0")])
        }
    }
}
