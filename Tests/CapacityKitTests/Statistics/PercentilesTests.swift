import Foundation
import Testing
@testable import CapacityKit

/// Type-1 percentiles (Hyndman and Fan 1996, the inverse of the empirical distribution: x₍⌈np⌉₎)
/// read from a tally's histogram, and their standard errors, on samples whose answers are known by
/// hand. Each order statistic is a bin midpoint within ε = 2⁻¹¹ of the value (of 1 − x above ½
/// for probabilities). The same definition as the forecast's percentiles, from a histogram alone.
@Suite struct PercentilesTests {
    static let epsilon = Percentiles.binRelativeError

    @Test func readsTheOrderStatisticAtRankCeilingNP() {
        // Sorted 1, 2, 3, 4: P5 is x₍⌈0.2⌉₎ = x₍₁₎ = 1, P50 x₍₂₎ = 2, P95 x₍⌈3.8⌉₎ = x₍₄₎ = 4
        // (numpy.percentile([4, 1, 3, 2], [5, 50, 95], method="inverted_cdf") gives the same).
        let summary = Percentiles(sample: [4, 1, 3, 2])
        for (value, exact) in [(summary.p5, 1.0), (summary.p50, 2.0), (summary.p95, 4.0)] {
            #expect(abs(value - exact) <= exact * Self.epsilon + 1e-15, "\(value) vs \(exact)")
        }
        // The mean comes from exact sums: no binning.
        #expect(summary.mean == 2.5)
        // s² = (2.25 + 0.25 + 0.25 + 2.25)/3 = 5/3; SE = √(5/3 / 4) = √(5/12).
        #expect(abs(summary.meanStandardError! - (5.0 / 12).squareRoot()) < 1e-15)
        #expect(summary.count == 4)
    }

    @Test(arguments: [false, true])
    func standardErrorOfAPercentileOnAnEvenGrid(probability: Bool) {
        // xᵢ = i/(n − 1): Q(q) = (⌈nq⌉ − 1)/(n − 1), q itself at these levels, and Q(q ± δ) is q ± δ
        // within one step 1/(n − 1), so SE = ((q + δ) − (q − δ))/2 = δ = √(q(1 − q)/n) within that step.
        // Binning moves each quantile by at most ε of its value — or, for probabilities, by ε·(1 − q)
        // above ½, where the order statistics come from the complements 1 − x.
        let n = 10_001
        let summary = Percentiles(sample: (0..<n).reversed().map { Double($0) / Double(n - 1) },
                                            probability: probability)
        for (q, value, se) in [(0.05, summary.p5, summary.p5StandardError), (0.5, summary.p50, summary.p50StandardError),
                               (0.95, summary.p95, summary.p95StandardError)] {
            let binError = Self.epsilon * (probability && q > 0.5 ? 1 - q : q) + 1e-15
            #expect(abs(value - q) <= binError, "q \(q), probability \(probability): \(value)")
            #expect(abs(se - (q * (1 - q) / Double(n)).squareRoot()) <= binError + 1 / Double(n - 1),
                    "q \(q), probability \(probability): SE \(se)")
        }
    }

    @Test func probabilitiesNearOneAreResolvedLikeProbabilitiesNearZero() {
        // 0.9995 … 0.9999: the bins of x are 4.9e-4 wide here, those of 1 − x about 2.4e-7.
        let sample = [0.9995, 0.9996, 0.9997, 0.9998, 0.9999]
        let summary = Percentiles(sample: sample, probability: true)
        // P50 is x₍⌈2.5⌉₎ = x₍₃₎ = 0.9997; P5 x₍₁₎ = 0.9995; P95 x₍₅₎ = 0.9999.
        #expect(abs(summary.p50 - 0.9997) <= 0.0003 * Self.epsilon + 1e-15)
        #expect(abs(summary.p5 - 0.9995) <= 0.0005 * Self.epsilon + 1e-15)
        #expect(abs(summary.p95 - 0.9999) <= 0.0001 * Self.epsilon + 1e-15)
        #expect(abs(summary.mean! - 0.9997) < 1e-15)
        let plain = Percentiles(sample: sample)
        #expect(abs(plain.p50 - 0.9997) > 1e-5, "without complements one bin holds every value: \(plain.p50)")
    }

    @Test func aConstantSampleHasNoSpread() {
        let summary = Percentiles(sample: [0.3])
        #expect(abs(summary.p50 - 0.3) <= 0.3 * Self.epsilon)
        #expect(summary.p5 == summary.p50 && summary.p95 == summary.p50 && summary.mean == 0.3)
        #expect(summary.p5StandardError == 0 && summary.p95StandardError == 0 && summary.meanStandardError == 0)
    }

    @Test func aTallyAndAHistogramOfTheSameSampleGiveTheSamePercentiles() {
        // One definition: the deployment's tally and the forecast's histogram agree on every level.
        let sample = (0..<3_001).map { Double(($0 * 7_919) % 3_001) * 0.37 + 1 }
        var histogram = QuantileHistogram()
        sample.withUnsafeBufferPointer { histogram.add($0) }
        let fromTally = Percentiles(sample: sample), fromHistogram = Percentiles(histogram)
        #expect([fromTally.p1, fromTally.p5, fromTally.p10, fromTally.p50, fromTally.p90, fromTally.p95, fromTally.p99]
                == [fromHistogram.p1, fromHistogram.p5, fromHistogram.p10, fromHistogram.p50, fromHistogram.p90,
                    fromHistogram.p95, fromHistogram.p99])
        #expect(fromTally.p95StandardError == fromHistogram.p95StandardError)
        #expect(fromHistogram.mean == nil && fromTally.mean != nil)
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
        #expect(Percentiles(forward) == Percentiles(whole))
        #expect(Percentiles(backward) == Percentiles(whole))
    }
}
