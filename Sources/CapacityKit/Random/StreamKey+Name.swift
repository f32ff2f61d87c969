extension StreamKey {
    /// The stream id of a named random input (`traffic.growth`,
    /// `services.api.noise`, …): the 64-bit FNV-1a hash of its UTF-8 name
    /// (Fowler, Noll & Vo; offset basis 14695981039346656037, prime 1099511628211).
    ///
    /// Keyed by name, never by list position, so reordering a model's services or
    /// pools changes no number; and anything compared with something else (scaling
    /// options, scenarios) draws the same inputs: common random numbers.
    public static func id(named name: String) -> UInt64 {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash &*= 1_099_511_628_211
        }
        return hash
    }
}
