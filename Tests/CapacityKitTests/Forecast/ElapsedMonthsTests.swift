import Foundation
import Testing
@testable import CapacityKit

/// A model whose inputs are older than its start (``Model/forecastingFrom(today:)``):
/// the months between are simulated, not shown, and "failed so far" counts from month 1 shown.
@Suite struct ElapsedMonthsTests {
    static let november2025 = YearMonth(year: 2025, month: 11)
    static let november2026 = YearMonth(year: 2026, month: 11)

    @Test("forecastingFrom(today:) moves a past start to today and keeps the inputs' month; describing(_:) clears it")
    func moving() {
        var model = deterministicModel
        model.start = Self.november2025
        let moved = model.forecastingFrom(today: Self.november2026)
        #expect(moved.start == Self.november2026 && moved.inputsMonth == Self.november2025)
        #expect(moved.elapsedMonths == 12)
        #expect(moved.inputsAge == InputsAge(month: Self.november2025, months: 12))
        #expect(moved.inputsAge?.forecastStart == Self.november2026)
        #expect(moved.forecastingFrom(today: Self.november2026) == moved, "idempotent")
        // A later today counts from the inputs' month, not from the start already moved.
        #expect(moved.forecastingFrom(today: YearMonth(year: 2027, month: 2)).elapsedMonths == 15)
        #expect(model.forecastingFrom(today: Self.november2025) == model, "start == today: unchanged")
        #expect(model.forecastingFrom(today: YearMonth(year: 2025, month: 6)) == model, "start after today: unchanged")
        #expect(model.elapsedMonths == 0 && model.inputsAge == nil)
        let described = moved.describing(YearMonth(year: 2026, month: 1))
        #expect(described.start == YearMonth(year: 2026, month: 1) && described.inputsMonth == nil && described.elapsedMonths == 0)
        #expect(InputsAge(month: Self.november2025, months: 13).line
            == "Note: inputs from 2025-11, 13 months old: recalibrate (capacity calibrate) or give --start. "
            + "Month 1 is 2026-12, the current month; the 13 months from 2025-11 to 2026-11 are simulated "
            + "(growth and its uncertainty) but not shown.")
        #expect(InputsAge(month: Self.november2025, months: 1).warning
            == "inputs from 2025-11, 1 month old: recalibrate (capacity calibrate) or give --start")
    }

    /// The deterministic model (MemoryForecastTests) from inputs of 2027-01, forecast from 2027-04:
    /// month m shown is month 3 + m of the hand computation, rps 100 · 1.2^(m + 2).
    @Test("no randomness: month m shown is hand-computed month E + m; P(OOM by) counts from month 1 shown")
    func deterministicElapsed() throws {
        let model = deterministicModel.forecastingFrom(today: YearMonth(year: 2027, month: 4))
        #expect(model.elapsedMonths == 3)
        let result = try MemoryForecast.run(model, options: ForecastOptions(months: 9, paths: 40, samplePaths: 2))
        #expect(result.inputsAge == InputsAge(month: YearMonth(year: 2027, month: 1), months: 3))
        #expect(result.months.map(\.date.description) == (4...12).map { "2027-" + ($0 < 10 ? "0\($0)" : "\($0)") })
        for sample in result.samples {
            for (m, value) in sample.enumerated() {
                #expect(abs(value - handComputedHostMB[m + 3]) <= 1e-9 * value, "month \(m + 1)")
            }
        }
        for month in result.months {
            let exact = handComputedHostMB[month.month + 2]
            #expect(abs(month.memoryMB.p50 - exact) <= exact * 0x1p-11, "month \(month.month)")
            #expect(abs(month.rps.p50 - 100 * pow(1.2, Double(month.month + 2))) <= month.rps.p50 * 0x1p-11)
            // Only hand-computed month 12 (3829 MB) is above the 3500 MB usable: month 9 shown.
            #expect(month.pOOM.estimate == (month.month == 9 ? 1 : 0), "month \(month.month)")
            #expect(month.pOOMBy.estimate == (month.month == 9 ? 1 : 0), "month \(month.month)")
            // Service b is over its limit from hand-computed month 4 on: every month shown, and "by" from month 1.
            #expect(month.services[1].pOverLimitBy?.estimate == 1, "month \(month.month)")
        }
        // Hand-computed runway warn 8, critical 10, usable 12: 3 months earlier.
        #expect(result.runway == Runway(warn: 5, critical: 7, usable: 9))
    }

    /// The same paths from the inputs' month, E + M months long: its months E + 1 … E + M are the
    /// forecast's months 1 … M, value for value (histograms, probabilities, each path's host total).
    @Test("month m of a run with E elapsed months equals month E + m of a run from the inputs' month, on 1 and 2 threads",
          arguments: [1, 3, 13])
    func equalsLongerRun(elapsed: Int) throws {
        var inputs = try DefaultModel.load()
        inputs.correlations = Model.Correlations(inputs: ["growth", "peak_factor", "api.noise"],
                                                 matrix: [1, 0.5, 0.2, 0.5, 1, 0.3, 0.2, 0.3, 1])
        let today = inputs.start.adding(months: elapsed)
        let moved = inputs.forecastingFrom(today: today)
        #expect(moved.elapsedMonths == elapsed)
        let months = 5, paths = 3_001, seed: UInt64 = 31
        for threads in [1, 2] {
            let options = { (months: Int) in
                ForecastOptions(months: months, paths: paths, seed: seed, threads: threads, chunkSize: 700, samplePaths: paths)
            }
            let short = try MemoryForecast.run(moved, options: options(months))
            let long = try MemoryForecast.run(inputs, options: options(elapsed + months))
            for m in 0..<months {
                let a = short.months[m], b = long.months[elapsed + m]
                let context: Comment = "month \(m + 1), elapsed \(elapsed), threads \(threads), seed \(seed)"
                #expect(a.date == b.date && a.date == today.adding(months: m), context)
                #expect(a.rps == b.rps && a.memoryMB == b.memoryMB, context)
                #expect(a.pWarn == b.pWarn && a.pCritical == b.pCritical && a.pOOM == b.pOOM, context)
                #expect(a.status.status == b.status.status, context)
                for (x, y) in zip(a.services, b.services) {
                    #expect(x.memoryMB == y.memoryMB && x.pOverLimit == y.pOverLimit, context)
                }
                for (x, y) in zip(a.pools, b.pools) {
                    #expect(x.offeredLoad == y.offeredLoad && x.pSaturated == y.pSaturated && x.pWaitP90 == y.pWaitP90, context)
                }
                for (x, y) in zip(short.resources, long.resources) {
                    #expect(x.months[m].distribution == y.months[elapsed + m].distribution, context)
                }
                #expect(short.samples.map { $0[m] } == long.samples.map { $0[elapsed + m] }, context)
            }
            // "Failed so far" counts from month 1 shown: P(OOM by m) from each path's own host totals.
            for m in 0..<months {
                let failed = short.samples.filter { $0[0...m].contains { $0 > short.usableMB } }.count
                #expect(short.months[m].pOOMBy.hits == failed, "month \(m + 1), elapsed \(elapsed), threads \(threads)")
            }
        }
    }

    @Test("the sensitivity's path sample runs the elapsed months as the simulator does: host totals equal number for number")
    func recorder() throws {
        var inputs = try DefaultModel.load()
        inputs.correlations = Model.Correlations(inputs: ["growth", "peak_factor", "api.noise"],
                                                 matrix: [1, 0.5, 0.2, 0.5, 1, 0.3, 0.2, 0.3, 1])
        let validated = try ValidatedModel(inputs.forecastingFrom(today: inputs.start.adding(months: 7)))
        let forecast = try MemoryForecast.run(validated, options: ForecastOptions(months: 4, paths: 2_000, seed: 8, threads: 2,
                                                                                  samplePaths: 2_000))
        let sample = try ForecastPathSample.record(validated, options: ForecastOptions(months: 4, paths: 2_000, seed: 8, threads: 2,
                                                                                      chunkSize: 300),
                                                   metric: .memoryP90, resource: nil)
        #expect(sample.output == forecast.samples.map { $0[3] })
    }

    /// The volatility's P10/P90 is the noise summed over every simulated step, spread evenly:
    /// z·volatility/√(E + M − 1) — E = 7, M = 3, volatility 3 %: 1.2816 · 0.03 / 3 = 0.0128155.
    @Test("the sensitivity's volatility swing counts the elapsed months' steps too")
    func volatilitySwing() throws {
        var inputs = try DefaultModel.load()
        inputs.traffic.growth.volatility = 0.03
        let moved = inputs.forecastingFrom(today: inputs.start.adding(months: 7))
        let swing = { (model: Model) in
            SensitivityInput.catalogue(model, engine: .forecast, months: 3, swing: nil).first { $0.key == "traffic.volatility" }?.high
        }
        #expect(abs(try #require(swing(moved)) - SensitivityInput.z90 * 0.03 / 3) < 1e-15)
        #expect(abs(try #require(swing(inputs)) - SensitivityInput.z90 * 0.03 / 2.0.squareRoot()) < 1e-15)
    }

    @Test("elapsed and forecast months together are at most 120: beyond, a located refusal")
    func tooOld() throws {
        let model = deterministicModel.forecastingFrom(today: deterministicModel.start.adding(months: 110))
        #expect(throws: ForecastError.invalidOptions(
            "inputs from 2027-01, 110 months old: recalibrate (capacity calibrate) or give --start (the 110 months since "
                + "and the 12 to forecast would be 122 simulated months, more than 120)")) {
            try MemoryForecast.run(model, options: ForecastOptions(months: 12, paths: 10))
        }
        #expect(throws: Never.self) { try MemoryForecast.run(model, options: ForecastOptions(months: 10, paths: 10)) }
    }

    @Test("the loader forecasts a past start from today, its scenarios too; --start describes its own month")
    func loader() throws {
        // The default model carries three scenarios.
        let text = DefaultModel.yaml.replacingOccurrences(of: "start: 2026-12", with: "start: 2025-10")
        let validated = try ModelLoader.validate(text, file: "m.yaml", today: Self.november2026)
        #expect(validated.model.start == Self.november2026 && validated.model.inputsMonth == YearMonth(year: 2025, month: 10))
        #expect(validated.scenarios.map(\.model.model.elapsedMonths) == [13, 13, 13])
        #expect(validated.findings.filter { $0.path == "start" }.map(\.message) == [
            "start 2025-10 is 13 months before the current month 2026-11: forecasts begin at 2026-11 and the 13 months "
                + "from 2025-10 to 2026-10 are simulated (growth and its uncertainty) but not shown",
        ])
        #expect(validated.findings.first { $0.path == "start" }?.hint
            == "inputs from 2025-10, 13 months old: recalibrate (capacity calibrate) or give --start")
        #expect(try ModelLoader.validate(text, file: "m.yaml", today: nil).model.inputsMonth == nil, "no today: as written")
        let started = validated.starting(at: YearMonth(year: 2026, month: 2), today: Self.november2026)
        #expect(started.model.start == YearMonth(year: 2026, month: 2) && started.model.elapsedMonths == 0)
        #expect(started.scenarios.map(\.model.model.elapsedMonths) == [0, 0, 0])
        #expect(started.findings.filter { $0.path == "start" }.map(\.description) == [
            "--start: note: start 2026-02 is 9 months before the current month 2026-11: the forecast's first months are "
                + "in the past",
        ])
    }
}
