import Foundation
import Testing
@testable import CapacityKit

/// Worker pools in the forecast (issue #22 item 4): a deterministic model whose SLO
/// breach month is computed by hand, and the memory and pool figures unchanged by a
/// workers section that never binds.
@Suite struct WorkerForecastTests {
    /// No noise: 10 rps growing 20 %/month (sd 0, volatility 0), peak factor 1, one node, so
    /// λ_m = 10 · 1.2^(m−1) requests/s reach the node. The pool: c = 4 workers, exponential
    /// service with mean 100 ms (μ = 10/s; saturation at cμ = 40 rps), SLO P95 ≤ 500 ms.
    ///
    /// The M/M/c response time's P95 by month (mpmath at 40 digits, Erlang C from its closed
    /// form and P(T > t) = e^(−μt) + C·∫₀ᵗ μe^(−μs)·e^(−θ(t−s)) ds, θ = cμ − λ, integrated
    /// numerically — independent of the engine's closed form: `Tests/CapacityCLITests/Scripts/mmc_p95.py`,
    /// which also checks the closed form of Gross et al. §2.3 at each P95):
    ///
    ///     m   λ (rps)     P95 (ms)
    ///     6   24.8832     340.748
    ///     7   29.85984    409.582
    ///     8   35.831808   787.642   > 500: the first breach
    ///     9   42.998170   —         λ ≥ 40: saturated
    ///
    /// The largest rate with P95 ≤ 500 ms is 32.6072440 rps (the same computation, bisected).
    /// Levels (rps ÷ 32.607): m6 0.763 (≥ warn 0.75: WATCH), m7 0.916 (≥ critical 0.85: ACT),
    /// m8 1.099 (CRITICAL). The api container, 100 + 10 · λ MB against 500 MB, fails in month 9
    /// (530.0 MB; m8 458.3 MB) and reaches critical (425 MB) in month 8 (458.3 MB); the host
    /// (9,000 MB usable) stays below 10 %.
    static let model = Model(
        name: "workers first", start: YearMonth(year: 2027, month: 1),
        host: Model.Host(memoryMB: 10_000, reservedMB: 1000),
        traffic: Model.Traffic(rps: 10, growth: Model.Growth(mean: 0.2)),
        services: [Model.Service(name: "api", memory: Model.Memory(baseMB: 100, perRPSMB: 10), limitMB: 500)],
        workers: [Model.Worker(name: "web", service: "api", perNode: 4, serviceTime: .mean(100),
                               slo: Model.LatencySLO(p95MS: 500))])

    @Test("the SLO breach month is the hand-computed one, and the verdict names the workers first")
    func breachMonth() throws {
        let result = try MemoryForecast.run(Self.model, options: ForecastOptions(months: 9, paths: 20))
        let web = try #require(result.resources.first { $0.resource.kind == .workers })
        #expect(abs(web.resource.capacity - 32.6072440325) < 1e-6)
        #expect(web.crossings == Crossings(warn: 6, critical: 7, limit: 8, risk: 8))
        #expect(web.crossings.firstFailure == 8)
        #expect(result.months.map(\.status.status) == Array(repeating: .safe, count: 5) + [.watch, .act, .critical, .critical])
        #expect(result.months[7].status.deciding.map(\.label) == ["workers web"])
        #expect(result.months[8].status.deciding.map(\.label) == ["api container", "workers web"])
        #expect(result.verdict.map(\.resource.label) == ["workers web", "api container", "host"])
        #expect(ForecastWriter(result).verdictLines.first == "workers web: over its latency SLO (above 33 rps per node) "
            + "in ≥ 1 % of paths from 2027-08 (month 8) — P90 reaches 85 % of the rate within its SLO in 2027-07 (month 7), "
            + "100 % in 2027-08 (month 8)")
        #expect(ForecastWriter.reason(result.months[7].status) == "workers web over its SLO")

        // The month's P95 latency (at the P90 load), against the hand values; the load is read from
        // the histogram (relative bin error ≤ 2⁻¹¹), which moves the P95 by well under 0.5 %.
        let months = result.months.map { $0.workers[0] }
        for (m, expected) in [(5, 340.7478819), (6, 409.582125), (7, 787.6418043)] {
            let p95 = try #require(months[m].p95LatencyMS.p90, "month \(m + 1)")
            #expect(abs(p95 / expected - 1) < 0.005, "month \(m + 1): \(p95) ms")
        }
        #expect(months[8].p95LatencyMS == WorkerMonth.LatencyBand(p10: nil, p50: nil, p90: nil))
        #expect(months.map(\.pSLOBreach.estimate) == Array(repeating: 0, count: 7) + [1, 1])
        #expect(abs(months[6].utilization.p90 - 29.85984 * 0.1 / 4) < 1e-3)
    }

    @Test("saturation is a status in every format: `saturated`, never inf or nan")
    func saturatedOutputs() throws {
        let writer = ForecastWriter(try MemoryForecast.run(Self.model, options: ForecastOptions(months: 9, paths: 20)))
        let csv = writer.csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let p95 = try #require(csv[0].firstIndex(of: "web_p95_ms_p90"))
        let breach = try #require(csv[0].firstIndex(of: "web_p_slo_breach"))
        #expect(csv[0].suffix(10).map(String.init) == ForecastWriter.workerColumns("web"))
        #expect(csv[9][p95] == "saturated" && csv[8][breach] == "1")
        #expect(csv[7][p95] == "409.6" || csv[7][p95] == "409.5" || csv[7][p95] == "409.7")
        for text in [writer.csv, writer.json, writer.table, writer.markdown] {
            #expect(!text.contains("inf") && !text.contains("nan"))
        }
        #expect(writer.table.contains("Worker pools at month 9") && writer.markdown.contains("### Worker pools at month 9"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(writer.json.utf8)) as? [String: Any])
        let resources = try #require(json["resources"] as? [[String: Any]])
        #expect(resources.map { $0["kind"] as? String } == ["host", "container", "workers"])
        let month9 = try #require((json["months"] as? [[String: Any]])?[8]["workers"] as? [[String: Any]])
        #expect(month9[0]["saturated_at"] as? [String] == ["p10", "p50", "p90"])
        #expect(month9[0]["p95_ms_p90"] == nil)
    }

    @Test("a workers section that never binds leaves memory, pools and their statuses unchanged, number for number")
    func neverBindingUnchanged() throws {
        var base = try DefaultModel.load()
        base.workers = []  // the default model without its own worker pool
        var with = base
        // 10,000 workers per node at 1 ms: the largest rate within 10 s is millions of rps.
        with.workers = [Model.Worker(name: "api", service: "api", perNode: 10_000, serviceTime: .mean(1),
                                     slo: Model.LatencySLO(p95MS: 10_000))]
        let options = ForecastOptions(months: 12, paths: 4000, seed: 7)
        let a = try MemoryForecast.run(base, options: options), b = try MemoryForecast.run(with, options: options)
        #expect(b.resources.last?.resource.kind == .workers && b.resources.last!.crossings == Crossings())
        let jsonA = try Self.json(ForecastWriter(a).json), jsonB = try Self.json(ForecastWriter(b).json)
        // Every month's figures but the workers', and every resource but the worker pool, equal.
        let monthsA = try #require(jsonA["months"] as? [NSDictionary])
        let monthsB = try #require(jsonB["months"] as? [[String: Any]])
        #expect(monthsA == monthsB.map { var m = $0; m["workers"] = nil; return m as NSDictionary })
        let resourcesB = try #require(jsonB["resources"] as? [[String: Any]]).filter { $0["kind"] as? String != "workers" }
        #expect(try #require(jsonA["resources"] as? [NSDictionary]) == resourcesB.map { $0 as NSDictionary })
        #expect(ForecastWriter(b).csv.hasPrefix(String(ForecastWriter(a).csv.split(separator: "\n")[0])))
    }

    /// CPU: 50 ms of CPU per request on 1 core, cores busy = λ_m · 0.05 per node: months 1–5 give
    /// 0.5, 0.6, 0.72 (below warn 0.75), 0.864 (≥ 0.85: ACT) and 1.0368 (≥ 1 core: fails). At exactly 1 core busy
    /// (λ = 20 rps) it fails too (failing at ≥, like a pool's ρ = 1): a model at 20 rps, no growth.
    @Test("the pool's CPU: cores busy = rps per node × cpu_ms / 1000 against host.cores, failing at ≥")
    func cpu() throws {
        var model = Self.model
        model.host.cores = 1
        model.workers[0].cpuMS = 50
        let result = try MemoryForecast.run(model, options: ForecastOptions(months: 5, paths: 20))
        let cpu = try #require(result.resources.first { $0.resource.kind == .cpu })
        #expect(cpu.resource.label == "CPU web" && cpu.resource.capacity == 1)
        #expect(cpu.crossings == Crossings(warn: 4, critical: 4, limit: 5, risk: 5))
        let level = try #require(result.months[3].workers[0].cpuUtilization?.p90)
        #expect(abs(level / 0.864 - 1) < 1e-3, "\(level)")
        #expect(result.months[4].status.deciding.map(\.label) == ["CPU web"])
        model.traffic = Model.Traffic(rps: 20, growth: Model.Growth(mean: 0))
        let flat = try MemoryForecast.run(model, options: ForecastOptions(months: 1, paths: 20))
        #expect(flat.months[0].workers[0].pCPUSaturated?.estimate == 1)
    }

    private static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
