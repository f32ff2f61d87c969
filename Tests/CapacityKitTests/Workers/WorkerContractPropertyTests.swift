import Foundation
import Testing
@testable import CapacityKit

/// Every worker pool the contract accepts runs to a sound answer: across the ranges of
/// `per_node` (1…10⁴), `service_ms` or {p50, p95} (0.001…10⁷ ms, p95 ≤ 100 × p50), the SLO
/// and rps (10⁻⁶…10⁹), drawn log-uniformly from a seeded stream, the quick form's analysis
/// renders in every format with no `nan` or `inf`, percentiles rising P50 ≤ P95 ≤ P99.
@Suite struct WorkerContractPropertyTests {
    @Test("random pools over the contract's ranges: finite, ordered, rendered without nan or inf")
    func randomPools() throws {
        let seed: UInt64 = 2026
        var generator = StreamKey(seed: seed, path: 0, stream: 0).generator
        func logUniform(_ low: Double, _ high: Double) -> Double { exp(log(low) + (log(high) - log(low)) * generator.nextUniform()) }
        for index in 0..<60 {
            let workers = Int(logUniform(1, 10_000))
            let p50 = logUniform(0.001, 1e5)
            let spec: Model.ServiceTimeSpec = generator.nextUniform() < 0.5 ? .mean(logUniform(0.001, 1e7))
                : .percentiles(p50: p50, p95: p50 * logUniform(1.0001, 100))
            let service = ServiceTime(spec)
            // Loads from idle to past saturation.
            let rps = min(1e9, max(1e-6, Double(workers) / service.meanMS * 1000 * logUniform(1e-6, 2)))
            let slo = Model.LatencySLO(p95MS: logUniform(0.001, 1e7))
            let worker = Model.Worker(name: "w", service: "app", perNode: workers, serviceTime: spec, slo: slo, cpuMS: 10)
            let analysis = WorkerAnalysis(worker: worker, rps: rps, sizeForRPS: rps, cores: 2)
            let context = "pool \(index): c \(workers), \(spec), \(rps) rps, SLO \(slo.p95MS!); seed \(seed)"
            if let response = analysis.response {
                #expect(response.p50.isFinite && response.p50 > 0 && response.p50 <= response.p95 && response.p95 <= response.p99,
                        "\(context): \(response)")
            } else {
                #expect(analysis.queue.isSaturated, "\(context)")
            }
            for format in [OutputFormat.table, .csv, .json, .markdown] {
                let text = WorkersWriter(analysis, modelName: "property").render(format).lowercased()
                #expect(!text.contains("nan") && !text.contains("inf"), "\(context): \(format)")
            }
        }
    }
}
