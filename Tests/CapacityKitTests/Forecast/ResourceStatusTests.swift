import Foundation
import Testing
@testable import CapacityKit

/// Deterministic models (no randomness) in which one resource crosses its levels
/// in hand-computed months while the host stays far below warn.
@Suite struct ResourceStatusTests {
    /// 100 rps growing 20 %/month, peak factor 1: peak_m = 100 · 1.2^(m−1).
    /// api = 100 + 1 · peak against a 500 MB limit (warn 375, critical 425):
    /// m6 348.8 (69.8 %), m7 398.6 (79.7 %: WATCH), m8 458.3 (91.7 %: ACT), m9 530.0 (106 %: CRITICAL).
    /// The host (9,000 MB usable) never passes 10 %.
    static let container = Model(
        name: "container first", start: YearMonth(year: 2027, month: 1),
        host: Model.Host(memoryMB: 10_000, reservedMB: 1000),
        traffic: Model.Traffic(rps: 100, growth: Model.Growth(mean: 0.2)),
        services: [Model.Service(name: "api", memory: Model.Memory(baseMB: 100, perRPSMB: 1), limitMB: 500),
                   Model.Service(name: "cache", memory: Model.Memory(baseMB: 50))])

    /// A pool of c = 10 connections with offered load a = peak · 1 query · 0.053 s:
    /// 5.3, 6.36, 7.632 (76.3 %: WATCH), 9.158 (91.6 %: ACT), 10.99 (≥ 10: CRITICAL).
    static let pool = Model(
        name: "pool first", start: YearMonth(year: 2027, month: 1),
        host: Model.Host(memoryMB: 10_000, reservedMB: 1000),
        traffic: Model.Traffic(rps: 100, growth: Model.Growth(mean: 0.2)),
        services: [Model.Service(name: "db", memory: Model.Memory(baseMB: 300), limitMB: 1000)],
        pools: [Model.Pool(name: "db", service: "db", size: 10, maxConnections: 50, queriesPerRequest: 1, holdMS: 53)])

    @Test("a container crosses warn, critical and its limit: SAFE → WATCH → ACT → CRITICAL in those months")
    func containerFirst() throws {
        let result = try MemoryForecast.run(Self.container, options: ForecastOptions(months: 10, paths: 20))
        #expect(result.months.map(\.status.status) == Array(repeating: .safe, count: 6) + [.watch, .act, .critical, .critical])
        #expect(result.months.allSatisfy { $0.memoryMB.p90 < 0.1 * result.usableMB })
        for month in result.months where month.status.status != .safe {
            #expect(month.status.deciding.map(\.label) == ["api container"], "month \(month.month)")
        }
        #expect(ForecastWriter.reason(result.months[8].status) == "api over limit")
        #expect(ForecastWriter.reason(result.months[7].status) == "api P90 ≥ critical (85 % of limit)")
        #expect(ForecastWriter.reason(result.months[6].status) == "api P90 ≥ warn (75 % of limit)")
        let api = try #require(result.verdict.first)
        #expect(api.resource.label == "api container")
        #expect(api.crossings == Crossings(warn: 7, critical: 8, limit: 9, risk: 9))
        #expect(result.verdict.map(\.resource.label) == ["api container", "host"])
        #expect(ForecastWriter(result).verdictLines.first == "api container: over its 500 MB limit in ≥ 1 % of paths "
            + "from 2027-09 (month 9) — P90 reaches 85 % of the limit in 2027-08 (month 8), 100 % in 2027-09 (month 9)")
        let csv = ForecastWriter(result).csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let status = try #require(csv[0].firstIndex(of: "status")), reason = try #require(csv[0].firstIndex(of: "status_reason"))
        #expect(csv[1...].map { "\($0[status]) \($0[reason])" } == Array(repeating: "SAFE ", count: 6)
            + ["WATCH api P90 ≥ warn (75 % of limit)", "ACT api P90 ≥ critical (85 % of limit)",
               "CRITICAL api over limit", "CRITICAL api over limit"])
        let limitColumn = try #require(csv[0].firstIndex(of: "api_p90_of_limit"))
        #expect(csv[9][limitColumn] == "1.06")   // 530.0 MB of 500 (the histogram midpoint), a fraction to 4 decimals
    }

    @Test("the table's bar never traps: huge, infinite or undefined P90s fill it and point past usable")
    func barBounds() throws {
        let writer = ForecastWriter(try MemoryForecast.run(Self.container, options: ForecastOptions(months: 1, paths: 10)))
        for value in [1e300, Double.infinity, 4.5e15] {
            #expect(writer.bar(value) == String(repeating: "█", count: 24) + "▶", "\(value)")
        }
        #expect(writer.bar(.nan).hasSuffix("│") && writer.bar(0).hasPrefix(" "))
    }

    @Test("a pool crosses first: its utilisation decides the status, the host and its service stay SAFE")
    func poolFirst() throws {
        let result = try MemoryForecast.run(Self.pool, options: ForecastOptions(months: 6, paths: 20))
        #expect(result.months.map(\.status.status) == [.safe, .safe, .watch, .act, .critical, .critical])
        #expect(result.months[2...].allSatisfy { $0.status.deciding.map(\.label) == ["pool db"] })
        #expect(ForecastWriter.reason(result.months[4].status) == "pool db saturated")
        #expect(result.verdict.first?.resource.label == "pool db")
        #expect(result.verdict.first?.crossings == Crossings(warn: 3, critical: 4, limit: 5, risk: 5))
        #expect(abs(result.months[3].pools[0].offeredLoad.p50 - 9.15840) < 1e-4)
        #expect(ForecastWriter.utilization(result.months[4].pools[0].utilization.p90) == "1.1× capacity")
        // P(wait) at the P90 load: with a 30 s timeout against 53 ms holds, the queue is Erlang C's
        // (Kleinrock 1975, eq. 3.40): C(c, a) = (aᶜ/c!)·c/(c − a) / (Σ_{k<c} aᵏ/k! + (aᶜ/c!)·c/(c − a)).
        let a = result.months[3].pools[0].offeredLoad.p90, c = 10
        var term = 1.0, sum = 0.0
        for k in 0..<c { sum += term; term *= a / Double(k + 1) }
        let erlangC = term * Double(c) / (Double(c) - a) / (sum + term * Double(c) / (Double(c) - a))
        #expect(abs(result.months[3].pools[0].pWaitP90 - erlangC) < 1e-9, "\(result.months[3].pools[0].pWaitP90) vs \(erlangC)")
    }

    @Test("the status of every month follows from the figures its tables show (default model, seeded)")
    func headlineFollowsDetail() throws {
        let seed: UInt64 = 31
        let result = try MemoryForecast.run(try DefaultModel.load(), options: ForecastOptions(months: 12, paths: 20_000, seed: seed))
        let levels = Model.Thresholds()
        for month in result.months {
            var fails = month.pOOM.estimate >= 0.01, critical = month.memoryMB.p90 >= levels.critical * result.usableMB
            var warn = month.memoryMB.p90 >= levels.warn * result.usableMB
            for service in month.services {
                guard let limit = service.limitMB, let pOver = service.pOverLimit else { continue }
                fails = fails || pOver.estimate >= 0.01
                critical = critical || service.memoryMB.p90 / limit >= levels.critical
                warn = warn || service.memoryMB.p90 / limit >= levels.warn
            }
            for pool in month.pools {
                fails = fails || pool.pSaturated.estimate >= 0.01
                critical = critical || pool.utilization.p90 >= levels.critical
                warn = warn || pool.utilization.p90 >= levels.warn
            }
            let expected: ForecastStatus = fails ? .critical : critical ? .act : warn ? .watch : .safe
            #expect(month.status.status == expected, "month \(month.month), seed \(seed)")
        }
        // The README's run: the api container fails first.
        #expect(result.verdict.first?.resource.label == "api container", "seed \(seed)")
    }

    @Test("reordering services and pools in the file changes no figure, byte for byte")
    func orderInvariance() throws {
        let text = DefaultModel.yaml
        var model = try ModelLoader.parse(text, file: "a.yaml")
        model.pools.append(Model.Pool(name: "cache", service: "redis", size: 8, maxConnections: 100, holdMS: 2))
        var reordered = model
        reordered.services.reverse()
        reordered.pools.reverse()
        let options = ForecastOptions(months: 8, paths: 3001, seed: 12, threads: 2)
        let a = try MemoryForecast.run(model, options: options), b = try MemoryForecast.run(reordered, options: options)
        func columns(_ result: ForecastResult) -> [String: [Substring]] {
            let lines = ForecastWriter(result).csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            var byName: [String: [Substring]] = [:]
            for (index, name) in lines[0].enumerated() { byName[String(name)] = lines.dropFirst().map { $0[index] } }
            return byName
        }
        let (ca, cb) = (columns(a), columns(b))
        #expect(ca.keys.sorted() == cb.keys.sorted())
        for key in ca.keys where key != "status_reason" { #expect(ca[key] == cb[key], "column \(key)") }
        #expect(a.months.map(\.status.status) == b.months.map(\.status.status))
    }
}
