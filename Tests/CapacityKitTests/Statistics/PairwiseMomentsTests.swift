import Testing
@testable import CapacityKit

@Suite struct PairwiseMomentsTests {
    @Test("mean and sample variance of a known sample")
    func knownSample() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x − 5)² = 32, sample variance 32/7.
        let moments = PairwiseMoments([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(moments.count == 8)
        #expect(moments.mean == 5)
        #expect(abs(moments.variance - 32.0 / 7) < 1e-15)
        #expect(abs(moments.standardErrorOfMean - (32.0 / 7 / 8).squareRoot()) < 1e-15)
        #expect(PairwiseMoments().mean.isNaN && PairwiseMoments([1]).variance.isNaN)
    }

    @Test("any split into consecutive runs, appended in order, gives bit-identical moments")
    func splitInvariance() {
        // Irregular values (a multiplicative congruential sequence scaled to [0, 1000)).
        var state: UInt64 = 12345
        let values = (0..<5_000).map { _ -> Double in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) * 0x1p-53 * 1000
        }
        let whole = PairwiseMoments(values)
        for sizes in [[1], [7], [16], [1000], [3, 1, 4, 1, 5, 9, 2, 6]] {
            var merged = PairwiseMoments()
            var start = 0, turn = 0
            while start < values.count {
                let end = min(values.count, start + sizes[turn % sizes.count])
                var run = PairwiseMoments(startingAt: start)
                for value in values[start..<end] { run.append(value) }
                merged.append(run)
                start = end
                turn += 1
            }
            #expect(merged == whole, "runs of \(sizes)")
            #expect(merged.mean.bitPattern == whole.mean.bitPattern && merged.variance.bitPattern == whole.variance.bitPattern)
        }
        // Two-pass reference: mean and variance agree to rounding.
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        #expect(abs(whole.mean - mean) <= 1e-12 * mean)
        #expect(abs(whole.variance - variance) <= 1e-12 * variance)
    }

    @Test("a large common offset does not swamp the variance (no Σx² − n·x̄² cancellation)")
    func largeOffset() {
        // 1e9 + 1, 2, 3, 4: variance 5/3, where Σx² − n·x̄² would lose every digit at 1e18.
        let moments = PairwiseMoments([1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4])
        #expect(abs(moments.variance - 5.0 / 3) < 1e-9)
        #expect(moments.mean == 1e9 + 2.5)
    }

    @Test("memory is logarithmic: at most 2·log₂ n blocks")
    func logarithmicBlocks() {
        var run = PairwiseMoments(startingAt: 12_345)
        for index in 0..<100_000 { run.append(Double(index)) }
        #expect(run.blocks.count <= 2 * 17)
        #expect(run.count == 100_000 && run.end == 112_345)
    }
}
