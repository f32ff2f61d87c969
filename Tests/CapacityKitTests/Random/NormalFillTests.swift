import Foundation
import Testing
import CapacityTestSupport
@testable import CapacityKit

/// The bulk standard normals: Box–Muller against libm, the multi-path fill
/// against stream-by-stream draws, and the distribution of the values.
/// Statistical checks use 5σ and p = 1e-4, seeded; the seed is in every message.
@Suite struct NormalFillTests {
    static let seed: UInt64 = 20_261_127

    /// Box–Muller of the same two words with libm's log, sqrt, cos and sin on the
    /// full angle θ = (π/2)(q + v − ½) (Box and Muller 1958; see ``BoxMuller``).
    static func libmPair(_ radiusWord: UInt64, _ angleWord: UInt64) -> (Double, Double) {
        let u = 1 - Double(radiusWord >> 11) * 0x1p-53
        let v = Double(angleWord >> 12) * 0x1p-52
        let theta = (Double.pi / 2) * (Double(angleWord & 3) + v - 0.5)
        let r = (-2 * log(u)).squareRoot()
        return (r * cos(theta), r * sin(theta))
    }

    func fill(draws: Int, paths: Int, _ first: StreamKey) -> [Double] {
        var values = [Double](repeating: .nan, count: draws * paths)
        values.withUnsafeMutableBufferPointer { Normal.fillStandard($0, draws: draws, paths: paths, startingAt: first) }
        return values
    }

    @Test("Box–Muller agrees with a libm Box–Muller of the same words to 1e-13")
    func agreesWithLibm() {
        var generator = StreamKey(seed: Self.seed, path: 0, stream: 0).generator
        var words: [(UInt64, UInt64)] = [(0, 0), (.max, .max), (.max, 0), (0, .max), (1 << 11, 1), (.max, 2), (.max, 3)]
        for _ in 0..<100_000 { words.append((generator.next(), generator.next())) }
        var worst = 0.0
        for (radius, angle) in words {
            let (z0, z1) = BoxMuller.pair(radius: radius, angle: angle)
            let (e0, e1) = Self.libmPair(radius, angle)
            worst = max(worst, abs(z0 - e0), abs(z1 - e1))
        }
        #expect(worst <= 1e-13, "worst difference \(worst), seed \(Self.seed)")
    }

    @Test("the quadrant bits turn the pair by quarter turns; u = 1 gives 0, the top radius word the largest |z|")
    func quadrantsAndRadius() {
        // v = ½ (angle bits 12…63 = 2⁵¹) puts x = 0, so θ = q·π/2 exactly.
        let middle: UInt64 = 1 << 63
        let radiusWord: UInt64 = 0x8000_0000_0000_0000 // u = ½, r = √(2 ln 2)
        let r = (2 * log(2.0)).squareRoot()
        let expected: [(Double, Double)] = [(r, 0), (0, r), (-r, 0), (0, -r)]
        for quadrant in 0..<4 {
            let (z0, z1) = BoxMuller.pair(radius: radiusWord, angle: middle | UInt64(quadrant))
            #expect(abs(z0 - expected[quadrant].0) < 1e-15 && abs(z1 - expected[quadrant].1) < 1e-15,
                    "quadrant \(quadrant): (\(z0), \(z1))")
        }
        let origin = BoxMuller.pair(radius: 0x7FF, angle: 12_345)
        #expect(origin.0 == 0 && origin.1 == 0, "u = 1 must give r = 0")
        let far = BoxMuller.pair(radius: .max, angle: middle)
        #expect(abs(far.0 - (106 * log(2.0)).squareRoot()) < 1e-13, "u = 2⁻⁵³ gives r = √(106 ln 2); got \(far.0)")
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

    @Test("bulk normals: mean 0, variance 1, Kolmogorov–Smirnov against Φ, pairs and neighbours uncorrelated")
    func distribution() {
        let draws = 20, paths = 2500 // 50 000 values
        let values = fill(draws: draws, paths: paths, StreamKey(seed: Self.seed, path: 0, stream: 1))
        let (mean, se) = GoodnessOfFit.meanAndStandardError(values)
        #expect(abs(mean) <= 5 * se, "mean \(mean) (5σ = \(5 * se)), seed \(Self.seed)")
        let (variance, vse) = GoodnessOfFit.varianceAndStandardError(values, kurtosis: 3)
        #expect(abs(variance - 1) <= 5 * vse, "variance \(variance) (5σ = \(5 * vse)), seed \(Self.seed)")
        let d = GoodnessOfFit.kolmogorovSmirnov(values, cdf: Normal.cdf)
        let p = GoodnessOfFit.kolmogorovPValue(d, count: values.count)
        #expect(p > 1e-4, "KS D = \(d), p = \(p), seed \(Self.seed)")
        // E[z z′] = 0 with standard error 1/√n for independent standard normals:
        // the cosine and sine of one pair (draws 2k, 2k + 1), and neighbouring paths.
        var pairs: [Double] = [], neighbours: [Double] = []
        for k in stride(from: 0, to: draws, by: 2) {
            for i in 0..<paths { pairs.append(values[k * paths + i] * values[(k + 1) * paths + i]) }
            for i in 0..<(paths - 1) { neighbours.append(values[k * paths + i] * values[k * paths + i + 1]) }
        }
        for (label, products) in [("pair", pairs), ("neighbour", neighbours)] {
            let (correlation, cse) = GoodnessOfFit.meanAndStandardError(products)
            #expect(abs(correlation) <= 5 * cse, "\(label) correlation \(correlation) (5σ = \(5 * cse)), seed \(Self.seed)")
        }
    }
}
