import Foundation

/// The normal distribution N(mean, sd²), drawn by inversion.
///
///     X = mean + sd · Φ⁻¹(U)
///
/// Φ⁻¹ is Wichura's algorithm AS 241 (PPND16, Applied Statistics 37(3), 1988),
/// relative error about 1e-16. Inversion spends exactly one 64-bit word per
/// draw, so streams stay aligned, and its central branch (85 % of draws) is a
/// branch-free rational function that the compiler vectorises.
public struct Normal: Distribution {
    public let mean: Double
    public let standardDeviation: Double

    /// - Precondition: `standardDeviation ≥ 0`, both finite.
    public init(mean: Double = 0, standardDeviation: Double = 1) {
        precondition(mean.isFinite && standardDeviation.isFinite && standardDeviation >= 0,
                     "Normal needs a finite mean and sd ≥ 0")
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    @inlinable
    public func sample<G: BitGenerator>(using generator: inout G) -> Double {
        mean + standardDeviation * Normal.quantile(generator.nextUniform())
    }

    /// Fills `buffer` with standard normal draws, exactly as ``quantile(_:)`` of
    /// successive uniforms, in two passes: the branch-free central rational
    /// function over the whole buffer (a loop the compiler vectorises), then the
    /// tail branch for the 15 % of values with |u − ½| > 0.425.
    @inlinable
    public static func fillStandard<G: BitGenerator>(
        _ buffer: UnsafeMutableBufferPointer<Double>, using generator: inout G
    ) {
        generator.fillUniform(buffer)
        transformUniforms(buffer)
    }

    /// Replaces uniforms in (0, 1) by Φ⁻¹ of them, in place (see ``fillStandard(_:using:)``).
    public static func transformUniforms(_ buffer: UnsafeMutableBufferPointer<Double>) {
        guard let base = buffer.baseAddress else { return }
        var tails = 0
        for index in 0..<buffer.count {
            let q = base[index] - 0.5
            let r = 0.180625 - q * q
            let central = q * centralNumerator(r) / centralDenominator(r)
            tails &+= abs(q) > 0.425 ? 1 : 0
            // Keep the uniform where the tail formula must be used.
            base[index] = abs(q) > 0.425 ? base[index] + 2 : central
        }
        guard tails > 0 else { return }
        for index in 0..<buffer.count where base[index] >= 1.5 {
            base[index] = tailQuantile(base[index] - 2)
        }
    }

    @inlinable
    static func centralNumerator(_ r: Double) -> Double {
        (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r
            + 6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r
            + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
            + 1.3314166789178437745e2) * r + 3.3871328727963666080e0)
    }

    @inlinable
    static func centralDenominator(_ r: Double) -> Double {
        (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r
            + 3.9307895800092710610e4) * r + 2.1213794301586595867e4) * r
            + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
            + 4.2313330701600911252e1) * r + 1.0)
    }

    /// The standard normal CDF, Φ(x) = ½ erfc(−x/√2) (libm's erfc).
    @inlinable
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x * 0.70710678118654752440)
    }

    /// The standard normal quantile Φ⁻¹(p) for p in (0, 1) (AS 241).
    ///
    /// Returns −∞ at 0 and +∞ at 1; NaN outside [0, 1].
    @inlinable
    public static func quantile(_ p: Double) -> Double {
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            return q * centralNumerator(r) / centralDenominator(r)
        }
        return tailQuantile(p)
    }

    /// Φ⁻¹(p) for |p − ½| > 0.425: the two outer branches of AS 241.
    @usableFromInline
    static func tailQuantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        let q = p - 0.5
        var r = sqrt(-log(q < 0 ? p : 1 - p))
        let value: Double
        if r <= 5 {
            r -= 1.6
            value = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                + 2.41780725177450611770e-1) * r + 1.27045825245236838258e0) * r
                + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
                + 4.63033784615654529590e0) * r + 1.42343711074968357734e0)
                / (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
                + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
                + 2.05319162663775882187e0) * r + 1.0)
        } else {
            r -= 5
            value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
                + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
                + 5.46378491116411436990e0) * r + 6.65790464350110377720e0)
                / (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
                + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
                + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                + 5.99832206555887937690e-1) * r + 1.0)
        }
        return q < 0 ? -value : value
    }
}
