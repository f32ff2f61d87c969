import Foundation
import Testing
@testable import CapacityKit

/// The contract's keys for more workers (issue #22 item 4): a worker pool's `threads` and
/// `memory_per_worker_mb`, a pool's `workers:` (its instances are the worker pool's
/// processes), and the `workers` scaling option — values read, and every bad value located
/// with its key path, the value, what is allowed and a hint.
@Suite struct WorkersScalingLoaderTests {
    /// A valid model; each test changes one thing. Line 9 is the worker pool, 11 the pool, 15 the option.
    static let base = """
    version: 1
    name: workers scaling
    start: 2026-12
    host: {memory_mb: 4000, reserved_mb: 500, cost_per_month: 25}
    traffic: {rps: 100, growth: {mean: 0.2}}
    services:
      - {name: api, memory: {base_mb: 250, per_rps_mb: 1.2}, limit_mb: 500}
      - {name: postgres, memory: {base_mb: 400, per_connection_mb: 8}}
    workers: [{name: web, service: api, per_node: 8, threads: 2, memory_per_worker_mb: 1.5, service_ms: 40, slo: {p95_ms: 200}}]
    pools:
      - {name: pg, service: postgres, size: 4, workers: web, max_connections: 50, hold_ms: 70}
    scaling:
      lead_time_days: 0
      options:
        - {name: more web, kind: workers, worker: web, per_node: 16, lead_time_days: 7}

    """

    static func load(_ text: String) throws -> Model { try ModelLoader.parse(text, file: "w.yaml") }

    /// The diagnostics of the base model with `old` replaced by `new`, as printed.
    static func errors(replacing old: String, with new: String) -> [String] {
        precondition(base.contains(old), "test setup: \(old) is not in the base model")
        return printedErrors(base.replacingOccurrences(of: old, with: new), file: "w.yaml")
    }

    @Test("threads, memory per worker, a pool following the workers and the workers option are read")
    func valid() throws {
        let model = try Self.load(Self.base)
        let web = try #require(model.workers.first)
        #expect(web.threads == 2 && web.memoryPerWorkerMB == 1.5 && web.processes == 4)
        // The pool's instances are the worker pool's processes: per_node 8 ÷ threads 2 = 4 (one pool each).
        #expect(model.pools[0].workers == "web" && model.pools[0].instancesPerNode == 4)
        #expect(model.pools[0].connectionsRequested(nodes: 1) == 16)
        let option = try #require(model.scaling?.options.first)
        #expect(option.kind == .workers && option.worker == "web" && option.perNode == 16)
        #expect(option.costPerMonth == 0 && option.leadTimeDays == 7)
        // Without the keys: one thread, no memory per worker, a fixed instances_per_node.
        let plain = try Self.load(Self.base.replacingOccurrences(of: "threads: 2, memory_per_worker_mb: 1.5, ", with: "")
            .replacingOccurrences(of: "workers: web, ", with: "").replacingOccurrences(of: "per_node: 16", with: "per_node: 15"))
        #expect(plain.workers[0].threads == 1 && plain.workers[0].memoryPerWorkerMB == nil && plain.workers[0].processes == 8)
        #expect(plain.pools[0].workers == nil && plain.pools[0].instancesPerNode == 1)
    }

    @Test("the memory more workers add (per service, per node) and the pools' instances at a plan's per_node")
    func derived() throws {
        let model = try Self.load(Self.base)
        // (12 − 8) workers × 1.5 MB = 6 MB more for api; postgres unchanged. 12 ÷ 2 = 6 processes.
        #expect(model.workerMemoryMB(workersPerNode: [12]) == [6, 0])
        #expect(model.workerMemoryMB(workersPerNode: [8]) == [0, 0])
        #expect(model.poolInstances(workersPerNode: [12]) == [6])
        var swung = model
        swung.setWorkers("web", perNode: 20)
        #expect(swung.workers[0].perNode == 20 && swung.pools[0].instancesPerNode == 10)
    }

    @Test("a worker pool's threads and memory per worker: ranges, and per_node a multiple of threads")
    func workerKeys() {
        #expect(Self.errors(replacing: "threads: 2", with: "threads: 0")
                == ["w.yaml:9:59: workers[0].threads must be ≥ 1 and ≤ 10,000; got 0"])
        #expect(Self.errors(replacing: "threads: 2", with: "threads: 3") == [
            "w.yaml:9:47: workers[0].per_node must be a multiple of threads (3); got 8; "
                + "per_node counts the requests served at once: processes × threads",
            // The option's 16 is no multiple of 3 either.
            "w.yaml:15:62: scaling.options[0].per_node must be a multiple of worker pool `web`'s threads (3); got 16; "
                + "per_node counts processes × threads",
        ])
        #expect(Self.errors(replacing: "memory_per_worker_mb: 1.5", with: "memory_per_worker_mb: -2")
                == ["w.yaml:9:84: workers[0].memory_per_worker_mb must be ≥ 0 MB and ≤ 10,000 MB; got -2"])
        #expect(Self.errors(replacing: "memory_per_worker_mb: 1.5", with: "memory_per_worker: 1.5")
                == ["w.yaml:9:62: unknown key `memory_per_worker` in workers[0]; did you mean `memory_per_worker_mb`?"])
    }

    @Test("a pool's workers: a worker pool by name, and not beside instances_per_node")
    func poolKeys() {
        #expect(Self.errors(replacing: "workers: web, max", with: "workers: wbe, max") == [
            "w.yaml:11:53: pools[0].workers names no worker pool; got wbe; did you mean `web`?",
        ])
        #expect(Self.errors(replacing: "workers: web, max", with: "workers: web, instances_per_node: 2, max") == [
            "w.yaml:11:78: pools[0].instances_per_node and pools[0].workers are both given; with `workers:` the pool's "
                + "instances are the worker pool's processes (per_node ÷ threads); remove instances_per_node",
        ])
    }

    @Test("the workers option: a worker pool by name, per_node above its own and a multiple of its threads, its own keys")
    func optionKeys() {
        #expect(Self.errors(replacing: "worker: web", with: "worker: webb") == [
            "w.yaml:15:47: scaling.options[0].worker names no worker pool; got webb; did you mean `web`?",
        ])
        #expect(Self.errors(replacing: "per_node: 16", with: "per_node: 8") == [
            "w.yaml:15:62: scaling.options[0].per_node must be > per_node of worker pool `web` (8); got 8; "
                + "the option raises per_node: give the most workers per node the plan may set",
        ])
        #expect(Self.errors(replacing: "per_node: 16", with: "per_node: 15") == [
            "w.yaml:15:62: scaling.options[0].per_node must be a multiple of worker pool `web`'s threads (2); got 15; "
                + "per_node counts processes × threads",
        ])
        #expect(Self.errors(replacing: "per_node: 16", with: "per_node: 20000") == [
            "w.yaml:15:62: scaling.options[0].per_node must be ≥ 1 and ≤ 10,000; got 20000",
        ])
        #expect(Self.errors(replacing: "worker: web, ", with: "") == [
            "w.yaml:15:7: scaling.options[0] is missing required key `worker`; name the worker pool whose per_node the option raises",
        ])
        #expect(Self.errors(replacing: "per_node: 16, ", with: "per_node: 16, size: 4, ") == [
            "w.yaml:15:72: scaling.options[0].size does not apply to a `workers` option; remove it, or choose the kind it belongs to",
        ])
        #expect(Self.errors(replacing: "kind: workers, worker: web, per_node: 16",
                            with: "kind: limit, service: api, limit_mb: 600, worker: web") == [
            "w.yaml:15:74: scaling.options[0].worker does not apply to a `limit` option; remove it, or choose the kind it belongs to",
        ])
    }

    @Test("--set and scenarios reach the new keys, checked by the same rules")
    func overrides() throws {
        let validated = try ModelLoader.validate(Self.base, file: "w.yaml", today: nil, overrides: [
            ModelOverride(keyPath: "workers.web.memory_per_worker_mb", value: "3"),
            ModelOverride(keyPath: "workers.web.threads", value: "4"),
            ModelOverride(keyPath: "scaling.options.more web.per_node", value: "24"),
        ])
        #expect(validated.model.workers[0].memoryPerWorkerMB == 3 && validated.model.workers[0].threads == 4)
        #expect(validated.model.pools[0].instancesPerNode == 2)
        #expect(validated.model.scaling?.options[0].perNode == 24)
        #expect(throws: ModelError.self) {
            _ = try ModelLoader.validate(Self.base, file: "w.yaml", today: nil,
                                         overrides: [ModelOverride(keyPath: "scaling.options.more web.per_node", value: "6")])
        }
        let withScenario = Self.base + "scenarios:\n  heavy workers: {workers.web.memory_per_worker_mb: 4, workers.web.per_node: 12}\n"
        let scenario = try #require(try ModelLoader.validate(withScenario, file: "w.yaml", today: nil).scenarios.first)
        #expect(scenario.model.model.workers[0].memoryPerWorkerMB == 4 && scenario.model.model.pools[0].instancesPerNode == 6)
    }
}
