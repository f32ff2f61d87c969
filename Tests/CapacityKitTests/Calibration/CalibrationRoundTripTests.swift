import Testing
@testable import CapacityKit

/// Histories simulated from known parameters (``HistorySimulator``) are calibrated
/// back: each estimate within 3 standard errors of the truth, and the stated
/// standard errors honest — over many seeds, |estimate − truth| ≤ 2 SE about as
/// often as a normal estimate's 95.4 %.
@Suite("Calibration: round trip")
struct CalibrationRoundTripTests {
    /// The default model with a growth rate fixed along the path (sd 0, so the
    /// simulated path's g is the truth) and volatility, peaks and noise to recover.
    static let truth: Model = {
        var model = try! DefaultModel.load()
        model.traffic.growth = Model.Growth(mean: 0.12, sd: 0, volatility: 0.04)
        model.traffic.peakFactor = Model.MeanAndSD(mean: 1.7, sd: 0.15)
        model.services[0].memory = Model.Memory(baseMB: 250, perRPSMB: 1.1, noise: 0.04)
        model.services[1].memory = Model.Memory(baseMB: 400, perConnectionMB: 9, noise: 0.03)
        return model
    }()

    /// The truth and (estimate, SE) of each checked value.
    static func checks(seed: UInt64, months: Int) throws -> [(name: String, truth: Double, estimate: Double, se: Double)] {
        let simulator = HistorySimulator(model: truth, first: YearMonth(year: 2024, month: 1), months: months, seed: seed)
        var history = simulator.history(source: "sim.csv")
        history.hostMemoryMB = Array(repeating: nil, count: months)
        let result = try Calibration.run(try ValidatedModel(truth), history: history, loadTest: nil)
        let values = Dictionary(uniqueKeysWithValues: result.values.map { ($0.key, $0) })
        let expected: [(String, Double)] = [
            ("traffic.growth.mean", 0.12), ("traffic.growth.volatility", 0.04),
            ("traffic.peak_factor.mean", 1.7), ("traffic.peak_factor.sd", 0.15),
            ("services[0].memory.base_mb", 250), ("services[0].memory.per_rps_mb", 1.1), ("services[0].memory.noise", 0.04),
            ("services[1].memory.base_mb", 400), ("services[1].memory.per_connection_mb", 9),
            ("services[1].memory.noise", 0.03),
        ]
        return try expected.map { key, truth in
            let value = try #require(values[key], "seed \(seed): \(key) not fitted")
            return (key, truth, value.value, try #require(value.standardError))
        }
    }

    /// 3 seeds × (6 + 10 + 10) values = 78 checks. With estimated standard errors an
    /// estimate is t-distributed with 10–46 degrees of freedom, so P(|error| > 3 SE) is
    /// 0.013 at most (ν = 10) and about 0.007 at ν = 22: under 1 of the 78 is expected beyond
    /// 3 SE. At most 3 (Poisson(0.8): P(> 3) ≈ 1 %) and none beyond 5 SE. At 12 months the
    /// spreads (volatility, peak sd, noise) are left out: s² of 10 degrees of freedom is
    /// χ²₁₀-skewed, and an SE computed from a low s is too small (s/σ < 0.6 has probability 4 %).
    @Test("estimates within 3 SE of the truth (12, 24 and 48 months, three seeds)")
    func withinThreeStandardErrors() throws {
        var beyondThree: [String] = []
        for months in [12, 24, 48] {
            for seed: UInt64 in [1, 2, 3] {
                for check in try Self.checks(seed: seed, months: months)
                where months > 12 || !(check.name.hasSuffix("volatility") || check.name.hasSuffix(".sd") || check.name.hasSuffix("noise")) {
                    let error = abs(check.estimate - check.truth) / check.se
                    let line = "seed \(seed), \(months) months: \(check.name) = \(check.estimate) ± \(check.se), truth \(check.truth)"
                    #expect(error <= 5, "\(line)")
                    if error > 3 { beyondThree.append(line) }
                }
            }
        }
        #expect(beyondThree.count <= 3, "\(beyondThree.joined(separator: "\n"))")
    }

    /// 400 seeds of 24 months. With estimated standard errors and about 22 degrees of
    /// freedom an estimate is t-distributed: P(|t₂₂| ≤ 2) = 0.942 (a 2-SE interval covers a
    /// normal estimate 95.4 % of the time). The binomial SE of the observed share is
    /// √(0.942 · 0.058 / 400) = 0.0117, so 5σ is ±0.058.
    @Test("stated standard errors are honest: 2-SE coverage ≈ 95 % over 400 seeds")
    func coverage() throws {
        let seeds = 400
        var covered: [String: Int] = [:]
        for seed in 1...UInt64(seeds) {
            for check in try Self.checks(seed: 1000 + seed, months: 24) where abs(check.estimate - check.truth) <= 2 * check.se {
                covered[check.name, default: 0] += 1
            }
        }
        for name in try Self.checks(seed: 1, months: 24).map(\.name) {
            let share = Double(covered[name, default: 0]) / Double(seeds)
            #expect(abs(share - 0.942) <= 0.058, "\(name): 2-SE coverage \(share) over seeds 1001…\(1000 + seeds)")
        }
    }
}
