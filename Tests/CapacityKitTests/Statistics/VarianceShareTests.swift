import Testing
@testable import CapacityKit

/// The first-order variance share against values known in closed form; seeded draws,
/// tolerances of 5 standard errors (the estimator's own, checked against its spread).
@Suite struct VarianceShareTests {
    /// n standard normals from Philox stream (seed, 0, stream), by inversion.
    static func normals(_ n: Int, seed: UInt64, stream: UInt64) -> [Double] {
        var generator = StreamKey(seed: seed, path: 0, stream: stream).generator
        return (0..<n).map { _ in Normal.quantile(generator.nextUniform()) }
    }

    @Test("Y = 3·X₁ + 2·X₂ + ε: S₁ = 9/14, S₂ = 4/14 (independent normals, Var ε = 1)")
    func linear() throws {
        let seed: UInt64 = 17, n = 100_000
        let x1 = Self.normals(n, seed: seed, stream: 1), x2 = Self.normals(n, seed: seed, stream: 2)
        let noise = Self.normals(n, seed: seed, stream: 3)
        let y = (0..<n).map { 3 * x1[$0] + 2 * x2[$0] + noise[$0] }
        let s1 = try #require(VarianceShare.estimate(input: x1, output: y))
        let s2 = try #require(VarianceShare.estimate(input: x2, output: y))
        #expect(abs(s1.share - 9.0 / 14) <= 5 * s1.standardError + 0.002, "S₁ \(s1), seed \(seed)")
        #expect(abs(s2.share - 4.0 / 14) <= 5 * s2.standardError + 0.002, "S₂ \(s2), seed \(seed)")
        #expect(s1.standardError > 0 && s1.standardError < 0.01)
        let none = try #require(VarianceShare.estimate(input: noise.map { -$0 }.reversed(), output: y))
        #expect(none.share <= 5 * none.standardError + 0.002, "an unrelated input explains nothing: \(none)")
    }

    @Test("Y = X²: the input explains all of it though it is uncorrelated with Y (E[Y|X] = Y)")
    func nonlinear() throws {
        let x = Self.normals(50_000, seed: 5, stream: 9)
        let share = try #require(VarianceShare.estimate(input: x, output: x.map { $0 * $0 }))
        #expect(share.share > 0.99, "\(share), seed 5")
    }

    @Test("perfectly correlated inputs each get the share of both; a constant output has none")
    func correlatedAndConstant() throws {
        let x = Self.normals(40_000, seed: 8, stream: 1), e = Self.normals(40_000, seed: 8, stream: 2)
        let y = (0..<x.count).map { x[$0] + e[$0] }
        let a = try #require(VarianceShare.estimate(input: x, output: y))
        let b = try #require(VarianceShare.estimate(input: x.map { 2 * $0 + 1 }, output: y))
        #expect(a.share == b.share, "a monotone transform of the input bins the paths alike")
        #expect(abs(a.share - 0.5) <= 5 * a.standardError + 0.002)
        #expect(VarianceShare.estimate(input: x, output: [Double](repeating: 7, count: x.count)) == nil)
        #expect(VarianceShare.estimate(input: [1, 2], output: [1, 2]) == nil, "too few pairs")
    }
}
