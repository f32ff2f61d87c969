import Foundation
import Yams

/// The `workers:` section (issue #22): worker pools, their service time and SLO, their threads
/// per process and the service's memory per worker.
extension ModelLoader {
    static let workerKeys = ["name", "service", "per_node", "service_ms", "slo", "cpu_ms", "threads", "memory_per_worker_mb"]

    /// The worker pools read, and the names the file gives all of them (read or not).
    static func readWorkers(_ top: Fields, services: [Model.Service], _ reader: YAMLReader)
        -> (workers: [Model.Worker], names: Set<String>) {
        var workers: [Model.Worker] = []
        var seen: [String: String] = [:], columns: [String: String] = [:], names: Set<String> = []
        for (node, path) in top.list("workers") {
            if let name = node.mapping?["name"]?.scalar?.string { names.insert(name) }
            guard let fields = reader.fields(node, at: path, allowed: workerKeys) else { continue }
            let name = fields.string("name")
            if let name { checkUnique(name, at: fields, in: &seen, columns: &columns, reader) }
            let service = serviceReference(fields, services: services, reader)
            let perNode = fields.integer("per_node", .workersPerNode)
            let serviceTime = readServiceTime(fields)
            let slo = readSLO(fields)
            let cpu = fields.has("cpu_ms") ? fields.number("cpu_ms", .cpuMS) : nil
            let threads = fields.integer("threads", .threads, fallback: 1)
            let memory = fields.has("memory_per_worker_mb") ? fields.number("memory_per_worker_mb", .perUnitMB) : nil
            if let perNode, let threads, perNode % threads != 0 {
                reader.report(fields["per_node"], fields.path("per_node"),
                              "\(fields.path("per_node")) must be a multiple of threads (\(threads)); got \(perNode)",
                              hint: "per_node counts the requests served at once: processes × threads")
            }
            if let name, let service, let perNode, let serviceTime, let slo, fields.has("cpu_ms") == (cpu != nil),
               let threads, fields.has("memory_per_worker_mb") == (memory != nil) {
                workers.append(Model.Worker(name: name, service: service, perNode: perNode, serviceTime: serviceTime,
                                            slo: slo, cpuMS: cpu, threads: threads, memoryPerWorkerMB: memory))
            }
        }
        return (workers, names)
    }

    /// `service_ms: 40` (the mean) or `service_ms: {p50: 68, p95: 187}` (measured); nil when
    /// missing or invalid (reported). ``ModelRules`` checks p95 against p50.
    static func readServiceTime(_ worker: Fields) -> Model.ServiceTimeSpec? {
        guard let node = worker.value("service_ms", required: true,
                                      hint: "give the mean, `service_ms: 40`, or measured percentiles, `service_ms: {p50: 68, p95: 187}`")
        else { return nil }
        if node.mapping != nil {
            guard let fields = worker.fields("service_ms", allowed: ["p50", "p95"]) else { return nil }
            let p50 = fields.number("p50", .serviceMS), p95 = fields.number("p95", .serviceMS)
            guard let p50, let p95 else { return nil }
            return .percentiles(p50: p50, p95: p95)
        }
        return worker.number("service_ms", .serviceMS).map(Model.ServiceTimeSpec.mean)
    }

    /// `slo: {p95_ms, p99_ms}`, at least one of them (``ModelRules`` says so when neither is given).
    static func readSLO(_ worker: Fields) -> Model.LatencySLO? {
        guard let fields = worker.fields("slo", allowed: ["p95_ms", "p99_ms"], required: true) else { return nil }
        let p95 = fields.has("p95_ms") ? fields.number("p95_ms", .serviceMS) : nil
        let p99 = fields.has("p99_ms") ? fields.number("p99_ms", .serviceMS) : nil
        guard fields.has("p95_ms") == (p95 != nil), fields.has("p99_ms") == (p99 != nil) else { return nil }
        return Model.LatencySLO(p95MS: p95, p99MS: p99)
    }
}

extension ModelLoader {
    /// A section item's `key` naming a worker pool, reported when it names none of `workers`
    /// (with the closest name as a hint) nor of `declared`, the names the file gives worker pools it
    /// could not read; nil when missing, not text or not read.
    static func workerReference(_ fields: Fields, key: String, workers: [Model.Worker], declared: Set<String>, hint: String,
                                _ reader: YAMLReader) -> Model.Worker? {
        guard let name = fields.string(key, hint: hint) else { return nil }
        guard let worker = workers.first(where: { $0.name == name }) else {
            // A worker pool the file names but could not read (its own problems are reported): nothing more to say.
            if declared.contains(name) { return nil }
            reader.report(fields[key], fields.path(key), "\(fields.path(key)) names no worker pool; got \(YAMLReader.shown(name))",
                          hint: workers.isEmpty ? "the model has no `workers:` section"
                            : YAMLReader.suggestion(for: name, among: workers.map(\.name))
                                .replacingOccurrences(of: "allowed keys", with: "worker pools are"))
            return nil
        }
        return worker
    }
}
