import Foundation

/// The gamma distribution with shape k and scale θ (mean kθ, variance kθ²).
///
/// Marsaglia and Tsang, "A simple method for generating gamma variables",
/// ACM TOMS 26(3), 2000: for k ≥ 1, with d = k − ⅓ and c = 1/√(9d),
/// accept X = d·v, v = (1 + cZ)³, when ln U < Z²/2 + d − d·v + d·ln v.
/// For k < 1, X = Gamma(k + 1) · U^(1/k).
public struct Gamma: Distribution {
    public let shape: Double
    public let scale: Double

    /// - Precondition: `shape > 0`, `scale > 0`, both finite.
    public init(shape: Double, scale: Double = 1) {
        precondition(shape.isFinite && shape > 0 && scale.isFinite && scale > 0,
                     "Gamma needs shape > 0 and scale > 0")
        self.shape = shape
        self.scale = scale
    }

    public func sample<G: BitGenerator>(using generator: inout G) -> Double {
        if shape < 1 {
            let boosted = Gamma(shape: shape + 1).sample(using: &generator)
            return scale * boosted * pow(generator.nextUniform(), 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            let z = Normal.quantile(generator.nextUniform())
            let t = 1 + c * z
            guard t > 0 else { continue }
            let v = t * t * t
            let u = generator.nextUniform()
            if log(u) < 0.5 * z * z + d - d * v + d * log(v) { return scale * d * v }
        }
    }
}
