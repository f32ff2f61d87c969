import Foundation
import Testing
@testable import CapacityKit

/// Type-7 percentiles (Hyndman and Fan 1996; NumPy's default `linear` method) read from a
/// histogram, and their order-statistic standard errors, on samples whose answers are known by
/// hand. Each order statistic is a bin midpoint within ε = 2⁻¹¹ of the value (of 1 − x above ½
/// for probabilities), so a percentile — a convex combination of two — is within ε of its value.
@Suite struct DeploymentPercentilesTests {
    static let epsilon = DeploymentPercentiles.binRelativeError

    @Test func interpolatesBetweenOrderStatistics() {
        // Sorted 1, 2, 3, 4: h = 3q; P5 at h = 0.15 → 1.15, P50 at 1.5 → 2.5, P95 at 2.85 → 3.85
        // (numpy.percentile([4, 1, 3, 2], [5, 50, 95]) gives the same).
        let summary = DeploymentPercentiles(sample: [4, 1, 3, 2])
        for (value, exact) in [(summary.p5, 1.15), (summary.p50, 2.5), (summary.p95, 3.85)] {
            #expect(abs(value - exact) <= exact * Self.epsilon + 1e-15, "\(value) vs \(exact)")
        }
        // The mean comes from exact sums: no binning.
        #expect(summary.mean == 2.5)
        // s² = (2.25 + 0.25 + 0.25 + 2.25)/3 = 5/3; SE = √(5/3 / 4) = √(5/12).
        #expect(abs(summary.meanStandardError - (5.0 / 12).squareRoot()) < 1e-15)
        #expect(summary.count == 4)
    }

    @Test(arguments: [false, true])
    func standardErrorOfAPercentileOnAnEvenGrid(probability: Bool) {
        // xᵢ = i/(n − 1): Q(q) = q, so SE = ((q + δ) − (q − δ))/2 = δ = √(q(1 − q)/n). Binning moves
        // each quantile by at most ε of its value, so the SE by at most ε·q — or, for probabilities,
        // by ε·(1 − q) above ½, where the order statistics come from the complements 1 − x.
        let n = 10_001
        let summary = DeploymentPercentiles(sample: (0..<n).reversed().map { Double($0) / Double(n - 1) },
                                            probability: probability)
        for (q, value, se) in [(0.05, summary.p5, summary.p5StandardError), (0.5, summary.p50, summary.p50StandardError),
                               (0.95, summary.p95, summary.p95StandardError)] {
            let binError = Self.epsilon * (probability && q > 0.5 ? 1 - q : q) + 1e-15
            #expect(abs(value - q) <= binError, "q \(q), probability \(probability): \(value)")
            #expect(abs(se - (q * (1 - q) / Double(n)).squareRoot()) <= binError,
                    "q \(q), probability \(probability): SE \(se)")
        }
    }

    @Test func probabilitiesNearOneAreResolvedLikeProbabilitiesNearZero() {
        // 0.9995 … 0.9999: the bins of x are 4.9e-4 wide here, those of 1 − x about 2.4e-7.
        let sample = [0.9995, 0.9996, 0.9997, 0.9998, 0.9999]
        let summary = DeploymentPercentiles(sample: sample, probability: true)
        // h = 4q: P50 is x₍₃₎ = 0.9997; P5 is 0.9995 + 0.2 · 0.0001 = 0.99952.
        #expect(abs(summary.p50 - 0.9997) <= 0.0003 * Self.epsilon + 1e-15)
        #expect(abs(summary.p5 - 0.99952) <= 0.0005 * Self.epsilon + 1e-15)
        #expect(abs(summary.mean - 0.9997) < 1e-15)
        let plain = DeploymentPercentiles(sample: sample)
        #expect(abs(plain.p50 - 0.9997) > 1e-5, "without complements one bin holds every value: \(plain.p50)")
    }

    @Test func aConstantSampleHasNoSpread() {
        let summary = DeploymentPercentiles(sample: [0.3])
        #expect(abs(summary.p50 - 0.3) <= 0.3 * Self.epsilon)
        #expect(summary.p5 == summary.p50 && summary.p95 == summary.p50 && summary.mean == 0.3)
        #expect(summary.p5StandardError == 0 && summary.p95StandardError == 0 && summary.meanStandardError == 0)
    }

    @Test func chunksMergedInAnyOrderGiveTheSummaryOfTheWholeSample() {
        // Durations-like values over four decades, cut into uneven chunks.
        let sample = (0..<5_000).map { Double(($0 * 7_919) % 5_003) * 0.0137 + 0.001 }
        var whole = SampleTally(probability: false)
        whole.add(sample)
        var forward = SampleTally(), backward = SampleTally()
        let cuts = [0, 1, 777, 2_000, 4_999, 5_000]
        let chunks = zip(cuts, cuts.dropFirst()).map { range -> SampleTally in
            var tally = SampleTally()
            tally.add(Array(sample[range.0..<range.1]))
            return tally
        }
        for chunk in chunks { forward.merge(chunk) }
        for chunk in chunks.reversed() { backward.merge(chunk) }
        #expect(DeploymentPercentiles(forward) == DeploymentPercentiles(whole))
        #expect(DeploymentPercentiles(backward) == DeploymentPercentiles(whole))
    }
}
