/// The Box–Muller transform: two uniform 64-bit words to two independent
/// standard normals (Box and Muller, Ann. Math. Statist. 29(2), 1958).
///
///     u = 1 − ⌊w₀ / 2¹¹⌋ · 2⁻⁵³ ∈ (0, 1]                radius: 53 bits of w₀
///     q = w₁ mod 4,  v = ⌊w₁ / 2¹²⌋ · 2⁻⁵² ∈ [0, 1)     angle: quadrant and 52 bits of w₁
///     r = √(−2 ln u),  θ = (π/2)(q + v − ½)
///     (z₀, z₁) = (r cos θ, r sin θ)
///
/// θ is uniform on the circle. With x = (π/2)(v − ½) ∈ [−π/4, π/4), θ = q·π/2 + x,
/// so (cos θ, sin θ) is (cos x, sin x) turned by q quarter turns: a swap and
/// two sign flips. Only the reduced kernels of ``ElementaryFunctions`` are
/// needed, u and v are built from the bits without integer-to-double
/// conversions, and the transform is branch-free, so loops over it vectorise
/// on any x86-64. |z| ≤ √(106 ln 2) ≈ 8.57.
@usableFromInline
enum BoxMuller {
    @inlinable @inline(__always)
    static func pair(radius radiusWord: UInt64, angle angleWord: UInt64) -> (Double, Double) {
        let one: UInt64 = 0x3FF0_0000_0000_0000 // bits of 1.0; with 52 random significand bits, [1, 2)
        // u = (2 − [1, 2) from bits 12…63) − (bit 11) · 2⁻⁵³, exact: 1 − ⌊w₀ / 2¹¹⌋ · 2⁻⁵³.
        let halfStep = Double(bitPattern: (0 &- (radiusWord >> 11 & 1)) & 0x1p-53.bitPattern)
        let u = (2 - Double(bitPattern: one | radiusWord >> 12)) - halfStep
        // abs: −2 ln u ≥ 0 already; it lets LLVM use the square-root instruction
        // instead of libm's errno-setting sqrt, which blocks vectorisation.
        let r = abs(-2 * ElementaryFunctions.log(u)).squareRoot()
        let v = Double(bitPattern: one | angleWord >> 12) - 1
        let (sine, cosine) = ElementaryFunctions.sinCos((v - 0.5) * (Double.pi / 2))
        // Quarter turns: q = 1 gives (−sin x, cos x), 2 gives (−cos x, −sin x), 3 gives (sin x, −cos x).
        let quadrant = angleWord & 3
        let swapped = quadrant & 1 == 1
        let cosineSign = ((quadrant + 1) & 2) << 62 // quadrants 1 and 2
        let sineSign = (quadrant & 2) << 62         // quadrants 2 and 3
        let x = swapped ? sine : cosine, y = swapped ? cosine : sine
        return (r * Double(bitPattern: x.bitPattern ^ cosineSign), r * Double(bitPattern: y.bitPattern ^ sineSign))
    }
}
