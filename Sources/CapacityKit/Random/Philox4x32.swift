/// The Philox4x32-10 counter-based bit generator (Salmon et al., "Parallel
/// random numbers: as easy as 1, 2, 3", SC 2011; the Random123 library).
///
/// A bijection of a 128-bit counter under a 64-bit key: ten rounds of
///
///     (hi₀, lo₀) = M₀ · c₀,  (hi₁, lo₁) = M₁ · c₂   (32 × 32 → 64-bit products)
///     c ← (hi₁ ⊕ c₁ ⊕ k₀, lo₁, hi₀ ⊕ c₃ ⊕ k₁, lo₀)
///     k ← (k₀ + W₀, k₁ + W₁)                         (between rounds, mod 2³²)
///
/// Each block gives four 32-bit words, read as two 64-bit words
/// (c₁·2³² + c₀, c₃·2³² + c₂): a 53-bit uniform double takes two 32-bit words,
/// a bulk normal one (``BoxMuller32``: four normals per block). The
/// stream is frozen: it is checked bit for bit against Random123's `kat_vectors`.
///
/// 4x32 rather than 4x64 because its 32 × 32 → 64-bit products vectorise
/// (`vpmuludq`) and 64 × 64 → 128-bit ones do not (the timings against the former
/// Philox4x64-10: `benchmarks/work-estimates.md`).
///
/// Streams are keyed as ``StreamKey`` says: the key is the seed, the counter
/// holds the block index, the path index and the stream id.
public struct Philox4x32: BitGenerator, Sendable {
    public typealias Block = (UInt32, UInt32, UInt32, UInt32)
    public typealias Key = (UInt32, UInt32)

    @usableFromInline static let multiplier0: UInt32 = 0xD251_1F53
    @usableFromInline static let multiplier1: UInt32 = 0xCD9E_8D57
    @usableFromInline static let weyl0: UInt32 = 0x9E37_79B9
    @usableFromInline static let weyl1: UInt32 = 0xBB67_AE85

    /// The 64-bit key.
    public let key: Key
    /// The counter of the next block to encrypt; `counter.0` is the block index.
    @usableFromInline var counter: Block
    @usableFromInline var buffer: (UInt64, UInt64) = (0, 0)
    /// Index of the next unused word in `buffer`; 2 means empty.
    @usableFromInline var bufferIndex = 2

    /// A generator at `counter` under `key`.
    public init(key: Key, counter: Block = (0, 0, 0, 0)) {
        self.key = key
        self.counter = counter
    }

    /// The generator of one random stream: see ``StreamKey``.
    public init(_ stream: StreamKey) {
        self.init(key: Self.key(stream), counter: Self.counter(block: 0, of: stream))
    }

    /// The key of `stream`: its seed, (low, high) 32 bits.
    @inlinable
    public static func key(_ stream: StreamKey) -> Key {
        (UInt32(truncatingIfNeeded: stream.seed), UInt32(truncatingIfNeeded: stream.seed >> 32))
    }

    /// The counter of block `block` of the stream of path `stream.path + pathOffset`:
    /// (block, path, stream id low 32 bits, stream id high 32 bits).
    @inlinable @inline(__always)
    public static func counter(block: UInt32, of stream: StreamKey, pathOffset: UInt32 = 0) -> Block {
        (block, UInt32(truncatingIfNeeded: stream.path) &+ pathOffset,
         UInt32(truncatingIfNeeded: stream.stream), UInt32(truncatingIfNeeded: stream.stream >> 32))
    }

    /// Philox4x32-10 applied to one counter block: the raw bijection.
    ///
    /// Branch-free and fully unrolled, so a loop over many blocks vectorises.
    @inlinable @inline(__always)
    public static func encrypt(_ counter: Block, key: Key) -> Block {
        var (c0, c1, c2, c3) = counter
        var (k0, k1) = key
        for round in 0..<10 {
            if round > 0 { k0 &+= weyl0; k1 &+= weyl1 }
            let p0 = UInt64(multiplier0) &* UInt64(c0)
            let p1 = UInt64(multiplier1) &* UInt64(c2)
            (c0, c1, c2, c3) = (UInt32(truncatingIfNeeded: p1 >> 32) ^ c1 ^ k0, UInt32(truncatingIfNeeded: p1),
                                UInt32(truncatingIfNeeded: p0 >> 32) ^ c3 ^ k1, UInt32(truncatingIfNeeded: p0))
        }
        return (c0, c1, c2, c3)
    }

    /// The two 64-bit words of an encrypted block: (c₁·2³² + c₀, c₃·2³² + c₂).
    @inlinable @inline(__always)
    public static func words(_ block: Block) -> (UInt64, UInt64) {
        (UInt64(block.1) << 32 | UInt64(block.0), UInt64(block.3) << 32 | UInt64(block.2))
    }

    /// The next word: words 2k and 2k + 1 are the two words of block k.
    ///
    /// - Precondition: a stream has 2³² − 1 blocks (2³³ − 2 words); encrypting
    ///   block 2³² − 1 traps (the block index would wrap and repeat the stream).
    @inlinable
    public mutating func next() -> UInt64 {
        if bufferIndex == 2 {
            buffer = Self.words(Self.encrypt(counter, key: key))
            counter.0 += 1
            bufferIndex = 0
        }
        defer { bufferIndex += 1 }
        return bufferIndex == 0 ? buffer.0 : buffer.1
    }
}
