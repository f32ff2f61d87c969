import Foundation

/// The normal distribution N(mean, sd²).
///
/// One draw at a time (``sample(using:)``) is by inversion,
///
///     X = mean + sd · Φ⁻¹(U)
///
/// with Φ⁻¹ Wichura's algorithm AS 241 (PPND16, Applied Statistics 37(3), 1988),
/// relative error about 1e-16: one word per draw and no state, which a
/// `Distribution` value cannot keep. Bulk fills of standard normals
/// (``fillStandard(_:using:)``, ``fillStandard(_:draws:paths:startingAt:)``)
/// use the branch-free, vectorised single-precision ``BoxMuller32`` instead,
/// two values per 64-bit word (32-bit uniforms, |z| ≤ 6.66): N(0, 1) to within
/// Float's precision, but not the values that ``sample(using:)`` would give
/// from the same words.
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

    /// How many normals one Philox4x32 block gives the bulk fills (its four 32-bit words,
    /// two ``BoxMuller32`` pairs); a fill starts at a multiple of it.
    public static let drawsPerBlock = 4

    /// Fills `buffer` with standard normals: values 2k and 2k + 1 are ``BoxMuller32``
    /// of word k of `generator`, its low 32 bits the radius, its high 32 bits the angle,
    /// widened to Double.
    ///
    /// Consumes ⌈n/2⌉ words for n values (an odd count drops the last sine).
    @inlinable
    public static func fillStandard<G: BitGenerator>(
        _ buffer: UnsafeMutableBufferPointer<Double>, using generator: inout G
    ) {
        var index = buffer.startIndex
        while index < buffer.endIndex {
            let word = generator.next()
            let (z0, z1) = BoxMuller32.pair(radius: UInt32(truncatingIfNeeded: word), angle: UInt32(truncatingIfNeeded: word >> 32))
            buffer[index] = Double(z0)
            if index + 1 < buffer.endIndex { buffer[index + 1] = Double(z1) }
            index += 2
        }
    }

    /// Fills `buffer` with the first `draws` standard normals of the streams of
    /// `paths` consecutive paths, draw-major:
    ///
    ///     buffer[d · paths + i] = value d of stream (first.seed, first.path + i, first.stream)
    ///
    /// where value d of a stream is value d of ``fillStandard(_:using:)`` over its
    /// ``StreamKey/generator``: draws 4k … 4k + 3 are ``BoxMuller32`` of the four
    /// 32-bit words (x₀, x₁), (x₂, x₃) of the stream's Philox block k. Block k of all
    /// the paths is encrypted and transformed in one branch-free loop over the paths,
    /// which vectorises because the path index is a counter word, and stored as four
    /// contiguous rows; the loop is a C kernel compiled for several instruction
    /// sets (``VectorKernels``), chosen at run time, all giving the same bits.
    /// Each path uses its blocks 0 ..< ⌈draws/4⌉, nothing else,
    /// so the values depend on neither `paths` nor how a run is chunked.
    ///
    /// Complexity: O(draws · paths).
    ///
    /// - Precondition: `buffer.count == draws · paths`; `draws ≤ 4 · (2³² − 1)` (a
    ///   stream's 2³² − 1 blocks); the path indices stay below 2³² (see ``StreamKey``).
    public static func fillStandard(
        _ buffer: UnsafeMutableBufferPointer<Double>, draws: Int, paths: Int, startingAt first: StreamKey
    ) {
        fillStandard(buffer, draws: draws, paths: paths, startingAt: first, fromDraw: 0, kernels: .best)
    }

    /// Draws `firstDraw ..< firstDraw + draws` of the streams of `paths` consecutive paths,
    /// draw-major, as ``fillStandard(_:draws:paths:startingAt:)`` gives them:
    ///
    ///     buffer[d · paths + i] = value firstDraw + d of stream (first.seed, first.path + i, first.stream)
    ///
    /// so a simulation can draw its months four at a time (a block each) and get, number for
    /// number, what drawing them all at once gives. Complexity: O(draws · paths).
    ///
    /// - Precondition: `firstDraw` is a multiple of ``drawsPerBlock`` (draws 4k … 4k + 3 share a
    ///   Philox block) and `firstDraw + draws ≤ 4 · (2³² − 1)`; as
    ///   ``fillStandard(_:draws:paths:startingAt:)`` otherwise.
    public static func fillStandard(
        _ buffer: UnsafeMutableBufferPointer<Double>, draws: Int, paths: Int, startingAt first: StreamKey,
        fromDraw firstDraw: Int
    ) {
        fillStandard(buffer, draws: draws, paths: paths, startingAt: first, fromDraw: firstDraw, kernels: .best)
    }

    /// ``fillStandard(_:draws:paths:startingAt:fromDraw:)`` with a given variant of the C kernels
    /// (every variant gives the same values; tests check it).
    static func fillStandard(
        _ buffer: UnsafeMutableBufferPointer<Double>, draws: Int, paths: Int, startingAt first: StreamKey,
        fromDraw firstDraw: Int = 0, kernels: VectorKernels
    ) {
        precondition(draws >= 0 && paths >= 0 && buffer.count == draws * paths,
                     "fillStandard needs a buffer of draws × paths values")
        precondition(firstDraw >= 0 && firstDraw % drawsPerBlock == 0, "fillStandard starts at a multiple of 4 draws")
        precondition(firstDraw + draws <= drawsPerBlock * Int(UInt32.max),
                     "fillStandard draws at most 4 · (2³² − 1) values per stream")
        precondition(paths == 0 || UInt64(paths - 1) <= UInt64(UInt32.max) - first.path, "fillStandard path index past 2³² − 1")
        guard let base = buffer.baseAddress, paths > 0 else { return }
        kernels.fillNormals(base, draws: draws, paths: paths, seed: first.seed, firstPath: UInt32(first.path),
                            stream: first.stream, firstDraw: firstDraw)
    }

    /// The Swift reference of ``fillStandard(_:draws:paths:startingAt:fromDraw:)``, value for value what
    /// the C kernels compute (tests compare them): Philox block k of every path, then ``BoxMuller32``
    /// of its words (x₀, x₁) and (x₂, x₃).
    static func fillStandardReference(
        _ buffer: UnsafeMutableBufferPointer<Double>, draws: Int, paths: Int, startingAt first: StreamKey,
        fromDraw firstDraw: Int = 0
    ) {
        precondition(draws >= 0 && paths >= 0 && buffer.count == draws * paths,
                     "fillStandard needs a buffer of draws × paths values")
        precondition(firstDraw >= 0 && firstDraw % drawsPerBlock == 0, "fillStandard starts at a multiple of 4 draws")
        guard let base = buffer.baseAddress else { return }
        let key = Philox4x32.key(first)
        for block in 0..<((draws + 3) / 4) {
            for i in 0..<paths {
                let counter = Philox4x32.counter(block: UInt32(firstDraw / 4 + block), of: first,
                                                 pathOffset: UInt32(truncatingIfNeeded: i))
                let (x0, x1, x2, x3) = Philox4x32.encrypt(counter, key: key)
                let (z0, z1) = BoxMuller32.pair(radius: x0, angle: x1)
                let (z2, z3) = BoxMuller32.pair(radius: x2, angle: x3)
                for (j, z) in [z0, z1, z2, z3].enumerated() where 4 * block + j < draws {
                    base[(4 * block + j) * paths + i] = Double(z)
                }
            }
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
