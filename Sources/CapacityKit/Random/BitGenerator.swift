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
    ///     u = (⌊w / 2¹¹⌋ + ½) · 2⁻⁵³
    ///
    /// Never exactly 0 or 1, so `log(u)` and the inverse normal CDF are finite.
    @inlinable
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1p-53 + 0x1p-54
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
