import Testing
@testable import CapacityKit

@Suite("Calibration: LinearFit and memory fits")
struct CalibrationFitTests {
    /// Points (0, 1), (1, 2), (2, 2), (3, 4), y = c + s·x (the hand-solved case of
    /// LeastSquaresTests): c = s = 0.9, RSS = 0.70. By hand: σ̂² = 0.70 / (4 − 2) = 0.35;
    /// (XᵀX)⁻¹ = [[14, −6], [−6, 4]] / 20, so SE(c) = √(0.35 · 0.7) = √0.245 and
    /// SE(s) = √(0.35 · 0.2) = √0.07; ȳ = 2.25, Σ(y − ȳ)² = 4.75, R² = 1 − 0.70/4.75.
    @Test("standard errors and R² of a hand-solved line")
    func handSolved() throws {
        let fit = try LinearFit(columns: [[1, 1, 1, 1], [0, 1, 2, 3]], y: [1, 2, 2, 4])
        #expect(abs(fit.coefficients[0] - 0.9) < 1e-13 && abs(fit.coefficients[1] - 0.9) < 1e-13)
        let se = try #require(fit.standardErrors)
        #expect(abs(se[0] - 0.245.squareRoot()) < 1e-13)
        #expect(abs(se[1] - 0.07.squareRoot()) < 1e-13)
        #expect(abs(fit.rSquared - (1 - 0.70 / 4.75)) < 1e-13)
        #expect(fit.fitted.count == 4)
    }

    @Test("as many rows as values: exact, no standard errors")
    func saturated() throws {
        let fit = try LinearFit(columns: [[1, 1], [1, 3]], y: [5, 9])
        #expect(fit.standardErrors == nil)
        #expect(abs(fit.coefficients[1] - 2) < 1e-13 && abs(fit.rSquared - 1) < 1e-13)
    }

    /// Host memory exactly 1,500 MB + 3 MB per rps at 100, 200, 300 rps (so every weighting
    /// gives the same fit). The default model's variable demand is 1.42 MB per peak rps
    /// (api 0.8 + redis 0.3 + prometheus 0.08 + postgres 8 MB × 2 queries × 15 ms), so
    /// k = 3 / 1.42, and each base is scaled by 1,500 / 1,000 (the model's bases sum to 1,000 MB).
    @Test("host-only load test, every service capped: fitted and shared out in proportion to the model")
    func hostShared() throws {
        var model = try DefaultModel.load()
        model.services.removeAll { $0.limitMB == nil }  // the default model's `system`
        let test = LoadTest(source: "l.csv", rps: [100, 200, 300], hostMemoryMB: [1800, 2100, 2400])
        let result = try Calibration.run(try ValidatedModel(model), history: nil, loadTest: test)
        let api = result.model.services[0].memory, postgres = result.model.services[1].memory
        #expect(abs(api.baseMB - 220 * 1.5) < 1e-9)
        #expect(abs(api.perRPSMB - 0.8 * 3 / 1.42) < 1e-9)
        #expect(abs(postgres.perConnectionMB - 8 * 3 / 1.42) < 1e-9)
        #expect(postgres.perRPSMB == 0)
        let total = result.model.services.reduce(0) { $0 + $1.memory.baseMB }
        #expect(abs(total - 1500) < 1e-9)
        #expect(result.fits.map(\.name) == ["host memory"])
        #expect(result.fits[0].notes[0].contains("shared out over the services in proportion"))
    }

    /// The default model's five capped services need 1,000 MB + 1.42 MB per peak rps (above);
    /// host totals of exactly 1,700 + 3.92 · rps at 100, 200, 300 rps leave 700 MB + 2.5 MB per
    /// rps to `system`, its only uncapped service, whatever the weights; the residuals are 0, so
    /// the host's spread is no more than the capped services' own and system's noise is 0.
    @Test("host-only load test with an uncapped service: the capped keep their values, the rest is fitted")
    func hostRemainder() throws {
        let model = try DefaultModel.load()
        #expect(model.services.map(\.name).last == "system" && model.services.last?.limitMB == nil)
        let test = LoadTest(source: "l.csv", rps: [100, 200, 300], hostMemoryMB: [2092, 2484, 2876])
        let result = try Calibration.run(try ValidatedModel(model), history: nil, loadTest: test)
        for s in 0..<5 { #expect(result.model.services[s].memory == model.services[s].memory) }
        let system = result.model.services[5].memory
        #expect(abs(system.baseMB - 700) < 1e-9 && abs(system.perRPSMB - 2.5) < 1e-9 && system.noise == 0)
        #expect(result.fits.map(\.name) == ["memory outside the containers"])
        #expect(result.fits[0].notes[0].hasSuffix("700 MB + 2.5 MB per peak rps: memory outside the containers, given to system"))
        #expect(result.fits[0].notes.contains { $0.contains("noise 0") })

        // Two uncapped services: base in proportion to base_mb (500 : 100), the slope
        // equally (both per_rps_mb are 0).
        var two = model
        two.services[5].memory = Model.Memory(baseMB: 500, noise: 0.05)
        two.services.append(Model.Service(name: "sidecar", memory: Model.Memory(baseMB: 100, noise: 0.05)))
        let shared = try Calibration.run(try ValidatedModel(two), history: nil, loadTest: test)
        let first = shared.model.services[5].memory, second = shared.model.services[6].memory
        #expect(abs(first.baseMB - 700 * 5 / 6) < 1e-9 && abs(second.baseMB - 700 / 6) < 1e-9)
        #expect(abs(first.perRPSMB - 1.25) < 1e-9 && abs(second.perRPSMB - 1.25) < 1e-9)

        // Totals below what the capped services claim (remainders −242, −284, −326 MB: the
        // negative slope is dropped, the base is their weighted mean): a clear error, nothing fitted.
        let low = LoadTest(source: "l.csv", rps: [100, 200, 300], hostMemoryMB: [900, 1000, 1100])
        #expect(throws: CalibrationError("host memory from l.csv is below what the services with limit_mb claim at the model's values (the remainder's base fits -276.1 MB < 0); give <service>_memory_mb columns or lower those services' values")) {
            try Calibration.run(try ValidatedModel(model), history: nil, loadTest: low)
        }
    }

    /// With one slope, dropping a negative one is the non-negative least-squares optimum:
    /// the base becomes the mean, 200 MB.
    @Test("a negative slope is reported and set to 0")
    func negativeSlope() throws {
        let model = try DefaultModel.load()
        let test = LoadTest(source: "l.csv", rps: [100, 200, 300], serviceMemoryMB: ["api": [210, 200, 190]])
        let result = try Calibration.run(try ValidatedModel(model), history: nil, loadTest: test)
        #expect(result.model.services[0].memory.perRPSMB == 0)
        #expect(abs(result.model.services[0].memory.baseMB - 200) < 1e-9)
        #expect(result.fits[0].notes.contains { $0.hasPrefix("per_rps_mb fitted negative (-0.1 ± ") && $0.hasSuffix("not used, set to 0") })
    }

    @Test("every row at one load is a clear error, not NaN")
    func rankDeficient() {
        let model = try! DefaultModel.load()
        let test = LoadTest(source: "l.csv", rps: [100, 100, 100], hostMemoryMB: [2000, 2010, 1990])
        #expect(throws: CalibrationError("memory outside the containers from l.csv: every row has the same load (100), so per_rps_mb cannot be separated from base_mb; give rows at two or more loads")) {
            try Calibration.run(try ValidatedModel(model), history: nil, loadTest: test)
        }
        // The LAPACK layer itself refuses dependent columns.
        #expect(throws: LinearAlgebraError.self) {
            try LinearFit(columns: [[1, 1, 1], [2, 4, 6], [1, 2, 3]], y: [1, 2, 3])
        }
    }

    @Test("warnings: few months, few load levels, low R², a history far from the model's start")
    func warnings() throws {
        let model = try DefaultModel.load()  // starts 2026-12
        let history = MonthlyHistory(source: "h.csv", months: (1...4).map { YearMonth(year: 2026, month: $0) },
                                     rpsAverage: [10, 12, 14, 17], serviceMemoryMB: ["api": [200, 320, 210, 330]])
        // grafana has a base only (one value): two rows leave it one degree of freedom.
        let test = LoadTest(source: "l.csv", rps: [100, 200], serviceMemoryMB: ["grafana": [110, 120]])
        let result = try Calibration.run(try ValidatedModel(model), history: history, loadTest: test)
        #expect(Array(result.warnings.prefix(3)) == [
            "growth from 4 months of h.csv (fewer than 6): treat it as a rough guide",
            "h.csv ends 2026-04, 8 months before the model's start 2026-12: the fits may describe a different system",
            "l.csv has 2 load levels (fewer than 3): slopes are uncertain",
        ])
        let r2 = try #require(result.fits.first { $0.name == "api memory" }?.rSquared)
        #expect(r2 < 0.5 && result.warnings.count == 4)
        #expect(result.warnings[3] == "api memory: R² = \(NumberFormat.short(r2)) is low; memory follows traffic loosely in these data")
    }

    @Test("refused before anything is written: no more rows than values, a negative base, nothing to fit")
    func refusals() throws {
        let model = try DefaultModel.load()
        // api: base_mb and per_rps_mb from 2 rows: no degrees of freedom left.
        #expect(throws: CalibrationError("api memory from l.csv: 2 rows (months or load levels) for 2 values (base_mb, per_rps_mb): a fit needs more points than values to say how far to trust it; give at least 3")) {
            try Calibration.run(try ValidatedModel(model), history: nil, loadTest: LoadTest(source: "l.csv", rps: [100, 200], serviceMemoryMB: ["api": [300, 400]]))
        }
        // 100 → 100 MB, 110 → 300 MB, 120 → 500 MB: exactly 20 MB/rps, so base = 100 − 20 · 100 = −1,900 MB
        // (its SE is rounding noise: the line is exact).
        let negative = #expect(throws: CalibrationError.self) {
            try Calibration.run(try ValidatedModel(model), history: nil,
                                loadTest: LoadTest(source: "l.csv", rps: [100, 110, 120], serviceMemoryMB: ["api": [100, 300, 500]]))
        }
        #expect(negative?.message.hasPrefix("api memory from l.csv: base_mb fits -1900 ± ") == true)
        #expect(negative?.message.hasSuffix(" MB < 0 from 3 rows; memory at no load cannot be negative: the data cover too narrow a range of loads (or mix units); give more months or load levels further apart") == true)
        // One month: no growth, no peak factor, no memory data.
        let month = MonthlyHistory(source: "h.csv", months: [YearMonth(year: 2026, month: 10)], rpsAverage: [10])
        #expect(throws: CalibrationError("nothing to fit, nothing written: growth not fitted: h.csv has 1 usable month; growth fits 2 values (mean, volatility) from the changes between months and needs more changes than values: it takes at least 4 months")) {
            try Calibration.run(try ValidatedModel(model), history: month, loadTest: nil)
        }
        // Three months: 2 changes for growth's 2 values, 2 peak ratios for the peak factor's 2 values:
        // neither is fitted (a fit needs more points than values), and each says so.
        let months = (8...10).map { YearMonth(year: 2026, month: $0) }
        let short = MonthlyHistory(source: "h.csv", months: months, rpsAverage: [10, 12, 14.4], rpsPeak: [nil, 20, 24])
        #expect(throws: CalibrationError("nothing to fit, nothing written: growth not fitted: h.csv has 3 usable months; growth fits 2 values (mean, volatility) from the changes between months and needs more changes than values: it takes at least 4 months; peak factor not fitted: h.csv gives rps_peak in 2 months; it fits 2 values (mean, sd) and needs more months than values: at least 3")) {
            try Calibration.run(try ValidatedModel(model), history: short, loadTest: nil)
        }
        // Four months with 3 peak ratios: both fitted, growth exactly 20 % a month (no spread).
        let four = MonthlyHistory(source: "h.csv", months: months + [YearMonth(year: 2026, month: 11)],
                                  rpsAverage: [10, 12, 14.4, 17.28], rpsPeak: [nil, 20, 24, 34.56])
        let fitted = try Calibration.run(try ValidatedModel(model), history: four, loadTest: nil)
        #expect(fitted.fits.map(\.name) == ["growth", "peak_factor"])
        #expect(abs(fitted.model.traffic.growth.mean - 0.2) < 1e-12)
        // Ratios 20/12, 24/14.4, 34.56/17.28 = 5/3, 5/3, 2: mean 16/9 (Σ/3 = (10/3 + 2)/3).
        #expect(abs(fitted.model.traffic.peakFactor.mean - 16.0 / 9) < 1e-12)
    }
}
