import Foundation
import Testing
import CapacityTestSupport
@testable import CapacityKit

/// `capacity sensitivity` (issue #15): the tornado against values derived by hand, the
/// variance shares on models whose answer is known, and the paths it records against the forecast's.
@Suite struct SensitivityAnalysisTests {
    /// Flat peaks, no noise, no volatility: host memory in month m is
    /// 100 + 1·rps_m + 200 + 0.5·rps_m = 300 + 150·(1 + g)^(m−1) with rps₁ = 100.
    static func deterministic(growthSD: Double = 0) -> Model {
        Model(name: "deterministic", start: YearMonth(year: 2027, month: 1), host: Model.Host(memoryMB: 100_000),
              traffic: Model.Traffic(rps: 100, growth: Model.Growth(mean: 0.2, sd: growthSD)),
              services: [Model.Service(name: "api", memory: Model.Memory(baseMB: 100, perRPSMB: 1)),
                         Model.Service(name: "db", memory: Model.Memory(baseMB: 200, perRPSMB: 0.5))])
    }

    static func run(_ model: Model, _ metric: SensitivityMetric = .memoryP90, months: Int = 3, paths: Int = 20_000,
                    swing: Double? = nil, threads: Int = 2) throws -> SensitivityResult {
        try SensitivityAnalysis.run(try ValidatedModel(model), options: SensitivityOptions(
            metric: metric, forecast: ForecastOptions(months: months, paths: paths, seed: 2026, threads: threads), swing: swing))
    }

    /// host(g) = 300 + 150·(1 + g)² in month 3.
    static func host(_ g: Double) -> Double { 300 + 150 * (1 + g) * (1 + g) }

    @Test("a deterministic model with one uncertain input: that input first, by hand; every other at zero swing and zero share")
    func oneUncertainInput() throws {
        let result = try Self.run(Self.deterministic(growthSD: 0.05))
        let first = try #require(result.effects.first)
        #expect(first.input.key == "traffic.growth" && first.input.kind == .uncertain)
        // P10 and P90 of g ~ N(0.2, 0.05): 0.2 ∓ 1.2816 × 0.05 = 0.135922, 0.264078 → 493.55 MB and 539.68 MB.
        #expect(abs(first.input.low - 0.135922) < 1e-6 && abs(first.input.high - 0.264078) < 1e-6)
        #expect(abs(first.low / Self.host(0.135922) - 1) < 1e-3, "\(first.low) vs \(Self.host(0.135922))")
        #expect(abs(first.high / Self.host(0.264078) - 1) < 1e-3, "\(first.high) vs \(Self.host(0.264078))")
        #expect(abs(result.base / Self.host(0.264078) - 1) < 1e-3, "memory rises with g: its P90 is at g's P90")
        let share = try #require(first.varianceShare)
        #expect(share > 0.999, "Y is a function of g alone: \(share), seed 2026")
        for effect in result.effects.dropFirst() {
            #expect(effect.swing == 0 && effect.varianceShare == 0, "\(effect.input.key)")
            #expect(effect.input.kind == .fixed)
        }
        #expect(result.ranked.count == 1)
    }

    @Test("--swing 20%: fixed estimates move ±20 %, labelled as such; the figures by hand")
    func swing() throws {
        let result = try Self.run(Self.deterministic(), swing: 0.2)
        #expect(abs(result.base - 516) < 0.5, "300 + 150 × 1.44 = 516 MB: \(result.base)")
        let byKey = Dictionary(uniqueKeysWithValues: result.effects.map { ($0.input.key, $0) })
        // api per_rps 0.8 and 1.2: 100 + 0.8·144 + 200 + 72 = 487.2; 100 + 1.2·144 + 272 = 544.8.
        let api = try #require(byKey["services.api.memory.per_rps_mb"])
        #expect(api.input.kind == .swung(0.2) && api.input.low == 0.8 && api.input.high == 1.2)
        #expect(abs(api.low - 487.2) < 0.5 && abs(api.high - 544.8) < 0.5, "\(api.low), \(api.high)")
        // growth mean 16 % and 24 %: 300 + 150 × 1.16² = 501.84, 300 + 150 × 1.24² = 530.64.
        let growth = try #require(byKey["traffic.growth.mean"])
        #expect(abs(growth.low - 501.84) < 0.5 && abs(growth.high - 530.64) < 0.5, "\(growth.low), \(growth.high)")
        #expect(result.effects.first?.input.key == "services.api.memory.per_rps_mb", "57.6 MB beats 43.2 (db) and 28.8 (growth)")
        #expect(result.effects.allSatisfy { $0.varianceShare == 0 }, "nothing varies across paths")
    }

    @Test("perfectly correlated growth and peak factor: the variance shares say so — each explains it all")
    func correlatedInputs() throws {
        var model = Self.deterministic(growthSD: 0.05)
        model.traffic.peakFactor = Model.MeanAndSD(mean: 1.8, sd: 0.2)
        let independent = try Self.run(model, months: 6)
        model.correlations = Model.Correlations(inputs: ["growth", "peak_factor"], matrix: [1, 1, 1, 1])
        let correlated = try Self.run(model, months: 6)
        func share(_ result: SensitivityResult, _ key: String) throws -> (Double, Double) {
            let effect = try #require(result.effects.first { $0.input.key == key })
            return (try #require(effect.varianceShare), effect.varianceShareStandardError ?? 0)
        }
        let (g, gSE) = try share(correlated, "traffic.growth"), (p, pSE) = try share(correlated, "traffic.peak_factor")
        #expect(g > 0.99 && p > 0.99, "one normal drives both: \(g) ± \(gSE), \(p) ± \(pSE), seed 2026")
        let (gi, giSE) = try share(independent, "traffic.growth"), (pi, piSE) = try share(independent, "traffic.peak_factor")
        #expect(gi + pi <= 1 + 5 * (giSE + piSE), "independent inputs share no more than the whole: \(gi) + \(pi)")
        #expect(gi < 0.95 && pi > 0.02)
        // The tornado moves one input at a time and cannot see it: growth alone swings more than the peak
        // factor alone, and both swing as they do without the correlation (up to the P90's sampling noise).
        let swing = { (result: SensitivityResult, key: String) in result.effects.first { $0.input.key == key }!.swing }
        #expect(swing(correlated, "traffic.growth") > 1.3 * swing(correlated, "traffic.peak_factor"))
        for key in ["traffic.growth", "traffic.peak_factor"] {
            #expect(abs(swing(correlated, key) / swing(independent, key) - 1) < 0.05, "\(key)")
        }
    }

    @Test("the path sample's paths are the forecast's: host totals equal number for number, with correlations and noise")
    func recorderMatchesForecast() throws {
        var model = try DefaultModel.load()
        model.correlations = Model.Correlations(inputs: ["growth", "peak_factor", "api.noise"],
                                                matrix: [1, 0.5, 0.2, 0.5, 1, 0.3, 0.2, 0.3, 1])
        let validated = try ValidatedModel(model)
        let options = ForecastOptions(months: 5, paths: 3_000, seed: 99, threads: 2, samplePaths: 3_000)
        let forecast = try MemoryForecast.run(validated, options: options)
        let sample = try ForecastPathSample.record(validated, options: ForecastOptions(months: 5, paths: 3_000, seed: 99, threads: 2,
                                                                                      chunkSize: 700),
                                                   metric: .memoryP90, resource: nil)
        #expect(sample.output == forecast.samples.map { $0[4] })
        // And the metric is the P90 of those paths (the histogram's quantile, within 0.05 %).
        let sorted = sample.output.sorted(), p90 = sorted[Int(0.9 * Double(sorted.count - 1))]
        #expect(abs(forecast.months[4].memoryMB.p90 / p90 - 1) < 2e-3)
    }

    @Test("p_fail and runway read the forecast's own figures; p_fail's output is the chosen resource's failures")
    func forecastFigures() throws {
        let model = try DefaultModel.load()
        let options = ForecastOptions(months: 6, paths: 4_000, seed: 2026, threads: 2)
        let forecast = try MemoryForecast.run(try ValidatedModel(model), options: options)
        let pFail = try SensitivityAnalysis.run(try ValidatedModel(model), options: SensitivityOptions(metric: .pFail, forecast: options))
        let riskiest = try #require(forecast.resources.max { $0.months[5].pFail.hits < $1.months[5].pFail.hits })
        #expect(pFail.resource == riskiest.resource.label)
        #expect(pFail.base == riskiest.months[5].pFail.estimate)
        let outputs = try ForecastPathSample.record(try ValidatedModel(model), options: ForecastOptions(months: 6, paths: 4_000, seed: 2026,
                                                                                                       threads: 1),
                                                    metric: .pFail, resource: pFail.resource).output
        #expect(Int(outputs.reduce(0, +)) == riskiest.months[5].pFail.hits, "the indicator's mean is the figure")
        let runway = try SensitivityAnalysis.run(try ValidatedModel(model), options: SensitivityOptions(metric: .runway, forecast: options))
        #expect(runway.base == Double(forecast.resources.compactMap(\.crossings.deadline).min()! - 1))
        #expect(runway.ranked.allSatisfy { $0.varianceShare != nil })
    }

    @Test("p_unrecoverable: a counted rate's P10 and P90 are its Beta posterior's (5 SE), the odds at them by hand")
    func deployment() throws {
        var model = Self.deterministic()
        model.deployment = Model.Deployment(stages: [Model.Stage(name: "build", failure: .counts(failures: 2, runs: 100)),
                                                     Model.Stage(name: "deploy", failure: .rate(0.03))],
                                            rollback: Model.Rollback(successRate: 0.9))
        let n = 40_000
        let result = try Self.run(model, .pUnrecoverable, paths: n)
        let build = try #require(result.effects.first { $0.input.key == "deployment.stages.build.failure_rate" })
        #expect(build.input.kind == .uncertain)
        let se = (0.1 * 0.9 / Double(n)).squareRoot()
        #expect(abs(SpecialFunctions.regularizedBeta(build.input.low, 3, 99) - 0.1) <= 5 * se, "P10 \(build.input.low)")
        #expect(abs(SpecialFunctions.regularizedBeta(build.input.high, 3, 99) - 0.9) <= 5 * se, "P90 \(build.input.high)")
        // unrecoverable = (1 − (1 − r)(1 − 0.03)) × (1 − 0.9)
        let odds = { (r: Double) in (1 - (1 - r) * 0.97) * 0.1 }
        #expect(abs(build.low - odds(build.input.low)) < 1e-15 && abs(build.high - odds(build.input.high)) < 1e-15)
        #expect(abs(result.base - odds(3.0 / 102)) < 1e-15, "the posterior mean (f + 1)/(n + 2) = 3/102")
        #expect((build.varianceShare ?? 0) > 0.99, "the only random input")
        #expect(result.effects.first { $0.input.key == "deployment.stages.deploy.failure_rate" }?.swing == 0)
    }

    @Test("downtime with --swing 20%: the unavailability ±20 %, 525.6 min a year at 99.9 % → 420.48 and 630.72")
    func availability() throws {
        var model = Self.deterministic()
        model.availability = Model.Availability(target: 0.999, components: [
            Model.Component(name: "db", reliability: .availability(0.999)),
            Model.Component(name: "monitoring", reliability: .availability(0.99), criticalPath: false)])
        let result = try Self.run(model, .downtime, swing: 0.2)
        #expect(abs(result.base - 525.6) < 1e-9)
        let db = try #require(result.effects.first)
        #expect(db.input.key == "availability.components.db.availability")
        #expect(abs(db.low - 420.48) < 1e-9 && abs(db.high - 630.72) < 1e-9)
        #expect(result.effects.count == 1, "monitoring is off the critical path")
        #expect(result.varianceNote != nil && db.varianceShare == nil)
    }

    @Test("cost and first_action_month come from the plan; they have no variance shares")
    func timeline() throws {
        let model = try DefaultModel.validate(today: nil)
        let options = ForecastOptions(months: 6, paths: 2_000, seed: 2026, threads: 2)
        let plan = try ScalingTimeline.run(model, options: TimelineOptions(forecast: options)).plan
        let cost = try SensitivityAnalysis.run(model, options: SensitivityOptions(metric: .cost, forecast: options))
        #expect(cost.base == plan.totalCost)
        #expect(cost.effects.allSatisfy { $0.varianceShare == nil } && cost.varianceNote != nil)
        let due = try SensitivityAnalysis.run(model, options: SensitivityOptions(metric: .firstActionMonth, forecast: options))
        // The first change's month, or the first shortfall's if earlier.
        let first = [plan.steps.first?.month, plan.shortfalls.first?.deadline].compactMap { $0 }.min()!
        #expect(due.base == Double(first))
    }

    @Test("1 and 2 threads give the same ranking, number for number")
    func threads() throws {
        var model = try DefaultModel.load()
        model.scenarios = []
        let one = try Self.run(model, months: 4, paths: 3_000, threads: 1)
        let two = try Self.run(model, months: 4, paths: 3_000, threads: 2)
        #expect(SensitivityWriter(one).csv == SensitivityWriter(two).csv)
    }
}
