/// The mean and variance of a sequence x₀, x₁, …, xₙ₋₁ (one value per Monte
/// Carlo path), accumulated along a fixed binary tree over the indices, so the
/// floating-point result depends only on the values — never on how the
/// sequence was cut into chunks, nor on which thread summed which chunk.
///
/// Each tree node holds the count, mean and sum of squared deviations M₂ of an
/// aligned block [s, s + 2ʲ) (2ʲ divides s), combined from its two halves a, b
/// (Chan, Golub & LeVeque, "Updating formulae and a pairwise algorithm for
/// computing sample variances", 1979):
///
///     n = nₐ + n_b,   δ = x̄_b − x̄ₐ,   x̄ = x̄ₐ + δ·n_b/n,   M₂ = M₂ₐ + M₂_b + δ²·nₐ·n_b/n
///
/// A run [start, end) keeps the aligned blocks it is made of (at most
/// 2·log₂ n), so memory is O(log n); appending the next run merges blocks
/// exactly as appending its values one by one would. Pairwise combination also
/// keeps the rounding error at O(log n) ulps, against O(n) for a running sum.
public struct PairwiseMoments: Sendable, Equatable {
    /// Count, mean and M₂ of a block of values.
    struct Moments: Sendable, Equatable {
        var count: Int
        var mean: Double
        var squaredDeviations: Double

        static let empty = Moments(count: 0, mean: 0, squaredDeviations: 0)

        /// Chan et al.'s combination of two disjoint blocks, `self` first.
        func combined(with other: Moments) -> Moments {
            guard count > 0 else { return other }
            guard other.count > 0 else { return self }
            let n = count + other.count
            let delta = other.mean - mean
            let weight = Double(other.count) / Double(n)
            return Moments(count: n, mean: mean + delta * weight,
                           squaredDeviations: squaredDeviations + other.squaredDeviations
                               + delta * delta * Double(count) * weight)
        }
    }

    /// An aligned block [start, start + moments.count).
    struct Block: Sendable, Equatable {
        var start: Int
        var moments: Moments
    }

    /// Index of the first value.
    public let start: Int
    /// Complete aligned blocks covering [start, end), in index order.
    private(set) var blocks: [Block] = []

    /// An empty run whose first value will have index `start` (≥ 0).
    public init(startingAt start: Int = 0) {
        precondition(start >= 0, "indices start at 0")
        self.start = start
    }

    /// The values of `values`, indices 0, 1, ….
    public init(_ values: some Sequence<Double>) {
        self.init()
        for value in values { append(value) }
    }

    /// One past the last index.
    public var end: Int { blocks.last.map { $0.start + $0.moments.count } ?? start }

    /// Number of values.
    public var count: Int { end - start }

    /// Appends the value with index ``end``. Amortised O(1).
    public mutating func append(_ value: Double) {
        push(Block(start: end, moments: Moments(count: 1, mean: value, squaredDeviations: 0)))
    }

    /// Appends a run that starts where this one ends (`next.start == end`): the
    /// result is bit-identical to appending its values one by one. O(log n).
    public mutating func append(_ next: PairwiseMoments) {
        precondition(next.start == end, "runs must be appended in index order")
        for block in next.blocks { push(block) }
    }

    /// The mean, x̄; NaN without values.
    public var mean: Double { count > 0 ? total.mean : .nan }

    /// The sample variance M₂ / (n − 1); NaN for fewer than two values.
    public var variance: Double { count > 1 ? max(0, total.squaredDeviations) / Double(count - 1) : .nan }

    /// The standard error of the mean, √(variance / n); NaN for fewer than two values.
    public var standardErrorOfMean: Double { (variance / Double(count)).squareRoot() }

    /// All blocks combined, left to right.
    private var total: Moments {
        blocks.reduce(Moments.empty) { $0.combined(with: $1.moments) }
    }

    /// Pushes a complete aligned block starting at ``end`` and merges siblings:
    /// the top two blocks merge when they are the halves of one aligned block.
    private mutating func push(_ block: Block) {
        blocks.append(block)
        while blocks.count >= 2 {
            let right = blocks[blocks.count - 1], left = blocks[blocks.count - 2]
            let size = left.moments.count
            guard right.moments.count == size, left.start % (2 * size) == 0 else { return }
            blocks.removeLast(2)
            blocks.append(Block(start: left.start, moments: left.moments.combined(with: right.moments)))
        }
    }
}
