import Foundation
import Testing
@testable import CapacityKit

/// A model with every random input switched off: the forecast is arithmetic.
///
/// rps_m = 100 · 1.2^(m−1); peak = 1.5 · rps; service a = 1000 + 2·peak;
/// service b = 500 + 10·connections, connections = min(peak · 2 · 0.020 s, 10);
/// usable = 4000 − 500 = 3500 MB, warn 2625 MB, critical 2975 MB.
let deterministicModel = Model(
    name: "deterministic", start: YearMonth(year: 2027, month: 1),
    host: Model.Host(memoryMB: 4000, reservedMB: 500),
    traffic: Model.Traffic(rps: 100, growth: Model.Growth(mean: 0.2), peakFactor: Model.MeanAndSD(mean: 1.5, sd: 0)),
    services: [
        Model.Service(name: "a", memory: Model.Memory(baseMB: 1000, perRPSMB: 2)),
        Model.Service(name: "b", memory: Model.Memory(baseMB: 500, perConnectionMB: 10), limitMB: 590),
    ],
    pools: [Model.Pool(name: "db", service: "b", size: 10, maxConnections: 50, queriesPerRequest: 2, holdMS: 20)])

/// Host memory by hand, months 1–12 (see the model above): month 1 is
/// 1000 + 2·150 + 500 + 10·6 = 1860; the pool caps at 10 connections from month 4.
let handComputedHostMB: [Double] = [
    1860, 1932, 2018.4, 2118.4, 2222.08, 2346.496, 2495.7952, 2674.95424,
    2889.945088, 3147.9341056, 3457.52092672, 3829.025112064,
]

@Suite struct MemoryForecastTests {
    @Test("no randomness: every path reproduces the hand-computed memory, month by month")
    func deterministic() throws {
        let result = try MemoryForecast.run(deterministicModel,
                                            options: ForecastOptions(months: 12, paths: 50, samplePaths: 3))
        for sample in result.samples {
            for (m, value) in sample.enumerated() {
                #expect(abs(value - handComputedHostMB[m]) <= 1e-9 * handComputedHostMB[m], "month \(m + 1)")
            }
        }
        for month in result.months {
            let exact = handComputedHostMB[month.month - 1]
            // Quantiles are histogram bin midpoints: relative error ≤ 2⁻¹¹.
            #expect(abs(month.memoryMB.p50 - exact) <= exact * 0x1p-11)
            #expect(abs(month.memoryMB.p99 - exact) <= exact * 0x1p-11)
            #expect(abs(month.rps.p50 - 100 * pow(1.2, Double(month.month - 1))) <= month.rps.p50 * 0x1p-11)
            #expect(month.pWarn.estimate == (exact > 2625 ? 1 : 0), "month \(month.month)")
            #expect(month.pCritical.estimate == (exact > 2975 ? 1 : 0), "month \(month.month)")
            #expect(month.pOOM.estimate == (exact > 3500 ? 1 : 0), "month \(month.month)")
            // Service b passes its 590 MB limit when connections exceed 9: month 4 (peak 259.2 → 10.368).
            #expect(month.services[1].pOverLimit?.estimate == (month.month >= 4 ? 1 : 0), "month \(month.month)")
            #expect(month.pools[0].pSaturated.estimate == (month.month >= 4 ? 1 : 0), "month \(month.month)")
        }
        #expect(result.runway == Runway(warn: 8, critical: 10, usable: 12))
        // Every resource decides: b (560 MB = 94.9 % of its 590 MB limit in month 1) is ACT from
        // month 1 and over its limit from month 4, with the pool (10.368 erlangs ≥ 10 connections).
        #expect(result.months.map(\.status.status) == [.act, .act, .act] + Array(repeating: .critical, count: 9))
        #expect(result.months[3].status.deciding.map(\.label) == ["b container", "pool db"])
    }

    /// Growth only: rps_m = rps · (1 + g)^(m−1) with g ~ N(μ, σ²) is monotone in g, so its
    /// q-quantile is rps · (1 + μ + σ z_q)^(m−1) exactly. The sample quantile's standard error
    /// is √(q(1−q)/n) / φ(z_q) in z, times dx/dz = rps (m−1) σ (1 + μ + σ z_q)^(m−2) in rps.
    @Test("growth only: rps P50 and P90 match the closed form within 5 standard errors")
    func growthClosedForm() throws {
        var model = deterministicModel
        model.traffic.growth = Model.Growth(mean: 0.2, sd: 0.05)
        let seed: UInt64 = 77, n = 40_000
        let result = try MemoryForecast.run(model, options: ForecastOptions(months: 12, paths: n, seed: seed))
        for month in result.months where month.month > 1 {
            let k = Double(month.month - 1)
            for (q, reported) in [(0.5, month.rps.p50), (0.9, month.rps.p90)] {
                let z = Normal.quantile(q)
                let base = 1 + 0.2 + 0.05 * z
                let exact = 100 * pow(base, k)
                let density = exp(-z * z / 2) / (2 * Double.pi).squareRoot()
                let se = (q * (1 - q) / Double(n)).squareRoot() / density * 100 * k * 0.05 * pow(base, k - 1)
                let tolerance = 5 * se + exact * 0x1p-11
                #expect(abs(reported - exact) <= tolerance,
                        "month \(month.month) q \(q): \(reported) vs \(exact) ± \(tolerance), seed \(seed)")
            }
        }
    }

    /// One service with noise and flat traffic: host = base · (1 + noise·Z), so
    /// P(host > usable) = 1 − Φ((usable/base − 1)/noise) every month, and months are independent.
    @Test("noise only: P(OOM) matches 1 − Φ((usable/base − 1)/noise) within 5 standard errors")
    func noiseClosedForm() throws {
        let model = Model(name: "noise", start: YearMonth(year: 2027, month: 1), host: Model.Host(memoryMB: 1000),
                          traffic: Model.Traffic(rps: 10, growth: Model.Growth(mean: 0)),
                          services: [Model.Service(name: "s", memory: Model.Memory(baseMB: 900, noise: 0.1))])
        let seed: UInt64 = 4242, n = 50_000
        let result = try MemoryForecast.run(model, options: ForecastOptions(months: 3, paths: n, seed: seed, threads: 2))
        let exact = 1 - Normal.cdf((1000.0 / 900 - 1) / 0.1)   // 1 − Φ(1.111…) ≈ 0.1333
        let se = (exact * (1 - exact) / Double(n)).squareRoot()
        for month in result.months {
            #expect(abs(month.pOOM.estimate - exact) <= 5 * se, "month \(month.month): \(month.pOOM.estimate) vs \(exact), seed \(seed)")
        }
        // Independent months: P(OOM in month 1 or 2) = 1 − (1 − p)².
        let by2 = 1 - (1 - exact) * (1 - exact)
        #expect(abs(result.months[1].pOOMBy.estimate - by2) <= 5 * (by2 * (1 - by2) / Double(n)).squareRoot(), "seed \(seed)")
    }

    @Test("P(OOM by m) never decreases and is never below the month's P(OOM)")
    func oomByIsCumulative() throws {
        let model = try DefaultModel.load()
        let result = try MemoryForecast.run(model, options: ForecastOptions(months: 24, paths: 20_000, seed: 9))
        for (previous, month) in zip(result.months, result.months.dropFirst()) {
            #expect(month.pOOMBy.estimate >= previous.pOOMBy.estimate, "month \(month.month), seed 9")
        }
        for month in result.months { #expect(month.pOOMBy.estimate >= month.pOOM.estimate, "month \(month.month), seed 9") }
    }

    @Test("the same seed gives identical CSV and JSON for any thread count and chunk size")
    func threadAndChunkInvariance() throws {
        let model = try DefaultModel.load()
        func render(threads: Int, chunk: Int?) throws -> (String, String) {
            let result = try MemoryForecast.run(model, options: ForecastOptions(
                months: 12, paths: 10_007, seed: 5, threads: threads, chunkSize: chunk, samplePaths: 100))
            let json = ForecastWriter(result).json.replacingOccurrences(of: "\"threads\" : \(threads)", with: "")
            return (ForecastWriter(result).csv + SamplesWriter.csv(result), json)
        }
        let reference = try render(threads: 1, chunk: nil)
        for (threads, chunk) in [(2, nil), (2, 1000), (1, 333), (3, 4096), (2, 10_007)] as [(Int, Int?)] {
            let other = try render(threads: threads, chunk: chunk)
            #expect(other.0 == reference.0, "CSV, threads \(threads), chunk \(String(describing: chunk))")
            #expect(other.1 == reference.1, "JSON, threads \(threads), chunk \(String(describing: chunk))")
        }
    }

    @Test("with a precision target, paths double until every standard error is below it")
    func precision() throws {
        let result = try MemoryForecast.run(deterministicModel.withNoise(0.05),
                                            options: ForecastOptions(months: 12, paths: 1000, precision: 0.004))
        #expect(result.largestStandardError < 0.004)
        #expect([2000, 4000, 8000, 16_000, 32_000].contains(result.paths))
    }

    @Test("options out of range are refused with a message")
    func badOptions() {
        #expect(ForecastOptions(months: 0).problem == "--months must be between 1 and 120; got 0")
        #expect(ForecastOptions(paths: 0).problem == "--paths must be between 1 and 100000000; got 0")
        #expect(ForecastOptions(paths: 1_000_000_000).problem == "--paths must be between 1 and 100000000; got 1000000000")
        #expect(throws: ForecastError.invalidOptions("--months must be between 1 and 120; got 500")) {
            try MemoryForecast.run(deterministicModel, options: ForecastOptions(months: 500))
        }
    }
}

extension MemoryForecast {
    /// Runs a model built in the tests, validated first as every engine input is.
    static func run(_ model: Model, options: ForecastOptions) throws -> ForecastResult {
        try run(ValidatedModel(model), options: options)
    }
}

extension Model {
    /// This model with every service's relative memory noise set to `noise`.
    func withNoise(_ noise: Double) -> Model {
        var copy = self
        for index in copy.services.indices { copy.services[index].memory.noise = noise }
        return copy
    }
}
