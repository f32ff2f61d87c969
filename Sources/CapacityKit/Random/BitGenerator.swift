/// A source of uniformly distributed random bits, and nothing more.
///
/// Distributions (``Normal``, ``Gamma``, …) turn these bits into values; they
/// work over any `BitGenerator`, as NumPy's `Generator` works over any
/// `BitGenerator`. Implementations must be deterministic: the same state
/// always yields the same words.
public protocol BitGenerator {
    /// The next 64 uniformly distributed bits.
    mutating func next() -> UInt64
}

extension BitGenerator {
    /// A uniform double in the open interval (0, 1) with 53 random bits:
    ///
    ///     u = (min(⌊w / 2¹¹⌋, 2⁵³ − 2) + 1) · 2⁻⁵³
    ///
    /// Every multiple of 2⁻⁵³ strictly inside (0, 1), each with probability 2⁻⁵³
    /// (the largest, 1 − 2⁻⁵³, with 2⁻⁵²); computed exactly. Never 0 or 1, so
    /// `log(u)` and the inverse normal CDF are finite.
    @inlinable
    public mutating func nextUniform() -> Double {
        let step: UInt64 = min(next() >> 11, (1 << 53) - 2)
        return Double(step + 1) * 0x1p-53
    }

    /// Fills `buffer` with uniform doubles in (0, 1), as ``nextUniform()``.
    @inlinable
    public mutating func fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>) {
        for index in buffer.indices { buffer[index] = nextUniform() }
    }

    /// Fills `buffer` with raw 64-bit words.
    @inlinable
    public mutating func fill(_ buffer: UnsafeMutableBufferPointer<UInt64>) {
        for index in buffer.indices { buffer[index] = next() }
    }
}
