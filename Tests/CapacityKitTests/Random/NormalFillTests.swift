import Foundation
import Testing
import CapacityTestSupport
@testable import CapacityKit

/// The bulk standard normals: the single-precision Box–Muller against the formula in
/// exact arithmetic, pinned first values of known Philox blocks, the multi-path fill
/// against stream-by-stream draws, and the distribution of the values (10⁷ draws:
/// moments, Kolmogorov–Smirnov, tails at 3σ–6σ). Statistical checks use 5σ and
/// p = 1e-4, seeded; the seed is in every message.
@Suite struct NormalFillTests {
    static let seed: UInt64 = 20_261_127

    /// Box–Muller of the same two words as the documented formula, in Double with libm:
    /// u = (w₀ + 1)·2⁻³² rounded once to Float, v = ⌊w₁ / 2⁹⌋·2⁻²³, θ = (π/2)(q + v − ½)
    /// (Box and Muller 1958; see ``BoxMuller32``).
    static func exactPair(_ radiusWord: UInt32, _ angleWord: UInt32) -> (Double, Double) {
        let u = Double(Float(Double(radiusWord) + 1) * 0x1p-32)   // (w₀ + 1) rounded to Float once
        let v = Double(angleWord >> 9) * 0x1p-23
        let theta = (Double.pi / 2) * (Double(angleWord & 3) + v - 0.5)
        let r = (-2 * log(u)).squareRoot()
        return (r * cos(theta), r * sin(theta))
    }

    func fill(draws: Int, paths: Int, _ first: StreamKey) -> [Double] {
        var values = [Double](repeating: .nan, count: draws * paths)
        values.withUnsafeMutableBufferPointer { Normal.fillStandard($0, draws: draws, paths: paths, startingAt: first) }
        return values
    }

    @Test("single-precision Box–Muller agrees with the formula in Double to 1e-6 · max(1, |z|)")
    func agreesWithExactFormula() {
        var generator = StreamKey(seed: Self.seed, path: 0, stream: 0).generator
        var words: [(UInt32, UInt32)] = [(0, 0), (.max, .max), (.max, 0), (0, .max), (1, 1), (0xFFFF, 2), (0x10000, 3),
                                         (0x7FFF_FFFF, 0x1FF), (0x8000_0000, 0x200)]
        for _ in 0..<100_000 {
            let word = generator.next()
            words.append((UInt32(truncatingIfNeeded: word), UInt32(truncatingIfNeeded: word >> 32)))
        }
        var worst = 0.0
        for (radius, angle) in words {
            let (z0, z1) = BoxMuller32.pair(radius: radius, angle: angle)
            let (e0, e1) = Self.exactPair(radius, angle)
            worst = max(worst, abs(Double(z0) - e0) / max(1, abs(e0)), abs(Double(z1) - e1) / max(1, abs(e1)))
        }
        #expect(worst <= 1e-6, "worst error \(worst) · max(1, |z|), seed \(Self.seed)")
    }

    @Test("the quadrant bits turn the pair by quarter turns; u = 1 gives 0, radius word 0 the largest |z|, √(64 ln 2)")
    func quadrantsAndRadius() {
        // v = ½ (angle bits 9…31 = 2²²) puts x = 0, so θ = q·π/2 exactly.
        let middle: UInt32 = 1 << 31
        let radiusWord: UInt32 = 0x7FFF_FFFF // u = ½, r = √(2 ln 2)
        let r = (2 * log(2.0)).squareRoot()
        let expected: [(Double, Double)] = [(r, 0), (0, r), (-r, 0), (0, -r)]
        for quadrant in 0..<4 {
            let (z0, z1) = BoxMuller32.pair(radius: radiusWord, angle: middle | UInt32(quadrant))
            #expect(abs(Double(z0) - expected[quadrant].0) < 1e-6 && abs(Double(z1) - expected[quadrant].1) < 1e-6,
                    "quadrant \(quadrant): (\(z0), \(z1))")
            #expect(z0 == 0 || z1 == 0, "quadrant \(quadrant): x = 0 gives an exact zero")
        }
        let origin = BoxMuller32.pair(radius: .max, angle: 12_345)
        #expect(origin.0 == 0 && origin.1 == 0, "u = 1 must give r = 0")
        let far = BoxMuller32.pair(radius: 0, angle: middle)
        #expect(abs(Double(far.0) - (64 * log(2.0)).squareRoot()) < 1e-6, "u = 2⁻³² gives r = √(64 ln 2); got \(far.0)")
        #expect(far.0 == 0x1.aa449ap2, "the largest |z|, 6.6604371…; got \(far.0)")
    }

    /// The first four normals of two streams whose Philox block is a Random123 known-answer
    /// vector (Philox4x32Tests): the block's words are known, so the normals are too.
    /// `exact`: the formula in Double (Python: u = float32((w₀ + 1)·2⁻³²), r = √(−2 ln u),
    /// θ = (π/2)(q + v − ½), r cos θ, r sin θ). `bits`: the same words through the documented
    /// Float operations, computed independently with NumPy float32.
    static let knownBlocks: [(key: StreamKey, block: Int, exact: [Double], bits: [Float])] = [
        (StreamKey(seed: 0, path: 0, stream: 0), 0,            // words 6627e8d5 e169c58d bc57ac4c 9b00dbd8
         [-0.7628143934542302, 1.1204771096057382, 0.7727437915867378, 0.12922086066163055],
         [-0x1.868f9cp-1, 0x1.1ed796p0, 0x1.8ba512p-1, 0x1.08a4f4p-3]),
        (StreamKey(seed: 0x299f_31d0_a409_3822, path: 0x85a3_08d3, stream: 0x0370_7344_1319_8a2e), 0x243f_6a88,
         // words d16cfe09 94fdcceb 5001e420 24126ea1
         [0.08140018884595814, -0.6284825921891622, 0.8153883996520908, 1.288898271586306],
         [0x1.4d6a48p-4, -0x1.41c878p-1, 0x1.a17a94p-1, 0x1.49f53cp0]),
    ]

    @Test("pinned: the first normals of two known Philox blocks, in every kernel variant and the Swift reference")
    func knownAnswers() {
        for (key, block, exact, bits) in Self.knownBlocks {
            var reference = [Double](repeating: .nan, count: 4)
            reference.withUnsafeMutableBufferPointer {
                Normal.fillStandardReference($0, draws: 4, paths: 1, startingAt: key, fromDraw: 4 * block)
            }
            var computed: [(String, [Double])] = [("Swift reference", reference)]
            for kernels in VectorKernels.available {
                var values = [Double](repeating: .nan, count: 4)
                values.withUnsafeMutableBufferPointer {
                    Normal.fillStandard($0, draws: 4, paths: 1, startingAt: key, fromDraw: 4 * block, kernels: kernels)
                }
                computed.append((kernels.name, values))
            }
            for (name, values) in computed {
                for d in 0..<4 {
                    #expect(abs(values[d] - exact[d]) <= 1e-6 * max(1, abs(exact[d])),
                            "\(name), \(key), draw \(4 * block + d): \(values[d]), the formula gives \(exact[d])")
                }
                #expect(values == bits.map(Double.init), "\(name), \(key): \(values), expected \(bits)")
            }
        }
    }

    @Test("the multi-path fill equals each stream drawn on its own, bit for bit",
          arguments: [(1, 13), (24, 37), (7, 8), (2, 1)])
    func fillMatchesStreams(draws: Int, paths: Int) {
        // The last paths below 2³², and a stream id with both 32-bit words set.
        let first = StreamKey(seed: Self.seed, path: (1 << 32) - UInt64(paths), stream: 3 << 32 | 4)
        let values = fill(draws: draws, paths: paths, first)
        for i in 0..<paths {
            var generator = StreamKey(seed: first.seed, path: first.path + UInt64(i), stream: first.stream).generator
            var expected = [Double](repeating: .nan, count: draws)
            expected.withUnsafeMutableBufferPointer { Normal.fillStandard($0, using: &generator) }
            let column = (0..<draws).map { values[$0 * paths + i] }
            #expect(column == expected, "path \(first.path + UInt64(i)), \(draws) draws")
        }
    }

    @Test("a path's draws do not depend on the chunk it is filled in")
    func chunkIndependence() {
        let draws = 5, whole = fill(draws: draws, paths: 100, StreamKey(seed: Self.seed, path: 1000, stream: 2))
        let head = fill(draws: draws, paths: 37, StreamKey(seed: Self.seed, path: 1000, stream: 2))
        let tail = fill(draws: draws, paths: 63, StreamKey(seed: Self.seed, path: 1037, stream: 2))
        for d in 0..<draws {
            #expect(Array(whole[(d * 100)..<(d * 100 + 37)]) == Array(head[(d * 37)..<(d * 37 + 37)]), "draw \(d)")
            #expect(Array(whole[(d * 100 + 37)..<(d * 100 + 100)]) == Array(tail[(d * 63)..<(d * 63 + 63)]), "draw \(d)")
        }
    }

    @Test("bulk normals: the two normals of a pair, the two pairs of a block and neighbouring paths are uncorrelated")
    func independence() {
        let draws = 20, paths = 2500 // 50 000 values
        let values = fill(draws: draws, paths: paths, StreamKey(seed: Self.seed, path: 0, stream: 1))
        // E[z z′] = 0 with standard error 1/√n for independent standard normals:
        // the cosine and sine of one pair (draws 4k, 4k + 1), the pairs of one block
        // (4k, 4k + 2 and 4k + 1, 4k + 3), and neighbouring paths.
        var pairs: [Double] = [], blocks: [Double] = [], neighbours: [Double] = []
        for k in stride(from: 0, to: draws, by: 4) {
            for i in 0..<paths {
                pairs.append(values[k * paths + i] * values[(k + 1) * paths + i])
                pairs.append(values[(k + 2) * paths + i] * values[(k + 3) * paths + i])
                blocks.append(values[k * paths + i] * values[(k + 2) * paths + i])
                blocks.append(values[(k + 1) * paths + i] * values[(k + 3) * paths + i])
            }
            for i in 0..<(paths - 1) { neighbours.append(values[k * paths + i] * values[k * paths + i + 1]) }
        }
        for (label, products) in [("pair", pairs), ("block", blocks), ("neighbour", neighbours)] {
            let (correlation, cse) = GoodnessOfFit.meanAndStandardError(products)
            #expect(abs(correlation) <= 5 * cse, "\(label) correlation \(correlation) (5σ = \(5 * cse)), seed \(Self.seed)")
        }
    }

    /// 10⁷ draws (the C kernel fills them, in blocks of paths), summarised in one pass: the
    /// moments about 0, the counts beyond 3σ…6σ, and a histogram of 2²⁰ bins over [−8, 8)
    /// for Kolmogorov–Smirnov (``GoodnessOfFit/kolmogorovSmirnovBound(cumulative:edges:count:cdf:)``).
    @Test("bulk normals at 10⁷ draws: mean, variance, skewness, kurtosis, Kolmogorov–Smirnov against Φ, tails at 3σ–6σ")
    func distribution() {
        let n = 10_000_000, paths = 250_000, draws = 4, bins = 1 << 20, low = -8.0, width = 0x1p-16  // [−8, 8), exact bin arithmetic
        var sums = (0.0, 0.0, 0.0, 0.0), largest = 0.0
        var beyond = [Int](repeating: 0, count: 4)       // |z| > 3, 4, 5, 6
        var histogram = [Int](repeating: 0, count: bins + 2) // below −8, the bins, at or above 8
        var buffer = [Double](repeating: .nan, count: paths * draws)
        for chunk in 0..<(n / (paths * draws)) {
            let first = StreamKey(seed: Self.seed, path: UInt64(chunk * paths), stream: 7)
            buffer.withUnsafeMutableBufferPointer { Normal.fillStandard($0, draws: draws, paths: paths, startingAt: first) }
            buffer.withUnsafeBufferPointer { values in
                histogram.withUnsafeMutableBufferPointer { counts in
                    for z in values {
                        let z2 = z * z
                        sums.0 += z; sums.1 += z2; sums.2 += z2 * z; sums.3 += z2 * z2
                        let size = abs(z)
                        largest = max(largest, size)
                        if size > 3 { beyond[0] += 1; if size > 4 { beyond[1] += 1; if size > 5 { beyond[2] += 1; if size > 6 { beyond[3] += 1 } } } }
                        let bin = ((z - low) / width).rounded(.down)
                        counts[bin < 0 ? 0 : bin >= Double(bins) ? bins + 1 : Int(bin) + 1] += 1
                    }
                }
            }
        }
        let count = Double(n), mean = sums.0 / count
        let m2 = sums.1 / count - mean * mean
        let m3 = sums.2 / count - 3 * mean * sums.1 / count + 2 * mean * mean * mean
        let m4 = sums.3 / count - 4 * mean * sums.2 / count + 6 * mean * mean * sums.1 / count - 3 * mean * mean * mean * mean
        let skewness = m3 / (m2 * m2.squareRoot()), excess = m4 / (m2 * m2) - 3
        // Standard errors for a normal sample: 1/√n, √(2/n), √(6/n), √(24/n).
        let checks: [(String, Double, Double)] = [("mean", mean, 1 / count.squareRoot()),
                                                  ("variance − 1", m2 - 1, (2 / count).squareRoot()),
                                                  ("skewness", skewness, (6 / count).squareRoot()),
                                                  ("excess kurtosis", excess, (24 / count).squareRoot())]
        for (name, value, se) in checks {
            #expect(abs(value) <= 5 * se, "\(name) \(value) (5σ = \(5 * se)), n = \(n), seed \(Self.seed)")
        }
        // Tails against the exact P(|Z| > k) = erfc(k/√2), binomial standard errors; + 1 for a
        // count whose expectation is far below 1 (6σ: 0.02 expected in 10⁷).
        for (index, k) in [3.0, 4.0, 5.0, 6.0].enumerated() {
            let p = erfc(k / 2.0.squareRoot()), expected = count * p, se = (count * p * (1 - p)).squareRoot()
            #expect(abs(Double(beyond[index]) - expected) <= 5 * se + 1,
                    "|z| > \(k): \(beyond[index]), expected \(expected) ± \(se), seed \(Self.seed)")
        }
        #expect(largest <= Double(Float(0x1.aa449ap2)), "largest |z| \(largest), above √(64 ln 2), seed \(Self.seed)")
        var cumulative = [Int](repeating: 0, count: bins + 1)  // values below edge j = low + j·width
        var running = histogram[0]
        for j in 0...bins { cumulative[j] = running; if j < bins { running += histogram[j + 1] } }
        let d = GoodnessOfFit.kolmogorovSmirnovBound(cumulative: cumulative, edges: (0...bins).map { low + Double($0) * width },
                                                     count: n, cdf: Normal.cdf)
        let pValue = GoodnessOfFit.kolmogorovPValue(d, count: n)
        #expect(pValue > 1e-4, "KS D ≤ \(d), p = \(pValue), n = \(n), seed \(Self.seed)")
    }
}
