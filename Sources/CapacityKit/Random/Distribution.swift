/// A probability distribution that draws values from any ``BitGenerator``.
///
/// Distributions hold parameters only; all randomness comes from the
/// generator passed in, so the same stream always yields the same values.
public protocol Distribution: Sendable {
    associatedtype Value
    /// One draw.
    func sample<G: BitGenerator>(using generator: inout G) -> Value
}

extension Distribution {
    /// `count` independent draws.
    public func samples<G: BitGenerator>(_ count: Int, using generator: inout G) -> [Value] {
        (0..<count).map { _ in sample(using: &generator) }
    }
}
