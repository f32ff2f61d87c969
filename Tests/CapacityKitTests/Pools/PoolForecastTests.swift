import Foundation
import Testing
@testable import CapacityKit

@Suite struct PoolForecastTests {
    /// No randomness: every path has the same traffic, so each month's offered load is
    /// a_m = 100 rps · 1.2^(m−1) · peak 1.5 · 2 queries · 0.05 s = 15 · 1.2^(m−1) erlangs.
    static let deterministic = """
    version: 1
    name: fixed
    start: 2027-01
    host: {memory_mb: 64000, reserved_mb: 0}
    traffic: {rps: 100, growth: {mean: 20%}, peak_factor: 1.5}
    services:
      - {name: db, memory: {base_mb: 100, per_connection_mb: 10}}
    pools:
      - {name: main, service: db, size: 16, max_connections: 40, queries_per_request: 2, hold_ms: 50, timeout_ms: 1000}

    """

    @Test("a model without randomness gives the closed-form figures in every month")
    func deterministic() throws {
        let model = try ModelLoader.validate(Self.deterministic, file: "fixed.yaml", today: nil)
        let forecast = try PoolForecast.run(model, options: ForecastOptions(months: 6, paths: 1_000, threads: 2),
                                            waitMS: 100, target: 0.01)
        let pool = try #require(forecast.pools.first)
        #expect(pool.connections == 16)
        let threshold = try #require(TimeoutQueue.thresholdLoad(for: .timeoutShare, reaching: 0.001, servers: 16,
                                                                holdMS: 50, timeoutMS: 1000))
        #expect(pool.timeoutThresholdLoad == threshold)
        for month in pool.months {
            let a = 15 * pow(1.2, Double(month.month - 1))
            #expect(abs(month.offeredLoad.p50 - a) < 1e-9 * a && abs(month.offeredLoad.p90 - a) < 1e-9 * a)
            #expect(abs(month.utilization.p90 - a / 16) < 1e-9)
            let exact = TimeoutQueue(servers: 16, offeredLoad: a, holdMS: 50, timeoutMS: 1000)
            #expect(abs(month.atP90.pWait - exact.pWait) < 1e-9 && abs(month.atP50.pWait - exact.pWait) < 1e-9)
            #expect(abs(month.atP90.meanWaitMS - exact.meanWaitMS) < 1e-6)
            #expect(abs(month.atP90.timeoutShare - exact.timeoutShare) < 1e-9)
            // Every path or none: P(saturated) = [a ≥ c], P(timeouts > 0.1 %) = [a ≥ a*] (a_m is far from both).
            #expect(abs(a - 16) > 0.1 && abs(a - threshold) > 0.1, "month \(month.month): a = \(a), a* = \(threshold)")
            #expect(month.pSaturated.estimate == (a >= 16 ? 1 : 0))
            #expect(month.pTimeoutShareOver.estimate == (a >= threshold ? 1 : 0))
            // Sized at the P90 load and, for the 1 % risk level, past the load 1 % of paths reach: every path's.
            let sizing = PoolSizing(pool: model.model.pools[0], nodes: 1, offeredLoad: month.offeredLoad.p90,
                                    available: 37, perConnectionMB: 10, waitMS: 100, target: 0.01,
                                    tailLoad: a * (1 + 0x1p-10))
            #expect(abs(try #require(month.sizing.tailLoad) - a * (1 + 0x1p-10)) < 1e-9 * a)
            #expect(month.sizing.connectionsNeeded == sizing.connectionsNeeded)
            #expect(month.sizing.recommendedSize == sizing.recommendedSize)
            if let connections = month.sizing.recommended?.servers { #expect(Double(connections) > a) }
        }
        // 15 erlangs on 16 connections in month 1, 18 in month 2: saturated from month 2 on.
        #expect(pool.saturatedFrom == 2)
        #expect(forecast.sizingMonth == 6 && forecast.budget.pools[0].headroom == 21)
    }

    /// Issue 25: `capacity pools` recommended 16 (the size in force) for a month in which P(saturated) at 16
    /// was 3.48 %. A model without randomness, by hand: a = 100 rps · peak 1.1 · 2 queries · 0.07 s =
    /// 15.4 erlangs on every path; 10 connections are saturated on every path (P = 100 %); the size must
    /// serve more than 15.4 · (1 + 2⁻¹⁰) = 15.415 erlangs: 16, where P(saturated) = 0. The wait target
    /// (P(wait > 1 s or time out) ≤ 1 %) holds there too: C·e^(−0.6/0.07 s⁻¹ · 1 s) ≤ e^(−8.57) ≈ 2e-4.
    @Test("the recommended size keeps P(saturated) below the risk level in its month (deterministic load 15.4 → 16)")
    func recommendationObeysTheRisk() throws {
        let text = """
        version: 1
        name: exact
        start: 2027-01
        host: {memory_mb: 64000, reserved_mb: 0}
        traffic: {rps: 100, growth: {mean: 0%}, peak_factor: 1.1}
        services:
          - {name: db, memory: {base_mb: 100, per_connection_mb: 10}}
        pools:
          - {name: main, service: db, size: 10, max_connections: 40, queries_per_request: 2, hold_ms: 70, timeout_ms: 30000}

        """
        let model = try ModelLoader.validate(text, file: "exact.yaml", today: nil)
        let forecast = try PoolForecast.run(model, options: ForecastOptions(months: 2, paths: 2_000, threads: 2),
                                            waitMS: 1000, target: 0.01)
        for month in forecast.pools[0].months {
            #expect(abs(month.offeredLoad.p90 - 15.4) < 1e-9)
            #expect(month.pSaturated.estimate == 1)
            #expect(month.sizing.recommendedSize == 16 && month.sizing.recommended?.servers == 16)
        }
        // The same paths at the recommended size: never saturated, no timeouts.
        var resized = model.model
        resized.pools[0].size = 16
        let after = try PoolForecast.run(ValidatedModel(checked: resized, findings: []),
                                         options: ForecastOptions(months: 2, paths: 2_000, threads: 2), waitMS: 1000, target: 0.01)
        #expect(after.pools[0].months.allSatisfy { $0.pSaturated.hits == 0 && $0.pTimeoutShareOver.hits == 0 })
        #expect(PoolForecastWriter(forecast).verdict[0].contains("and P(saturated) and P(timeouts > 0.1%) below 1% that month"))
    }

    /// The default model (growth, peaks and noise random): in every month, the same paths with the pool at the
    /// size recommended for that month are saturated, and time out, on fewer than 1 % of paths (the verdict's
    /// rule), where the P90 rule alone gave sizes that were not (16 for 2027-04, P(saturated) 3.48 %).
    @Test("default model: at each month's recommended size, P(saturated) and P(timeouts) are below the risk level")
    func recommendationsObeyTheRiskOnTheDefaultModel() throws {
        let model = try DefaultModel.validate(today: nil)
        let options = ForecastOptions(months: 8, paths: 20_000, seed: 7, threads: 2)
        let forecast = try PoolForecast.run(model, options: options, waitMS: 100, target: 0.01)
        var checked = 0
        for month in forecast.pools[0].months {
            guard let size = month.sizing.recommendedSize else { continue }
            var resized = model.model
            resized.pools[0].size = size
            let after = try PoolForecast.run(ValidatedModel(checked: resized, findings: []), options: options,
                                             waitMS: 100, target: 0.01)
            let same = after.pools[0].months[month.month - 1]
            #expect(same.pSaturated.estimate < 0.01, "month \(month.month), size \(size): \(same.pSaturated.estimate), seed 7")
            #expect(same.pTimeoutShareOver.estimate < 0.01, "month \(month.month), size \(size), seed 7")
            checked += 1
        }
        #expect(checked >= 5)
    }

    @Test("the same paths as the forecast: P(saturated) and offered load agree with capacity forecast")
    func samePathsAsTheForecast() throws {
        let model = try DefaultModel.validate(today: nil)
        let options = ForecastOptions(months: 8, paths: 20_000, seed: 7, threads: 2)
        let pools = try PoolForecast.run(model, options: options, waitMS: 100, target: 0.01)
        let forecast = try MemoryForecast.run(model, options: options)
        // At a = c the timeout share is about 1/(c·τ/h) = 1/(16 · 2000) < 0.1 %, so a* > c and the
        // paths counted for timeouts are a subset of the saturated ones.
        #expect(pools.pools[0].timeoutThresholdLoad > 16)
        for (m, month) in forecast.months.enumerated() {
            let pool = pools.pools[0].months[m]
            #expect(pool.pSaturated == month.pools[0].pSaturated)
            #expect(pool.offeredLoad == month.pools[0].offeredLoad)
            #expect(pool.pTimeoutShareOver.hits <= pool.pSaturated.hits)
        }
        #expect(pools.pools[0].months.last!.pSaturated.hits > 0)
    }

    @Test("a model without pools: the table says so, the CSV has its header only")
    func noPools() throws {
        let text = Self.deterministic.components(separatedBy: "pools:")[0]
        let model = try ModelLoader.validate(text, file: "none.yaml", today: nil)
        let forecast = try PoolForecast.run(model, options: ForecastOptions(months: 2, paths: 100), waitMS: 100, target: 0.01)
        let writer = PoolForecastWriter(forecast)
        #expect(writer.table.hasSuffix("The model has no pools.\n"))
        #expect(writer.csv == PoolForecastWriter.csvHeader.joined(separator: ",") + "\n")
        #expect(!writer.json.contains("nan"))
    }

    @Test("sizing at a load no server can serve answers at once: nothing recommended, no connection count")
    func hopelessLoad() {
        let pool = ConnectionBudgetTests.pool("pg", size: 16, max: 100)
        let sizing = PoolSizing(pool: pool, nodes: 1, offeredLoad: 1e12, available: 97, perConnectionMB: 8,
                                waitMS: 100, target: 0.01)
        #expect(sizing.connectionsNeeded == nil && sizing.recommended == nil && sizing.pgbouncerPoolSize == nil)
        #expect(PoolForecast.finite(.infinity) == .greatestFiniteMagnitude && PoolForecast.finite(.nan) == .greatestFiniteMagnitude)
    }
}
