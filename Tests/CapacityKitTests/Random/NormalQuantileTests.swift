import Foundation
import Testing
@testable import CapacityKit

@Suite struct NormalQuantileTests {
    /// The quantile error, measured through libm: one Newton step from x = Φ⁻¹(p)
    /// towards the root of Φ(x) = p (Φ from libm's erfc) moves x by
    /// δ = (Φ(x) − p)/φ(x); AS 241 must have |δ| ≤ 1e-13 · max(1, |x|) in all three
    /// branches (central, intermediate, far tail) and on both sides.
    @Test("AS 241 agrees with libm's erfc to 1e-13")
    func inverseOfLibm() {
        var probabilities: [Double] = [1e-300, 1e-100, 1e-30, 1e-12, 1e-11, 1e-6, 0.001, 0.01, 0.074, 0.075, 0.076]
        probabilities += stride(from: 0.08, through: 0.5, by: 0.01).map { $0 }
        let density = { (x: Double) in exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
        for p in probabilities {
            let x = Normal.quantile(p)
            let step = (Normal.cdf(x) - p) / density(x)
            #expect(abs(step) <= 1e-13 * max(1, abs(x)), "p = \(p): x = \(x), Newton step \(step)")
            // Upper side: Φ⁻¹(1 − q) = −Φ⁻¹(q); 1 − p is rounded, so use the q it represents.
            let q = 1 - (1 - p)
            guard q > 0 else { continue }
            let upper = Normal.quantile(1 - p)
            let upperStep = (Normal.cdf(-upper) - q) / density(upper)
            #expect(abs(upperStep) <= 1e-13 * max(1, abs(upper)), "p = 1 − \(q): x = \(upper), Newton step \(upperStep)")
        }
    }

    /// Published quantiles (Abramowitz & Stegun, Table 26.5; NIST/SEMATECH handbook 1.3.6.7.1).
    @Test("published quantiles")
    func publishedValues() {
        #expect(Normal.quantile(0.5) == 0)
        #expect(abs(Normal.quantile(0.975) - 1.959963984540054) < 1e-14)
        #expect(abs(Normal.quantile(0.9) - 1.2815515655446004) < 1e-14)
        #expect(abs(Normal.quantile(0.99) - 2.3263478740408408) < 1e-14)
        #expect(abs(Normal.quantile(0.05) + 1.6448536269514729) < 1e-14)
    }

    @Test("edges: 0 and 1 give ∓∞, outside [0, 1] gives NaN")
    func edges() {
        #expect(Normal.quantile(0) == -.infinity)
        #expect(Normal.quantile(1) == .infinity)
        #expect(Normal.quantile(-0.1).isNaN)
        #expect(Normal.quantile(1.1).isNaN)
    }
}
