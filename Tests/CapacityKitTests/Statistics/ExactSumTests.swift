import Foundation
import Testing
@testable import CapacityKit

/// The long accumulator: exact sums, so the same total in any order. Reference values by hand
/// from the binary values of the doubles involved.
@Suite struct ExactSumTests {
    func sum(_ values: [Double]) -> Double {
        var total = ExactSum()
        for value in values { total.add(value) }
        return total.value
    }

    @Test func smallTermsAreNotLostNextToALargeOne() {
        // 1e16 + 1 rounds back to 1e16 (spacing 2 there), so adding 1 four times one by one gives
        // 1e16; the exact sum 1e16 + 4 is a double.
        #expect([1e16, 1, 1, 1, 1].reduce(0, +) == 1e16)
        #expect(sum([1e16, 1, 1, 1, 1]) == 1e16 + 4)
        #expect(sum([1, 1, 1, 1, 1e16]) == 1e16 + 4)
    }

    @Test func tenTimesOneTenth() {
        // The double 0.1 is 0.1000000000000000055511151231257827…; ten of them sum to
        // 1.000000000000000055…, which rounds to 1. Adding one by one gives 0.9999999999999999.
        #expect(Array(repeating: 0.1, count: 10).reduce(0, +) == 0.9999999999999999)
        #expect(sum(Array(repeating: 0.1, count: 10)) == 1)
    }

    @Test func subnormalsHugeValuesAndZeros() {
        let tiny = Double.leastNonzeroMagnitude
        #expect(sum([tiny, tiny, tiny, 0, -0.0]) == 3 * tiny)
        #expect(sum([Double.greatestFiniteMagnitude, tiny]) == Double.greatestFiniteMagnitude)
        #expect(sum([Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude]) == .infinity)
        #expect(sum([]) == 0)
    }

    @Test func carriesAcrossLimbs() {
        // (2⁵³ − 1)·2⁻¹⁰⁴³ straddles three limbs; 1,024 of them sum to (2⁵³ − 1)·2⁻¹⁰³³, exactly a double.
        let x = Double(sign: .plus, exponent: -1043, significand: Double((1 << 53) - 1))
        var chunks = [ExactSum(), ExactSum()]
        for index in 0..<1_024 { chunks[index % 2].add(x) }
        var total = chunks[0]
        total.merge(chunks[1])
        #expect(total.value == 1_024 * x)
        #expect(sum(Array(repeating: 2.5, count: 100_000)) == 250_000)
    }

    @Test("any split into chunks and any merge order give the same bits")
    func orderIndependence() {
        let values = (0..<2_000).map { (index: Int) -> Double in
            let mantissa = Double((index * 7_919) % 2_003) / 3.0
            return mantissa * pow(10.0, Double(index % 7 - 3))
        }
        let whole = sum(values)
        for chunkSize in [1, 7, 333, 2_000] {
            let chunks = stride(from: 0, to: values.count, by: chunkSize).map { start -> ExactSum in
                var part = ExactSum()
                for value in values[start..<min(start + chunkSize, values.count)] { part.add(value) }
                return part
            }
            var forward = ExactSum(), backward = ExactSum()
            for chunk in chunks { forward.merge(chunk) }
            for chunk in chunks.reversed() { backward.merge(chunk) }
            #expect(forward.value == whole && backward.value == whole, "chunk size \(chunkSize)")
        }
        #expect(sum(values.reversed()) == whole)
    }
}
