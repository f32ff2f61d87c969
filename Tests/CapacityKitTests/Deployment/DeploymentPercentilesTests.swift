import Foundation
import Testing
@testable import CapacityKit

/// Type-7 percentiles (Hyndman and Fan 1996; NumPy's default `linear` method) and their
/// order-statistic standard errors, on samples whose answers are known by hand.
@Suite struct DeploymentPercentilesTests {
    @Test func interpolatesBetweenOrderStatistics() {
        // Sorted 1, 2, 3, 4: h = 3q; P5 at h = 0.15 → 1.15, P50 at 1.5 → 2.5, P95 at 2.85 → 3.85
        // (numpy.percentile([4, 1, 3, 2], [5, 50, 95]) gives the same).
        let summary = DeploymentPercentiles(sample: [4, 1, 3, 2])
        #expect(abs(summary.p5 - 1.15) < 1e-15)
        #expect(summary.p50 == 2.5)
        #expect(abs(summary.p95 - 3.85) < 1e-15)
        #expect(summary.mean == 2.5)
        // s² = (2.25 + 0.25 + 0.25 + 2.25)/3 = 5/3; SE = √(5/3 / 4) = √(5/12).
        #expect(abs(summary.meanStandardError - (5.0 / 12).squareRoot()) < 1e-15)
        #expect(summary.count == 4)
    }

    @Test func standardErrorOfAPercentileOnAnEvenGrid() {
        // xᵢ = i/(n − 1): Q(q) = q, so SE = ((q + δ) − (q − δ))/2 = δ = √(q(1 − q)/n).
        let n = 10_001
        let summary = DeploymentPercentiles(sample: (0..<n).reversed().map { Double($0) / Double(n - 1) })
        for (q, value, se) in [(0.05, summary.p5, summary.p5StandardError), (0.5, summary.p50, summary.p50StandardError),
                               (0.95, summary.p95, summary.p95StandardError)] {
            #expect(abs(value - q) < 1e-15)
            #expect(abs(se - (q * (1 - q) / Double(n)).squareRoot()) < 1e-12, "q \(q): SE \(se)")
        }
    }

    @Test func aConstantSampleHasNoSpread() {
        let summary = DeploymentPercentiles(sample: [0.3])
        #expect(summary.p5 == 0.3 && summary.p50 == 0.3 && summary.p95 == 0.3 && summary.mean == 0.3)
        #expect(summary.p5StandardError == 0 && summary.p95StandardError == 0 && summary.meanStandardError == 0)
    }
}
