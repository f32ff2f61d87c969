/// The identity of one random stream: (seed, path index, stream id).
///
/// Every random number of a simulation comes from the stream of the path it
/// belongs to and the purpose it serves (growth, peak factor, a service's
/// noise, …). The stream depends on nothing else, so results are identical
/// whatever the thread count or chunk size. With ``Philox4x32`` the seed is the
/// 64-bit key and the 128-bit counter is (block index, path index, stream id):
/// 32, 32 and 64 bits. All streams of a seed are disjoint runs of counters of
/// one bijection, and each stream has 2³² − 1 blocks (2³³ − 2 64-bit words) of
/// its own. Stream ids use all 64 bits (e.g. purpose · 2³² + index); path
/// indices are below 2³² (the engines cap runs at 10⁸ paths).
public struct StreamKey: Hashable, Sendable {
    public let seed: UInt64
    public let path: UInt64
    public let stream: UInt64

    /// - Precondition: `path < 2³²` (it fills one 32-bit counter word).
    public init(seed: UInt64, path: UInt64, stream: UInt64) {
        precondition(path <= UInt64(UInt32.max), "StreamKey needs a path index below 2³²")
        self.seed = seed
        self.path = path
        self.stream = stream
    }

    /// The Philox generator of this stream.
    public var generator: Philox4x32 { Philox4x32(self) }
}
