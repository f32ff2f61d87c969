/// The exact sum of non-negative doubles, whatever the order they come in:
/// a long fixed-point accumulator (Kulisch's "exact dot product" register).
///
/// A finite double x ≥ 0 is m · 2^(p − 1074) with integers 0 ≤ m < 2⁵³ and
/// 0 ≤ p ≤ 2045 (p = biased exponent − 1, or 0 for subnormals), so every sum
/// of them is an integer multiple of 2⁻¹⁰⁷⁴. The accumulator keeps that integer
/// in 66 limbs of 32 bits, limb k weighing 2^(32k − 1074); m · 2^(p mod 32)
/// < 2⁸⁵ spreads over three limbs starting at ⌊p/32⌋. Each limb is a `UInt64`
/// holding less than 2³² after carrying, and each addition adds less than 2³²
/// to it, so carries move up every 2³⁰ additions and at each merge (two limbs
/// below 2⁶³ each cannot overflow).
///
/// Additions and merges are integer additions, hence exact and associative:
/// the sum of chunk sums merged in any order is the same integer, and
/// ``value`` (that integer rounded to a double, within a few ulps) is
/// bit-identical on 1 or N threads and for any chunk size.
///
/// Cost: O(1) per ``add(_:)``, O(66) per ``merge(_:)`` and ``value``; 528 bytes.
struct ExactSum: Sendable {
    private static let limbCount = 66
    private static let digitMask: UInt64 = 0xFFFF_FFFF
    /// Additions between carries: a limb stays below (2³⁰ + 1) · 2³² < 2⁶³.
    private static let additionsBeforeCarry = 1 << 30

    private var limbs = [UInt64](repeating: 0, count: ExactSum.limbCount)
    private var additionsSinceCarry = 0

    init() {}

    /// Adds x.
    ///
    /// - Precondition: x is finite and ≥ 0 (a programmer error otherwise).
    mutating func add(_ x: Double) {
        precondition(x.isFinite && x >= 0, "ExactSum adds finite non-negative values; got \(x)")
        let biased = Int(x.exponentBitPattern)
        let m = biased == 0 ? x.significandBitPattern : x.significandBitPattern | 1 << 52
        guard m != 0 else { return }
        let p = max(0, biased - 1)
        let (high, low) = m.multipliedFullWidth(by: 1 << UInt64(p & 31))
        let k = p >> 5
        limbs[k] += low & Self.digitMask
        limbs[k + 1] += low >> 32
        limbs[k + 2] += high
        additionsSinceCarry += 1
        if additionsSinceCarry == Self.additionsBeforeCarry { carry() }
    }

    /// Adds another sum.
    mutating func merge(_ other: ExactSum) {
        for k in limbs.indices { limbs[k] += other.limbs[k] }
        carry()
    }

    /// The sum rounded to a double (+∞ beyond the largest double).
    var value: Double {
        var normal = self
        normal.carry()
        var total = 0.0
        for (k, limb) in normal.limbs.enumerated() where limb != 0 {
            total += Double(sign: .plus, exponent: 32 * k - 1074, significand: Double(limb))
        }
        return total
    }

    /// Moves each limb's bits above 32 into the next limb; the value is unchanged.
    private mutating func carry() {
        for k in 0..<(limbs.count - 1) {
            limbs[k + 1] += limbs[k] >> 32
            limbs[k] &= Self.digitMask
        }
        additionsSinceCarry = 0
    }
}
