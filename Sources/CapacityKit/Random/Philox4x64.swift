/// The Philox4x64-10 counter-based bit generator (Salmon et al., "Parallel
/// random numbers: as easy as 1, 2, 3", SC 2011; the Random123 library).
///
/// A bijection of a 256-bit counter under a 128-bit key: ten rounds of
///
///     (hi₀, lo₀) = M₀ · c₀,  (hi₁, lo₁) = M₁ · c₂   (64 × 64 → 128-bit products)
///     c ← (hi₁ ⊕ c₁ ⊕ k₀, lo₁, hi₀ ⊕ c₃ ⊕ k₁, lo₀)
///     k ← (k₀ + W₀, k₁ + W₁)                         (between rounds)
///
/// Each block gives four 64-bit words. The stream is frozen: it is checked bit
/// for bit against Random123's `kat_vectors`. 4x64 was chosen over 4x32 because
/// one block yields four 53-bit doubles instead of two, with the same ten rounds.
///
/// Streams are keyed as ``StreamKey`` says: the key holds the seed and the
/// stream id, the counter the path index and the block index, so a path's
/// numbers never depend on which thread or chunk simulates it.
public struct Philox4x64: BitGenerator, Sendable {
    public typealias Block = (UInt64, UInt64, UInt64, UInt64)

    @usableFromInline static let multiplier0: UInt64 = 0xD2E7_470E_E14C_6C93
    @usableFromInline static let multiplier1: UInt64 = 0xCA5A_8263_9512_1157
    @usableFromInline static let weyl0: UInt64 = 0x9E37_79B9_7F4A_7C15
    @usableFromInline static let weyl1: UInt64 = 0xBB67_AE85_84CA_A73B

    /// The 128-bit key.
    public let key: (UInt64, UInt64)
    /// The counter of the next block to encrypt.
    @usableFromInline var counter: Block
    @usableFromInline var buffer: Block = (0, 0, 0, 0)
    /// Index of the next unused word in `buffer`; 4 means empty.
    @usableFromInline var bufferIndex = 4

    /// A generator at `counter` under `key`.
    public init(key: (UInt64, UInt64), counter: Block = (0, 0, 0, 0)) {
        self.key = key
        self.counter = counter
    }

    /// The generator of one random stream: see ``StreamKey``.
    public init(_ stream: StreamKey) {
        self.init(key: (stream.seed, stream.stream), counter: (0, stream.path, 0, 0))
    }

    /// Philox4x64-10 applied to one counter block: the raw bijection.
    @inlinable
    public static func encrypt(_ counter: Block, key: (UInt64, UInt64)) -> Block {
        var c = counter
        var k0 = key.0, k1 = key.1
        for round in 0..<10 {
            if round > 0 { k0 &+= weyl0; k1 &+= weyl1 }
            let p0 = multiplier0.multipliedFullWidth(by: c.0)
            let p1 = multiplier1.multipliedFullWidth(by: c.2)
            c = (p1.high ^ c.1 ^ k0, p1.low, p0.high ^ c.3 ^ k1, p0.low)
        }
        return c
    }

    @inlinable
    public mutating func next() -> UInt64 {
        if bufferIndex == 4 {
            buffer = Self.encrypt(counter, key: key)
            counter.0 &+= 1
            bufferIndex = 0
        }
        defer { bufferIndex += 1 }
        switch bufferIndex {
        case 0: return buffer.0
        case 1: return buffer.1
        case 2: return buffer.2
        default: return buffer.3
        }
    }

    /// Fills `buffer` with raw words, four per encrypted block.
    @inlinable
    public mutating func fill(_ words: UnsafeMutableBufferPointer<UInt64>) {
        var index = words.startIndex
        while index < words.endIndex && bufferIndex < 4 { words[index] = next(); index += 1 }
        while words.endIndex - index >= 4 {
            let block = Self.encrypt(counter, key: key)
            counter.0 &+= 1
            words[index] = block.0; words[index + 1] = block.1
            words[index + 2] = block.2; words[index + 3] = block.3
            index += 4
        }
        while index < words.endIndex { words[index] = next(); index += 1 }
    }

    /// Fills `buffer` with uniform doubles in (0, 1), four per encrypted block.
    @inlinable
    public mutating func fillUniform(_ values: UnsafeMutableBufferPointer<Double>) {
        var index = values.startIndex
        while index < values.endIndex && bufferIndex < 4 { values[index] = nextUniform(); index += 1 }
        while values.endIndex - index >= 4 {
            let block = Self.encrypt(counter, key: key)
            counter.0 &+= 1
            values[index] = Double(block.0 >> 11) * 0x1p-53 + 0x1p-54
            values[index + 1] = Double(block.1 >> 11) * 0x1p-53 + 0x1p-54
            values[index + 2] = Double(block.2 >> 11) * 0x1p-53 + 0x1p-54
            values[index + 3] = Double(block.3 >> 11) * 0x1p-53 + 0x1p-54
            index += 4
        }
        while index < values.endIndex { values[index] = nextUniform(); index += 1 }
    }
}
