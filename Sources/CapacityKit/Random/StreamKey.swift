/// The identity of one random stream: (seed, path index, stream id).
///
/// Every random number of a simulation comes from the stream of the path it
/// belongs to and the purpose it serves (growth, peak factor, a service's
/// noise, …). The stream depends on nothing else, so results are identical
/// whatever the thread count or chunk size. With ``Philox4x64`` the seed and
/// stream id form the key and the path index the second counter word, which
/// gives each stream 2⁶⁴ blocks of its own.
public struct StreamKey: Hashable, Sendable {
    public var seed: UInt64
    public var path: UInt64
    public var stream: UInt64

    public init(seed: UInt64, path: UInt64, stream: UInt64) {
        self.seed = seed
        self.path = path
        self.stream = stream
    }

    /// The Philox generator of this stream.
    public var generator: Philox4x64 { Philox4x64(self) }
}
