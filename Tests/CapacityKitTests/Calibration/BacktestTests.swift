import Testing
@testable import CapacityKit

@Suite("Calibration: backtest")
struct BacktestTests {
    /// Pinball loss max(τ(y − q), (τ − 1)(y − q)) by hand: y = 10 against q = 8 at τ = 0.1 is
    /// 0.1 · 2 = 0.2; against q = 12 it is (0.1 − 1)(−2) = 1.8; at τ = 0.5 it is half the absolute error.
    @Test("scores by hand: coverage, P50 error, pinball loss")
    func byHand() {
        let score = BacktestScore(series: "rps", unit: "rps", actual: [10, 20], p10: [8, 21], p50: [12, 22], p90: [14, 30])
        #expect(score.coverage == 0.5)  // 10 ∈ [8, 14]; 20 ∉ [21, 30]
        #expect(abs(score.p50Error - (0.2 + 0.1) / 2) < 1e-15)
        // τ = 0.1: (0.1·2 + 0.9·1)/2 = 0.55; τ = 0.5: (0.5·2 + 0.5·2)/2 = 1; τ = 0.9: (0.1·4 + 0.1·10)/2 = 0.7.
        #expect(abs(score.pinball[0] - 0.55) < 1e-15)
        #expect(abs(score.pinball[1] - 1) < 1e-15)
        #expect(abs(score.pinball[2] - 0.7) < 1e-15)
        #expect(BacktestScore.pinball(0.1, actual: 10, quantile: 12) == 0.9 * 2)
    }

    /// Histories of 24 + 6 months simulated from the default model itself (its growth rate drawn
    /// once per history, as the forecast draws it per path), calibrated on the first 24, the
    /// last 6 forecast with 2,000 paths. If calibration and forecast are honest, P10–P90 holds
    /// 80 % of the actuals. Months of one history share their growth rate, so the
    /// tolerance is 5 standard errors of the mean of the per-history coverages (not of
    /// a binomial over all months).
    @Test("on histories simulated from the model, P10–P90 holds about 80 % of the held-out months")
    func coverage() throws {
        let model = try DefaultModel.load()
        var shares: [String: [Double]] = [:]
        for seed in UInt64(1)...120 {
            let history = HistorySimulator(model: model, first: YearMonth(year: 2024, month: 1), months: 30, seed: seed)
                .history(source: "sim")
            let result = try Backtest.holdOut(try ValidatedModel(model), history: history, loadTest: nil, months: 6,
                                              options: ForecastOptions(paths: 2000, seed: 100 + seed))
            for score in result.scores { shares[score.series, default: []].append(score.coverage) }
        }
        for (series, values) in shares.sorted(by: { $0.key < $1.key }) {
            let (mean, sd) = Calibration.meanAndSD(values)
            let se = sd / Double(values.count).squareRoot()
            #expect(abs(mean - 0.8) <= 5 * se, "\(series): P10–P90 coverage \(mean) ± \(se) over seeds 1…120")
        }
    }

    @Test("too few months to hold out is a clear error")
    func tooFew() throws {
        let model = try DefaultModel.load()
        let history = HistorySimulator(model: model, first: YearMonth(year: 2024, month: 1), months: 5, seed: 1).history(source: "h.csv")
        #expect(throws: CalibrationError("--backtest 3: h.csv has 5 months; holding out 3 leaves 2, and calibration needs at least 4 (hold out 1…1)")) {
            try Backtest.holdOut(try ValidatedModel(model), history: history, loadTest: nil, months: 3, options: ForecastOptions(paths: 100))
        }
        // One month: the message says what a backtest needs, not a range of hold-outs that does not exist.
        let one = history.prefix(1)
        #expect(throws: CalibrationError("--backtest 3: h.csv has 1 month; a backtest needs at least 5 (4 to calibrate on, 1 to hold out)")) {
            try Backtest.holdOut(try ValidatedModel(model), history: one, loadTest: nil, months: 3, options: ForecastOptions(paths: 100))
        }
    }
}
