import Foundation
import Testing
@testable import CapacityKit

/// Issue #22 item 6: a worker pool's `service_ms` and `per_node` from a concurrency ramp
/// (``Calibration/workerFit(_:model:)``): recovered from data generated with known values,
/// within their standard errors from noisy data, and fitted to seed 000's ramp.
@Suite struct WorkerCalibrationTests {
    static let modelText = """
    version: 1
    name: ramp
    start: 2026-12
    host: {memory_mb: 4000, reserved_mb: 500}
    traffic: {rps: 100, growth: {mean: 0.2}}
    services:
      - {name: api, memory: {base_mb: 250, per_rps_mb: 1.2}}
    workers:
      - {name: web, service: api, per_node: 8, service_ms: 40, slo: {p95_ms: 200}}

    """

    static func model() throws -> Model { try ModelLoader.parse(modelText, file: "ramp.yaml") }

    /// The closed loop's P50 and P95 at `users` for S = `service` ms and c = `workers`.
    static func ramp(users: [Int], service: Double, workers: Int, noise: [Double]? = nil) -> LoadRamp {
        let noise = noise ?? Array(repeating: 0, count: 2 * users.count)
        return LoadRamp(source: "ramp.csv", users: users,
                        p50MS: users.indices.map { service * ClosedLoopResponse.quantile(0.5, users: users[$0], workers: workers) * (1 + noise[$0]) },
                        p95MS: users.indices.map { service * ClosedLoopResponse.quantile(0.95, users: users[$0], workers: workers) * (1 + noise[users.count + $0]) })
    }

    @Test("exact data from S = 40 ms, c = 16: both recovered, residuals nil")
    func recoversKnownValues() throws {
        let result = try Calibration.run(try try ValidatedModel(Self.model()), history: nil, loadTest: nil,
                                         ramp: Self.ramp(users: [4, 8, 16, 24, 32, 48, 64], service: 40, workers: 16))
        #expect(result.model.workers[0].perNode == 16)
        guard case .mean(let mean) = result.model.workers[0].serviceTime else { Issue.record("not a mean"); return }
        #expect(abs(mean - 40) < 1e-8)
        let fit = try #require(result.fits.first)
        #expect(fit.values.map(\.key) == ["workers[0].service_ms", "workers[0].per_node"])
        let rSquared = try #require(fit.rSquared)
        #expect(fit.count == 14 && abs(rSquared - 1) < 1e-12)
        #expect(result.sources == ["ramp.csv"])
    }

    @Test("per_node is processes × threads: with threads 4 the fit is a multiple of 4, and the model it writes loads")
    func perNodeIsAMultipleOfThreads() throws {
        var model = try Self.model()
        model.workers[0].threads = 4
        model.workers[0].perNode = 8
        // Exact data from c = 18: the best multiples of 4 around it are 16 and 20 (hand: 18 lies between them).
        let result = try Calibration.run(try ValidatedModel(model), history: nil, loadTest: nil,
                                         ramp: Self.ramp(users: [4, 8, 16, 24, 32, 48, 64], service: 40, workers: 18))
        let perNode = result.model.workers[0].perNode
        #expect(perNode % 4 == 0 && [16, 20].contains(perNode))
        #expect(result.fits.first!.notes.contains { $0.contains("a multiple of threads (4); the best fit alone was 18") })
        _ = try ValidatedModel(result.model)   // the rules accept what calibration writes
    }

    @Test("noisy data (3 % relative, seeded): S and c within 4 standard errors of the truth")
    func noisy() throws {
        for seed in UInt64(1)...UInt64(5) {
            var generator = StreamKey(seed: seed, path: 0, stream: 0).generator
            let noise = (0..<14).map { _ in 0.03 * Normal.quantile(generator.nextUniform()) }
            let result = try Calibration.run(try try ValidatedModel(Self.model()), history: nil, loadTest: nil,
                                             ramp: Self.ramp(users: [4, 8, 16, 24, 32, 48, 64], service: 40, workers: 16, noise: noise))
            let values = try #require(result.fits.first).values
            let s = values[0], c = values[1]
            let seS = try #require(s.standardError), seC = try #require(c.standardError)
            #expect(seS > 0 && seC > 0)
            #expect(abs(s.value - 40) <= 4 * seS, "S \(s.value) ± \(seS); seed \(seed)")
            #expect(abs(c.value - 16) <= 4 * seC + 0.5, "c \(c.value) ± \(seC); seed \(seed)")
        }
    }

    @Test("seed 000's ramp (50–250 users, P50 68–187 ms): per_node 125, service_ms 102.6 ms")
    func seed000() throws {
        let text = "users,p50_ms,success_rate\n50,68,100%\n100,75,100%\n150,92,99.8%\n200,125,99.2%\n250,187,98.1%\n"
        let ramp = try LoadRamp.read(csv: text, file: "seed-000-ramp.csv")
        #expect(ramp.successRate == [1, 1, 0.998, 0.992, 0.981])
        let result = try Calibration.run(try try ValidatedModel(Self.model()), history: nil, loadTest: nil, ramp: ramp)
        let values = try #require(result.fits.first).values
        // Independent check (scipy quad of the Erlang–exponential convolution, profile over c = 1…259):
        // c = 125, Ŝ = Σ(qᵢ/yᵢ)/Σ(qᵢ/yᵢ)² = 102.6179310419 ms.
        #expect(values[1].value == 125)
        #expect(abs(values[0].value - 102.6179310419134) < 1e-6)
        #expect(values.allSatisfy { ($0.standardError ?? 0) > 0 })
        #expect(result.warnings.isEmpty)
        // Written into the model's own text by the rewriter, and read back.
        let rewritten = try ModelRewriter.rewrite(Self.modelText, file: "ramp.yaml", result: result, date: "2026-12-01")
        let model = try ModelLoader.parse(rewritten, file: "ramp.yaml")
        #expect(model.workers[0].perNode == 125)
        #expect(rewritten.contains("# calibrated from seed-000-ramp.csv, n=5"))
    }

    @Test("a ramp that never queues fits service_ms only; low success rates are left out")
    func neverQueues() throws {
        let ramp = LoadRamp(source: "flat.csv", users: [1, 2, 4], p50MS: [27.7, 27.8, 27.6], successRate: [1, 1, 0.5])
        let result = try Calibration.run(try try ValidatedModel(Self.model()), history: nil, loadTest: nil, ramp: ramp)
        let fit = try #require(result.fits.first)
        #expect(fit.values.map(\.key) == ["workers[0].service_ms"])
        #expect(result.model.workers[0].perNode == 8)
        #expect(result.warnings.contains { $0.contains("the levels at 4 users fail more than 5% of requests") })
        #expect(result.warnings.contains { $0.contains("per_node is at least 2, not fitted") })
    }

    @Test("refusals: no worker pool, an unknown --worker, several pools, a {p50, p95} service time")
    func refusals() throws {
        let ramp = Self.ramp(users: [4, 8, 16], service: 40, workers: 8)
        var model = try Self.model()
        var none = model
        none.workers = []
        #expect(throws: CalibrationError.self) { try Calibration.run(try ValidatedModel(none), history: nil, loadTest: nil, ramp: ramp) }
        var named = ramp
        named.worker = "webb"
        do {
            _ = try Calibration.run(try ValidatedModel(model), history: nil, loadTest: nil, ramp: named)
            Issue.record("no error")
        } catch let error as CalibrationError {
            #expect(error.message == "--worker webb: the model has no such worker pool; its worker pools are `web`")
        }
        model.workers.append(Model.Worker(name: "jobs", service: "api", perNode: 2, serviceTime: .mean(500), slo: .init(p99MS: 5000)))
        #expect(throws: CalibrationError.self) { try Calibration.run(try ValidatedModel(model), history: nil, loadTest: nil, ramp: ramp) }
        model.workers[0].serviceTime = .percentiles(p50: 30, p95: 90)
        named.worker = "web"
        do {
            _ = try Calibration.run(try ValidatedModel(model), history: nil, loadTest: nil, ramp: named)
            Issue.record("no error")
        } catch let error as CalibrationError {
            #expect(error.message.hasPrefix("workers[0] (`web`) gives service_ms as {p50, p95}"))
        }
    }

    @Test("ramp CSV problems are located: unknown column, p95 not above p50, a success rate above 1")
    func csvProblems() {
        func problem(_ text: String) -> String? {
            do { _ = try LoadRamp.read(csv: text, file: "r.csv"); return nil } catch { return error.description }
        }
        #expect(problem("users,p50ms\n10,20\n")?.contains("unknown column `p50ms`") == true)
        #expect(problem("users,p50_ms,p95_ms\n10,20,20\n")?.contains("column `p95_ms` must be above the row's p50_ms (20); got 20") == true)
        #expect(problem("users,p50_ms,success_rate\n10,20,1.2\n")?.contains("must be a share in (0, 1]") == true)
        #expect(problem("users,p50_ms\n0,20\n")?.contains("column `users` must be between 1 and 100,000 (users); got 0") == true)
        #expect(problem("users,p50_ms\n2.5,20\n")?.contains("must be a whole number") == true)
    }
}
