import Foundation
import Testing
@testable import CapacityKit

/// A forecast's histograms (at most ``QuantileHistogram/maximumBins`` bins) of values spread
/// wider are coarsened by powers of two: bounded memory, quantiles within the coarser bin, and the
/// same counts however the values are split and merged.
@Suite struct QuantileHistogramLevelTests {
    /// The level by hand: full-resolution bins 0…8,191 span 8,192 bins (level 0);
    /// 0…8,192 span 8,193 (level 1: bins 0…4,096); a span of 2²⁰ bins needs level 7 (2²⁰ / 2⁷ = 8,192).
    @Test func levelByHand() {
        #expect(QuantileHistogram.level(low: 0, high: 8_191) == 0)
        #expect(QuantileHistogram.level(low: 0, high: 8_192) == 1)
        #expect(QuantileHistogram.level(low: 0, high: (1 << 20) - 1) == 7)
    }

    /// Values 2⁰ … 2⁵⁹ (60 octaves, 61,440 full-resolution bins): level 3 (7,680 bins), relative
    /// bin width 2⁻⁷, quantiles within it, storage at most maximumBins + 2 · slack + 1 counts.
    @Test func wideValuesAreCoarsened() {
        var histogram = QuantileHistogram(maximumBins: QuantileHistogram.maximumBins)
        let values = (0..<6_000).map { pow2(Double($0) / 100) }
        values.withUnsafeBufferPointer { histogram.add($0) }
        #expect(histogram.level == 3)
        #expect(histogram.relativeBinWidth == 0x1p-7)
        #expect(histogram.counts.count <= QuantileHistogram.maximumBins + 2 * QuantileHistogram.slack + 1)
        for p in [0.1, 0.5, 0.9, 0.99] {
            let exact = values[Int((p * 6_000).rounded(.up)) - 1]
            #expect(abs(histogram.quantile(p) / exact - 1) <= 0x1p-7, "p = \(p)")
        }
    }

    /// Narrow values stay at full resolution (level 0): nothing changes for them; nor for any values
    /// in a histogram without a limit (the default).
    @Test func narrowValuesStayFine() {
        var unlimited = QuantileHistogram()
        (0..<6_000).map { pow2(Double($0) / 100) }.withUnsafeBufferPointer { unlimited.add($0) }
        #expect(unlimited.level == 0)
        var histogram = QuantileHistogram(maximumBins: QuantileHistogram.maximumBins)
        [1.0, 2, 3, 100, 200].withUnsafeBufferPointer { histogram.add($0) }
        #expect(histogram.level == 0)
        #expect(histogram.relativeBinWidth == 0x1p-10)
    }

    /// Split into parts that each stay narrow (level 0) and merged in either order, the counts
    /// equal those of one histogram of all values (level 3): the level depends on the range only.
    @Test func mergeOrderFree() {
        let values = (0..<6_000).map { pow2(Double($0) / 100) }
        var whole = QuantileHistogram(maximumBins: QuantileHistogram.maximumBins)
        values.withUnsafeBufferPointer { whole.add($0) }
        var parts = stride(from: 0, to: 6_000, by: 500).map { start -> QuantileHistogram in
            var part = QuantileHistogram(maximumBins: QuantileHistogram.maximumBins)
            values[start..<(start + 500)].withUnsafeBufferPointer { part.add($0) }
            return part
        }
        #expect(parts[0].level == 0)
        var forward = QuantileHistogram(), backward = QuantileHistogram()  // uncapped: they take the parts' limit
        for part in parts { forward.merge(part) }
        parts.reverse()
        for part in parts { backward.merge(part) }
        #expect(forward == whole)
        #expect(backward == whole)
        #expect(forward.quantiles([0.5, 0.9]) == whole.quantiles([0.5, 0.9]))
    }

    private func pow2(_ x: Double) -> Double { Foundation.pow(2, x) }
}
