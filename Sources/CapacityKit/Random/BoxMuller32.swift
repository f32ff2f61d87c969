/// The Box–Muller transform in single precision: two uniform 32-bit words to
/// two independent standard normals, the transform of the bulk fills
/// (``Normal/fillStandard(_:draws:paths:startingAt:)``: a Philox4x32 block's four
/// words give four normals).
///
///     u = (w₀ + 1) · 2⁻³² ∈ [2⁻³², 1], rounded once to Float   radius: all 32 bits of w₀
///     q = w₁ mod 4,  v = ⌊w₁ / 2⁹⌋ · 2⁻²³ ∈ [0, 1)             angle: quadrant and 23 bits of w₁
///     r = √(−2 ln u),  θ = (π/2)(q + v − ½)
///     (z₀, z₁) = (r cos θ, r sin θ)
///
/// Every operation is in Float (24-bit significands): the normals feed memory
/// figures whose own noise is percent-level. The largest |z| is
/// √(−2 ln 2⁻³²) = √(64 ln 2) ≈ 6.660; beyond it the normal has probability
/// 2.7·10⁻¹¹, which no run of at most 10⁸ paths can see (the double-precision
/// ``BoxMuller``, 53 bits, reaches 8.57). Against the formula in exact arithmetic
/// (u as rounded above) the error is below 6·10⁻⁷, 2.3·10⁻⁷ · max(1, |z|).
///
/// How: u's two 16-bit halves are exact in Float, so their sum is u rounded once.
/// ln u as ``ElementaryFunctions/log(_:)`` does it, in Float: x = 2ᵉ·m,
/// m ∈ [√½, √2), 2 atanh(s) to s⁹ (truncation below 10⁻⁹), ln 2 split as Cephes'
/// `logf` splits it (the head times e ≤ 32 is exact). sin and cos of
/// x = (π/2)(v − ½) ∈ [−π/4, π/4) by Cephes' `sinf`/`cosf` minimax polynomials
/// (S. L. Moshier, Cephes Math Library 2.2), turned by q quarter turns (a swap and
/// two sign flips, as in ``BoxMuller``). Branch-free, no libm, no fused
/// multiply-add: the C kernels (`kernels_body.h`, `ck_box_muller32`) compute the
/// same operations in the same order, bit for bit.
@usableFromInline
enum BoxMuller32 {
    /// The two normals of one radius word and one angle word.
    @inlinable @inline(__always)
    static func pair(radius: UInt32, angle: UInt32) -> (Float, Float) {
        let u = Float(Int32(radius >> 16)) * 0x1p-16 + (Float(Int32(radius & 0xFFFF)) + 1) * 0x1p-32
        let r = abs(-2 * log(u)).squareRoot()
        let v = Float(bitPattern: 0x3F80_0000 | angle >> 9) - 1
        let x = (v - 0.5) * 0x1.921fb6p0
        let z = x * x
        let sine = x + x * (z * (-0x1.555546p-3 + z * (0x1.11073cp-7 + z * -0x1.9943f2p-13)))
        let cosine = 1 + (z * z * (0x1.55554ap-5 + z * (-0x1.6c0c34p-10 + z * 0x1.99eb9cp-16)) - 0.5 * z)
        let quadrant = angle & 3
        let cosineSign = ((quadrant + 1) & 2) << 30 // quadrants 1 and 2
        let sineSign = (quadrant & 2) << 30         // quadrants 2 and 3
        let swapped = quadrant & 1 == 1
        let a = swapped ? sine : cosine, b = swapped ? cosine : sine
        return (r * Float(bitPattern: a.bitPattern ^ cosineSign), r * Float(bitPattern: b.bitPattern ^ sineSign))
    }

    /// ln x in Float for a positive, finite, normal x (see the type's comment).
    @inlinable @inline(__always)
    static func log(_ x: Float) -> Float {
        let rootHalf: UInt32 = 0x3F35_04F3 // √½ rounded to Float
        let biased = x.bitPattern &+ (0x3F80_0000 &- rootHalf)
        let exponent = Float(Int32(biased >> 23) - 127)
        let m = Float(bitPattern: (biased & 0x007F_FFFF) &+ rootHalf)
        let f = m - 1
        let s = f / (2 + f)
        let z = s * s
        let series: Float = 0x1.555556p-2 + z * (0x1.99999ap-3 + z * (0x1.24924ap-3 + z * 0x1.c71c72p-4))
        let logM = 2 * s + 2 * s * (z * series)
        return exponent * 0x1.63p-1 + (exponent * -0x1.bd0106p-13 + logM)
    }
}
