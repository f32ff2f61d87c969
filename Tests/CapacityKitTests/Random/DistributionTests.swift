import Foundation
import Testing
import CapacityTestSupport
@testable import CapacityKit

/// Every distribution: sample mean (and variance where cheap) within 5
/// standard errors of the exact value, and a Kolmogorov–Smirnov test against
/// the exact CDF (reject below p = 1e-4). Seeded; the seed is in every message.
@Suite struct DistributionTests {
    static let seed: UInt64 = 20_261_125
    static let count = 40_000

    func draws<D: Distribution>(_ distribution: D, stream: UInt64) -> [Double] where D.Value == Double {
        var generator = StreamKey(seed: Self.seed, path: 0, stream: stream).generator
        return distribution.samples(Self.count, using: &generator)
    }

    func check(_ sample: [Double], mean: Double, variance: Double, kurtosis: Double,
               cdf: (Double) -> Double, _ label: String) {
        let (m, se) = GoodnessOfFit.meanAndStandardError(sample)
        #expect(abs(m - mean) <= 5 * se, "\(label): mean \(m) vs \(mean) (5σ = \(5 * se)), seed \(Self.seed)")
        let (v, vse) = GoodnessOfFit.varianceAndStandardError(sample, kurtosis: kurtosis)
        #expect(abs(v - variance) <= 5 * vse, "\(label): variance \(v) vs \(variance) (5σ = \(5 * vse)), seed \(Self.seed)")
        let d = GoodnessOfFit.kolmogorovSmirnov(sample, cdf: cdf)
        let p = GoodnessOfFit.kolmogorovPValue(d, count: sample.count)
        #expect(p > 1e-4, "\(label): KS D = \(d), p = \(p), seed \(Self.seed)")
    }

    @Test func uniform() {
        check(draws(Uniform(lower: 2, upper: 5), stream: 1), mean: 3.5, variance: 0.75, kurtosis: 1.8,
              cdf: { min(1, max(0, ($0 - 2) / 3)) }, "Uniform(2, 5)")
    }

    @Test func normal() {
        check(draws(Normal(mean: 0.2, standardDeviation: 0.05), stream: 2), mean: 0.2, variance: 0.0025,
              kurtosis: 3, cdf: { Normal.cdf(($0 - 0.2) / 0.05) }, "Normal(0.2, 0.05)")
    }

    @Test func truncatedNormal() {
        // N(1.8, 0.2²) truncated to [1, ∞) and N(0, 1) truncated to [1.5, 3] (upper-tail, mirrored branch).
        for (stream, mean, sd, lower, upper) in [(3, 1.8, 0.2, 1.0, Double.infinity), (4, 0.0, 1.0, 1.5, 3.0)] {
            let distribution = TruncatedNormal(mean: mean, standardDeviation: sd, lower: lower, upper: upper)
            let sample = draws(distribution, stream: UInt64(stream))
            let a = (lower - mean) / sd, b = (upper - mean) / sd
            let z = Normal.cdf(b) - Normal.cdf(a)
            let pdf = { (x: Double) in x.isFinite ? exp(-x * x / 2) / (2 * Double.pi).squareRoot() : 0 }
            // Moments of the truncated normal (Johnson, Kotz & Balakrishnan, vol. 1, §10.1).
            let exactMean = mean + sd * (pdf(a) - pdf(b)) / z
            let aTerm = a.isFinite ? a * pdf(a) : 0, bTerm = b.isFinite ? b * pdf(b) : 0
            let exactVariance = sd * sd * (1 + (aTerm - bTerm) / z - ((pdf(a) - pdf(b)) / z) * ((pdf(a) - pdf(b)) / z))
            #expect(sample.allSatisfy { $0 >= lower && $0 <= upper }, "bounds, seed \(Self.seed)")
            check(sample, mean: exactMean, variance: exactVariance, kurtosis: 3.5,
                  cdf: { (Normal.cdf(($0 - mean) / sd) - Normal.cdf(a)) / z }, "TruncatedNormal(\(mean), \(sd), [\(lower), \(upper)])")
        }
    }

    @Test func logNormalHasTheRequestedMeanAndSD() {
        let distribution = LogNormal(mean: 30, standardDeviation: 30)
        // σ² = ln 2, μ = ln 30 − ln 2 / 2; kurtosis e^{4σ²} + 2e^{3σ²} + 3e^{2σ²} − 3 = 16 + 16 + 12 − 3 = 41.
        #expect(abs(distribution.logStandardDeviation * distribution.logStandardDeviation - log(2)) < 1e-15)
        check(draws(distribution, stream: 5), mean: 30, variance: 900, kurtosis: 41,
              cdf: { Normal.cdf((log($0) - distribution.logMean) / distribution.logStandardDeviation) },
              "LogNormal(mean 30, sd 30)")
    }

    @Test(arguments: [0.5, 1.0, 3.0, 40.0])
    func gamma(shape: Double) {
        // Mean k·θ, variance k·θ², kurtosis 3 + 6/k.
        check(draws(Gamma(shape: shape, scale: 2), stream: 6), mean: 2 * shape, variance: 4 * shape,
              kurtosis: 3 + 6 / shape, cdf: { SpecialFunctions.regularizedGammaP(shape, $0 / 2) },
              "Gamma(\(shape), 2)")
    }

    @Test(arguments: [(5.0, 97.0), (2.0, 3.0), (0.5, 0.5)])
    func beta(alpha: Double, beta: Double) {
        let s = alpha + beta
        let variance = alpha * beta / (s * s * (s + 1))
        let excess = 6 * ((alpha - beta) * (alpha - beta) * (s + 1) - alpha * beta * (s + 2))
            / (alpha * beta * (s + 2) * (s + 3))
        check(draws(Beta(alpha: alpha, beta: beta), stream: 7), mean: alpha / s, variance: variance,
              kurtosis: 3 + excess, cdf: { SpecialFunctions.regularizedBeta($0, alpha, beta) },
              "Beta(\(alpha), \(beta))")
    }

    @Test("the CDF helpers match published values")
    func specialFunctions() {
        // P(1, x) = 1 − e^{−x}; I_x(1, 1) = x; I_0.5(a, a) = 0.5; I_x(2, 3) = 6x² − 8x³ + 3x⁴ (by integration).
        #expect(abs(SpecialFunctions.regularizedGammaP(1, 2) - (1 - exp(-2))) < 1e-14)
        #expect(abs(SpecialFunctions.regularizedGammaP(3, 10) - 0.99723060428448) < 1e-12) // 1 − e^{−10}(1 + 10 + 50)
        #expect(abs(SpecialFunctions.regularizedBeta(0.3, 1, 1) - 0.3) < 1e-14)
        #expect(abs(SpecialFunctions.regularizedBeta(0.5, 7, 7) - 0.5) < 1e-14)
        let x = 0.4
        #expect(abs(SpecialFunctions.regularizedBeta(x, 2, 3) - (6 * x * x - 8 * x * x * x + 3 * x * x * x * x)) < 1e-14)
    }
}
