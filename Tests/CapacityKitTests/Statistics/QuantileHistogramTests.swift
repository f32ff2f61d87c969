import Testing
@testable import CapacityKit

@Suite struct QuantileHistogramTests {
    /// Values 1…1000: the exact p-quantile (smallest x with F(x) ≥ p) is ⌈1000p⌉;
    /// the histogram must report it within its relative bin error 2⁻¹¹.
    @Test func quantilesWithinTheBinError() {
        var histogram = QuantileHistogram()
        let values = (1...1000).map(Double.init)
        values.withUnsafeBufferPointer { histogram.add($0) }
        for p in [0.001, 0.1, 0.5, 0.9, 0.99, 1.0] {
            let exact = (p * 1000).rounded(.up)
            let reported = histogram.quantile(p)
            #expect(abs(reported - exact) <= exact * 0x1p-11, "p = \(p): \(reported) vs \(exact)")
        }
    }

    @Test("merging chunks in any order gives the same histogram and quantiles")
    func mergeIsExact() {
        let values = (0..<3000).map { Double(($0 * 7919) % 3001) * 1.37 + 0.5 }
        var whole = QuantileHistogram()
        values.withUnsafeBufferPointer { whole.add($0) }
        var parts = [QuantileHistogram(), QuantileHistogram(), QuantileHistogram()]
        for (index, chunk) in stride(from: 0, to: 3000, by: 1000).enumerated() {
            Array(values[chunk..<(chunk + 1000)]).withUnsafeBufferPointer { parts[index].add($0) }
        }
        var forward = QuantileHistogram(), backward = QuantileHistogram()
        for part in parts { forward.merge(part) }
        for part in parts.reversed() { backward.merge(part) }
        #expect(forward == whole)
        #expect(backward.quantile(0.9) == whole.quantile(0.9))
    }

    @Test("past 65,535 values (one add, or many): the 16-bit recent counts fold into the full ones, no count lost")
    func manyValues() {
        // 150,000 values, 100,000 of them in one bin: over a 16-bit count in one add, and over it across adds.
        var values = [Double](repeating: 1000, count: 150_000)
        for i in stride(from: 0, to: values.count, by: 3) { values[i] = Double(i % 977) + 0.25 }
        values += [0, 0, 0]
        var whole = QuantileHistogram(), pieces = QuantileHistogram(), merged = QuantileHistogram()
        values.withUnsafeBufferPointer { whole.add($0) }
        for start in stride(from: 0, to: values.count, by: 7001) {
            Array(values[start..<min(values.count, start + 7001)]).withUnsafeBufferPointer { pieces.add($0) }
        }
        merged.merge(pieces)
        merged.merge(whole)
        #expect(whole.count == values.count && whole.zeros == 3)
        #expect(whole == pieces)
        #expect(whole.count(below: 999) == 50_003 && pieces.count(below: 999) == 50_003)
        #expect(whole.value(atRank: 50_004) == 1000 && pieces.quantiles([0.3, 0.34]) == whole.quantiles([0.3, 0.34]))
        #expect(merged.count(below: 999) == 100_006 && merged.count(below: 1001) == merged.count)
    }

    @Test("a value seen on every path is reported exactly, not at its bin's midpoint")
    func constant() {
        var histogram = QuantileHistogram()
        [100.0, 100, 100].withUnsafeBufferPointer { histogram.add($0) }
        #expect(histogram.quantile(0.5) == 100 && histogram.quantile(0.99) == 100)
        #expect(QuantileHistogram.midpoint(ofBin: QuantileHistogram.bin(of: 100)) != 100)
    }

    @Test("zeros and values below 2⁻⁶⁰ count below every positive bin; small probabilities keep theirs")
    func zeros() {
        var histogram = QuantileHistogram()
        [0, 0, 0, 1e-20, 5, 5, 1e-9].withUnsafeBufferPointer { histogram.add($0) }
        #expect(histogram.zeros == 4)
        #expect(abs(histogram.value(atRank: 5) - 1e-9) <= 1e-9 * 0x1p-11)
        #expect(histogram.value(atRank: 4) == 0)
        #expect(histogram.quantile(0.5) == 0)
        #expect(abs(histogram.quantile(0.9) - 5) <= 5 * 0x1p-11)
    }

    @Test("a proportion's standard error is √(p(1−p)/n)")
    func proportion() {
        let p = Proportion(hits: 25, trials: 100)
        #expect(p.estimate == 0.25)
        #expect(abs(p.standardError - (0.25 * 0.75 / 100).squareRoot()) < 1e-16)
        #expect((p + Proportion(hits: 5, trials: 100)) == Proportion(hits: 30, trials: 200))
    }
}

@Suite struct QuantilesInOnePassTests {
    @Test("quantiles(_:) in one pass equals quantile(_:) one by one, in any order of p")
    func onePass() {
        var histogram = QuantileHistogram()
        for i in 0..<5000 { histogram.add(i % 7 == 0 ? 0 : Double(i) * 1.37) }
        let ps = [0.99, 0.0, 0.5, 0.01, 1.0, 0.1, 0.9, 0.1, 0.123]
        #expect(histogram.quantiles(ps) == ps.map(histogram.quantile))
    }
}
