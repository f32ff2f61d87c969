import Testing
@testable import CapacityKit

/// A figure's sample in bounded memory: order statistics from histograms, mean and its
/// standard error from exact sums.
@Suite struct SampleTallyTests {
    @Test func meanAndStandardErrorFromExactSums() {
        // 0.1, 0.2, …, 1.0: mean 0.55; Σ(x − 0.55)² = 0.01 · Σ(i − 5.5)² = 0.825, s² = 0.825/9, SE = √(s²/10).
        var tally = SampleTally()
        tally.add((1...10).map { Double($0) / 10 })
        #expect(tally.count == 10)
        #expect(abs(tally.mean - 0.55) < 1e-16)
        #expect(abs(tally.meanStandardError - (0.825 / 9 / 10).squareRoot()) < 1e-15)
    }

    @Test func orderStatisticsOfAProbabilityComeFromTheNearerSide() {
        // 1e-6 and 1 − 1e-6: both resolved to 2⁻¹¹ of 1e-6, not of the value.
        var tally = SampleTally(probability: true)
        tally.add([1 - 1e-6, 0.3, 1e-6])
        #expect(abs(tally.orderStatistic(1) - 1e-6) <= 1e-6 * 0x1p-11)
        #expect(abs(tally.orderStatistic(2) - 0.3) <= 0.3 * 0x1p-11)
        #expect(abs(tally.orderStatistic(3) - (1 - 1e-6)) <= 1e-6 * 0x1p-11 + 1e-16)
    }

    @Test func mergingEqualsAddingEverything() {
        var whole = SampleTally(probability: true), first = SampleTally(probability: true)
        var second = SampleTally(probability: true)
        let values = (0..<999).map { Double($0 % 97) / 97 }
        whole.add(values)
        first.add(Array(values[..<400]))
        second.add(Array(values[400...]))
        second.merge(first)
        #expect(second.count == whole.count && second.mean == whole.mean)
        #expect(second.meanStandardError == whole.meanStandardError)
        #expect((1...999).allSatisfy { second.orderStatistic($0) == whole.orderStatistic($0) })
    }
}
