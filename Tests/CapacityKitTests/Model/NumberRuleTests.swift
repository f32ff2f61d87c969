import Foundation
import Testing
@testable import CapacityKit

/// The rule for numbers (``NumberRule``): each reproducer of issue #13's crash
/// classes 1–5 that used to pass validation is now a located error, and the
/// quick forms refuse the same values in the same words.
@Suite struct NumberRuleTests {
    /// A small valid model; each test breaks one number in it.
    static let base = """
    version: 1
    name: rules
    start: 2026-12
    host: {memory_mb: 4000, reserved_mb: 500, nodes: 1}
    traffic:
      rps: 100
      growth: {mean: 0.2, sd: 0.05, volatility: 0.03}
    services:
      - name: api
        memory: {base_mb: 250, per_rps_mb: 1.2, noise: 0.05}
      - name: postgres
        memory: {base_mb: 400, per_connection_mb: 8}
    pools:
      - {name: pg, service: postgres, size: 16, instances_per_node: 1, max_connections: 50, queries_per_request: 2, hold_ms: 70}
    deployment:
      stages:
        - {name: ci, failure_rate: 0.04, duration_minutes: {mean: 10, sd: 2}}
    availability:
      target: 0.999
      components:
        - {name: db, mtbf_hours: 2000, mttr_minutes: 30, replicas: 2}

    """

    /// The one diagnostic for `base` with `old` replaced by `new`.
    func diagnostic(_ old: String, _ new: String) throws -> Diagnostic {
        precondition(Self.base.contains(old), "test setup: \(old) is not in the base model")
        do {
            _ = try ModelLoader.parse(Self.base.replacingOccurrences(of: old, with: new), file: "m.yaml")
        } catch let error as ModelError {
            #expect(error.diagnostics.count == 1, "\(error)")
            return try #require(error.diagnostics.first)
        }
        Issue.record("\(new) was accepted")
        throw CancellationError()
    }

    @Test("the base model is valid")
    func baseIsValid() throws {
        _ = try ModelLoader.parse(Self.base, file: "m.yaml")
    }

    @Test("class 1: a stage duration mean of 1e200 or 1e-300 minutes is refused (ExactSum trapped)",
          arguments: ["1e200", "1e-300"])
    func stageDuration(_ mean: String) throws {
        let d = try diagnostic("{mean: 10, sd: 2}", "{mean: \(mean), sd: 2}")
        #expect(d.path == "deployment.stages[0].duration_minutes.mean")
        #expect(d.message == "deployment.stages[0].duration_minutes.mean must be ≥ 0.001 min and ≤ 1,000,000 min; got \(mean)")
        #expect(d.line == 17)
    }

    @Test("class 2: base_mb 1e22 is refused (the forecast table trapped, JSON printed \"inf\")")
    func hugeBase() throws {
        let d = try diagnostic("base_mb: 250", "base_mb: 1e22")
        #expect(d.message == "services[0].memory.base_mb must be ≥ 0 MB and ≤ 10,000,000 MB; got 1e22")
    }

    @Test("class 3: noise 1e308 and queries_per_request 1e308 are refused (nan quantiles, nan% utilisation)")
    func hugeNoiseAndQueries() throws {
        #expect(try diagnostic("noise: 0.05", "noise: 1e308").message.hasPrefix("services[0].memory.noise must be ≥ 0 and ≤ 1"))
        #expect(try diagnostic("queries_per_request: 2", "queries_per_request: 1e308").message
            == "pools[0].queries_per_request must be > 0 and ≤ 10,000; got 1e308")
    }

    @Test("class 4: replicas 2147483647 is refused (tried to allocate 17 GB)")
    func hugeReplicas() throws {
        #expect(try diagnostic("replicas: 2", "replicas: 2147483647").message
            == "availability.components[0].replicas must be ≥ 1 and ≤ 1,000; got 2147483647")
    }

    @Test("class 5: size × instances_per_node × nodes cannot overflow (each was allowed up to 10¹⁵)")
    func poolProduct() throws {
        #expect(try diagnostic("size: 16", "size: 1000000000000000").message.hasPrefix("pools[0].size must be ≥ 1 and ≤ 10,000"))
        #expect(try diagnostic("instances_per_node: 1", "instances_per_node: 100000").message
            .hasPrefix("pools[0].instances_per_node must be ≥ 1 and ≤ 10,000"))
        #expect(try diagnostic("nodes: 1", "nodes: 1001").message == "host.nodes must be ≥ 1 and ≤ 1,000; got 1001")
        // The largest values allowed multiply within Int.
        let pool = Model.Pool(name: "p", service: "s", size: 10_000, instancesPerNode: 10_000,
                              maxConnections: 1_000_000, reservedConnections: 0, holdMS: 1)
        #expect(pool.connectionCapacity(nodes: 1_000) == 1_000_000)
    }

    @Test("class 6: mtbf_hours 1e-12 (21 s at 200 paths) is refused; retries are at most 100")
    func boundedLoops() throws {
        #expect(try diagnostic("mtbf_hours: 2000", "mtbf_hours: 1e-12").message
            == "availability.components[0].mtbf_hours must be ≥ 0.1 h and ≤ 10,000,000 h; got 1e-12")
        #expect(try diagnostic("failure_rate: 0.04,", "failure_rate: 0.04, retries: 101,").message
            == "deployment.stages[0].retries must be ≥ 0 and ≤ 100; got 101")
    }

    @Test("a list of more than 100 entries is refused at the list")
    func longList() throws {
        let components = (0..<101).map { "    - {name: c\($0), availability: 0.999}" }.joined(separator: "\n")
        let text = Self.base.replacingOccurrences(
            of: "    - {name: db, mtbf_hours: 2000, mttr_minutes: 30, replicas: 2}", with: components)
        #expect(throws: ModelError.self) { try ModelLoader.parse(text, file: "m.yaml") }
        do { _ = try ModelLoader.parse(text, file: "m.yaml") } catch let error as ModelError {
            #expect(error.diagnostics.map(\.message) == ["availability.components must list at most 100 entries; got 101"])
        }
    }

    @Test("the deploy quick form refuses the same values in the same words")
    func deployQuickForm() {
        func message(_ stages: [String], deploys: String? = nil) -> String? {
            do {
                _ = try DeploymentQuickForm.deployment(stages: stages, rollback: nil, deploysPerMonth: deploys)
                return nil
            } catch { return error.description }
        }
        #expect(message(["x=4%"], deploys: "1e308")
            == "--deploys-per-month 1e308: deployments per month must be ≥ 0 and ≤ 100,000; got 1e308")
        #expect(message(["x=100%:retries=1e14"]) == "--stage x=100%:retries=1e14: retries must be ≥ 0 and ≤ 100; got 1e14")
        #expect(message(["x=1/2000000000"]) == "--stage x=1/2000000000: runs must be ≥ 1 and ≤ 1,000,000,000; got 2000000000")
        #expect(message((0...100).map { "s\($0)=1%" })?.hasPrefix("--stage is given 101 times") == true)
        #expect(message(["x=4%"], deploys: "100000") == nil)
    }

    @Test("the sla quick form refuses the same values in the same words")
    func slaQuickForm() {
        func message(_ component: String) -> String? {
            do {
                _ = try AvailabilityShorthand.component(component)
                return nil
            } catch { return error.description }
        }
        #expect(message("db=mtbf:1e308h/mttr:1s") == "--component db=mtbf:1e308h/mttr:1s: mtbf must be ≥ 0.1 h and ≤ 10,000,000 h; got 1e308h")
        #expect(message("db=mtbf:1s/mttr:1e308h") == "--component db=mtbf:1s/mttr:1e308h: mtbf must be ≥ 0.1 h and ≤ 10,000,000 h; got 1s")
        #expect(message("db=mtbf:2h/mttr:1e308h") == "--component db=mtbf:2h/mttr:1e308h: mttr must be ≥ 0 min and ≤ 1,000,000 min; got 1e308h")
        #expect(message("db=99%:replicas=9223372036854775807")
            == "--component db=99%:replicas=9223372036854775807: replicas must be ≥ 1 and ≤ 1,000; got 9223372036854775807")
        #expect(message("db=99%:replicas=1000:required=1000") == nil)
        #expect(throws: AvailabilityShorthandError.self) { try AvailabilityShorthand.assumedRepairMinutes("0.0001s") }
        #expect((try? AvailabilityShorthand.assumedRepairMinutes("2h")) == 120)
    }

    @Test("a chunk size near Int.max does not overflow the chunk count or a range")
    func hugeChunkSize() {
        let plan = ChunkPlan(paths: 1_000, chunkSize: Int.max)
        #expect(plan.chunkCount == 1)
        #expect(plan.range(of: 0) == 0..<1_000)
        let exact = ChunkPlan(paths: Int.max, chunkSize: Int.max - 1)
        #expect(exact.chunkCount == 2)
        #expect(exact.range(of: 1) == (Int.max - 1)..<Int.max)
    }
}

/// Names that become CSV columns must stay distinct after normalisation (issue #13).
@Suite struct ColumnNameCollisionTests {
    @Test("services `API V2`, `api-v2` and `api_v2` are refused at validation: one column api_v2")
    func services() throws {
        let text = NumberRuleTests.base.replacingOccurrences(of: "  - name: api\n", with: "  - name: API V2\n")
            .replacingOccurrences(of: "  - name: postgres\n", with: "  - name: api-v2\n")
            .replacingOccurrences(of: "service: postgres", with: "service: api-v2")
        do {
            _ = try ModelLoader.parse(text, file: "m.yaml")
            Issue.record("accepted")
        } catch let error as ModelError {
            #expect(error.description == "m.yaml:11:11: services[1].name `api-v2` gives the same column name `api_v2` as services[0] `API V2`; CSV columns and JSON keys use lowercase letters, digits and `_`; rename one of them")
        }
    }
}
