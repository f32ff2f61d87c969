/// Branch-free logarithm, sine and cosine for the bulk loops of the random module.
///
/// Plain arithmetic and bit manipulation only: no libm calls and no branches,
/// so a loop over them vectorises. Each is checked against libm in tests.
@usableFromInline
enum ElementaryFunctions {
    /// The natural logarithm of a positive, finite, normal (not subnormal) x.
    ///
    ///     x = 2ᵉ · m,  m ∈ [√½, √2)                       (from the bits)
    ///     ln x = e · ln 2 + 2 atanh(s),  s = (m − 1)/(m + 1),  |s| ≤ 0.1716
    ///     2 atanh(s) = 2s (1 + s²/3 + s⁴/5 + … + s¹⁸/19)
    ///
    /// The series is cut after s¹⁸/19, leaving s²⁰/21 < 3e-17 relative, and ln 2
    /// is split into a 32-bit head (so e · head is exact) and a tail. Outside the
    /// domain the result is meaningless (no NaN or infinity handling).
    @inlinable @inline(__always)
    static func log(_ x: Double) -> Double {
        // Adding (bits of 1) − (bits of √½) carries into the exponent field exactly
        // when the significand is ≥ √2, so the field holds 1023 + e, read exactly
        // as (2⁵² + field) − 2⁵²; the significand field plus the bits of √½ is m.
        let rootHalf: UInt64 = 0x3FE6_A09E_667F_3BCD // bits of √½
        let biased = x.bitPattern &+ (0x3FF0_0000_0000_0000 &- rootHalf)
        let exponent = Double(bitPattern: 0x4330_0000_0000_0000 | biased >> 52) - (0x1p52 + 1023)
        let m = Double(bitPattern: (biased & 0x000F_FFFF_FFFF_FFFF) &+ rootHalf)
        let f = m - 1
        let s = f / (2 + f)
        let z = s * s
        // Σ zᵏ/(2k + 3), k = 0…8, by Estrin's scheme (short dependency chains).
        let z2 = z * z, z4 = z2 * z2
        let series = (1.0 / 3 + z * (1.0 / 5)) + z2 * (1.0 / 7 + z * (1.0 / 9))
            + z4 * ((1.0 / 11 + z * (1.0 / 13)) + z2 * (1.0 / 15 + z * (1.0 / 17)) + z4 * (1.0 / 19))
        let logM = 2 * s + 2 * s * (z * series)
        let ln2Head = 0x1.62e42fee00000p-1, ln2Tail = 0x1.a39ef35793c76p-33
        return exponent * ln2Head + (exponent * ln2Tail + logM)
    }

    /// sin x and cos x for |x| ≤ π/4, by their Taylor series in z = x²:
    ///
    ///     sin x = x (1 − z/3! + z²/5! − … − z⁷/15!)   (first term left out: x¹⁷/17! < 5e-17)
    ///     cos x = 1 − z/2! + z²/4! − … + z⁸/16!       (first term left out: x¹⁸/18! < 3e-18)
    @inlinable @inline(__always)
    static func sinCos(_ x: Double) -> (sin: Double, cos: Double) {
        let z = x * x, z2 = z * z, z4 = z2 * z2
        let sine = (-1.0 / 6 + z * (1.0 / 120)) + z2 * (-1.0 / 5040 + z * (1.0 / 362_880))
            + z4 * ((-1.0 / 39_916_800 + z * (1.0 / 6_227_020_800)) + z2 * (-1.0 / 1_307_674_368_000))
        let cosine = (-0.5 + z * (1.0 / 24)) + z2 * (-1.0 / 720 + z * (1.0 / 40320))
            + z4 * ((-1.0 / 3_628_800 + z * (1.0 / 479_001_600)) + z2 * (-1.0 / 87_178_291_200 + z * (1.0 / 20_922_789_888_000)))
        return (x + x * (z * sine), 1 + z * cosine)
    }
}
