/// A histogram of non-negative values in logarithmic bins, for quantiles of
/// Monte Carlo output with bounded memory and exact, order-free merging.
///
/// A positive double's bin is its bit pattern shifted right by 52 − 10 bits:
/// its binary exponent and the top 10 mantissa bits. Each bin spans a relative
/// width of at most 2⁻¹⁰, and a quantile is reported at the bin's midpoint, so
/// its relative error is below 2⁻¹¹ ≈ 0.05 % (2^(L − 11) in a histogram with a
/// ``binLimit`` whose values outgrow it, at ``level`` L; the error of binning; the
/// Monte Carlo error comes on top). Values below 2⁻⁶⁰ ≈ 8.7 · 10⁻¹⁹ count
/// as zero, so small probabilities keep their bins.
///
/// Counts are integers, so merging chunk histograms in any order gives the
/// same histogram: quantiles are bit-identical on 1 or N threads. Storage is
/// dense over the range of bins seen: a few thousand counts for a month's
/// memory, whatever the path count, and, with a ``binLimit`` (the forecast's, ``maximumBins``),
/// never more than that however wide the values spread (see ``level``), in two tiers: values are counted into
/// 16-bit counts (`recent`), which fold into the full ones (`counts`) before
/// they could overflow. A bin's count is the sum of the two.
public struct QuantileHistogram: Sendable, Equatable {
    @usableFromInline static let mantissaBits: UInt64 = 10
    @usableFromInline static let shift: UInt64 = 52 - mantissaBits
    /// Values below this count as zero.
    @usableFromInline static let smallest = 0x1p-60

    /// The most bins a forecast's histograms keep (plus ``slack`` on each side): 8,192,
    /// eight octaves at full resolution. Values spread wider are counted in coarser bins
    /// (``level``), so such a histogram holds at most about 82 KB whatever the values.
    public static let maximumBins = 8_192

    /// The most bins this histogram keeps before it coarsens (``level``); nil: no limit,
    /// full resolution always (a single histogram of a few probabilities or outcomes).
    public private(set) var binLimit: Int?

    /// Number of values below ``smallest`` (zeros).
    public private(set) var zeros = 0
    /// Extra bits dropped from a bin index: 0 without a ``binLimit`` or while the values
    /// seen span at most that many full-resolution bins, else the least L that brings
    /// their span to that many bins of 2ᴸ each, so a bin's relative width is at most 2^(L − 10).
    ///
    ///     L = min { L ≥ 0 : (high ≫ L) − (low ≫ L) + 1 ≤ binLimit }
    ///
    /// (low, high: the full-resolution bins of the least and greatest value ≥ ``smallest``).
    /// It depends only on those two values, never on the order values arrive in or on how
    /// partial histograms are merged, so a coarsened histogram is still bit-identical
    /// on 1 or N threads.
    public private(set) var level = 0
    /// The least value ≥ ``smallest`` added (infinity when none).
    var lowestBinned = Double.infinity
    /// Bin index of `counts[0]`.
    @usableFromInline var firstBin = 0
    @usableFromInline var counts: [Int] = []
    /// The counts added since the last fold, bin for bin with `counts`, plus one scratch slot
    /// (always 0) for the counting kernel. A quarter of the bytes of `counts`, so a wide
    /// histogram's cache lines are fetched four times less often when values are counted.
    var recent: [UInt16] = []
    /// How many values `recent` holds: at most ``recentLimit``, so no count of it overflows.
    var recentCount = 0
    static let recentLimit = Int(UInt16.max)
    public private(set) var count = 0
    /// The smallest and largest value added (quantiles are clamped to them, so a
    /// quantity that is the same on every path is reported exactly).
    public private(set) var minimum = Double.infinity
    public private(set) var maximum = -Double.infinity

    public init() {}

    /// A histogram that keeps at most `maximumBins` bins (see ``level``): the forecast's
    /// tallies, a histogram per month, resource and worker, use ``maximumBins``.
    public init(maximumBins: Int) {
        precondition(maximumBins >= 2, "a histogram needs at least two bins")
        binLimit = maximumBins
    }

    @inlinable
    static func bin(of value: Double) -> Int { Int(truncatingIfNeeded: value.bitPattern >> shift) }

    /// The level (``level``) that full-resolution bins `low…high` need under `limit` bins.
    static func level(low: Int, high: Int, limit: Int = maximumBins) -> Int {
        var level = 0
        while (high >> level) - (low >> level) + 1 > limit { level += 1 }
        return level
    }

    /// The relative width of a bin, at most: 2^(level − 10). A capacity read from a quantile
    /// is widened by it (``ResourceMonth/demandBound(byFewerThan:)``).
    public var relativeBinWidth: Double { Double(sign: .plus, exponent: level - Int(Self.mantissaBits), significand: 1) }

    /// Coarsens to `newLevel` (≥ ``level``): bin b becomes bin b ≫ (newLevel − level).
    private mutating func coarsen(to newLevel: Int) {
        guard newLevel > level else { return }
        defer { level = newLevel }
        guard !counts.isEmpty else { return }
        if recentCount > 0 { foldRecent() }
        let drop = newLevel - level
        let newFirst = firstBin >> drop, newLast = (firstBin + counts.count - 1) >> drop
        var coarse = [Int](repeating: 0, count: newLast - newFirst + 1)
        for index in counts.indices { coarse[((firstBin + index) >> drop) - newFirst] += counts[index] }
        firstBin = newFirst
        counts = coarse
        recent = [UInt16](repeating: 0, count: coarse.count + 1)
    }

    /// Coarsens as far as the binned values' range needs (``level``).
    private mutating func coarsenToRange() {
        guard let binLimit, lowestBinned.isFinite, maximum >= Self.smallest else { return }
        coarsen(to: max(level, Self.level(low: Self.bin(of: lowestBinned), high: Self.bin(of: maximum), limit: binLimit)))
    }

    /// Adds the values of `buffer` (non-negative and finite; negatives count as zero).
    ///
    /// Two passes, both C kernels (``VectorKernels``): a branch-free one (which
    /// vectorises) finds the range of the values and grows the dense bins to
    /// cover it; a lean one counts. NaN is not allowed (values come from the
    /// engines, never from users).
    public mutating func add(_ buffer: UnsafeBufferPointer<Double>) {
        add(buffer, kernels: .best)
    }

    /// ``add(_:)`` with a given variant of the C kernels (all count alike; tests check it).
    mutating func add(_ buffer: UnsafeBufferPointer<Double>, kernels: VectorKernels) {
        guard let values = buffer.baseAddress, !buffer.isEmpty else { return }
        add(buffer, range: kernels.histogramRange(values, count: buffer.count, smallestBits: Self.smallestBits),
            kernels: kernels)
    }

    /// The range of some values as bit patterns read as Int64: the lowest, the highest, and the
    /// lowest ≥ ``smallestBits`` (Int64.max when none is). For doubles ≥ +0 the bit pattern, read
    /// as Int64, orders like the value, and every negative value (or −0) reads as a negative
    /// integer: integer min/max reductions vectorise where floating-point ones do not.
    typealias BitRange = (lowest: Int64, highest: Int64, lowestBinned: Int64)

    /// The bit pattern of ``smallest``, as Int64.
    static let smallestBits = Int64(bitPattern: smallest.bitPattern)

    /// ``add(_:)`` of values whose range a kernel that read them anyway has found (the
    /// forecast's observers do): only the counting pass is left.
    mutating func add(_ buffer: UnsafeBufferPointer<Double>, range: BitRange, kernels: VectorKernels) {
        guard let values = buffer.baseAddress, !buffer.isEmpty else { return }
        let n = buffer.count, smallestBits = Self.smallestBits
        let (lowest, highest, lowestBinned) = range
        minimum = min(minimum, lowest < 0 ? 0 : Double(bitPattern: UInt64(lowest)))
        maximum = max(maximum, highest < 0 ? 0 : Double(bitPattern: UInt64(highest)))
        count += n
        guard highest >= smallestBits else { zeros += n; return }
        self.lowestBinned = min(self.lowestBinned, Double(bitPattern: UInt64(lowestBinned)))
        coarsenToRange()
        let shift = Int64(Self.shift) + Int64(level)
        let low = Int(lowestBinned >> shift), high = Int(highest >> shift)
        if counts.isEmpty || low < firstBin || high >= firstBin + counts.count {
            reserve(low - Self.slack, high + Self.slack)
        }
        let bins = counts.count, first = firstBin
        var start = 0
        while start < n {
            let part = min(n - start, Self.recentLimit)
            if recentCount + part > Self.recentLimit { foldRecent() }
            recentCount += part
            zeros += recent.withUnsafeMutableBufferPointer { recent in
                kernels.histogramCount(values + start, count: part, into: recent.baseAddress!, bins: bins, firstBin: first,
                                       shift: Int(shift), smallestBits: smallestBits, valueBins: low...high)
            }
            start += part
        }
    }

    /// Adds the recent counts to the full ones and clears them.
    private mutating func foldRecent() {
        counts.withUnsafeMutableBufferPointer { total in
            recent.withUnsafeMutableBufferPointer { recent in
                for index in total.indices {
                    total[index] &+= Int(recent[index])
                    recent[index] = 0
                }
            }
        }
        recentCount = 0
    }

    /// The count of bin `firstBin + index`.
    private func count(at index: Int) -> Int { counts[index] + Int(recent[index]) }

    /// Bins added on each side when the range grows, so a slowly drifting
    /// distribution does not grow it value by value.
    static let slack = 32

    /// Adds one value.
    public mutating func add(_ value: Double) {
        [value].withUnsafeBufferPointer { add($0) }
    }

    /// Adds another histogram's counts.
    public mutating func merge(_ other: QuantileHistogram) {
        zeros += other.zeros
        count += other.count
        minimum = min(minimum, other.minimum)
        maximum = max(maximum, other.maximum)
        lowestBinned = min(lowestBinned, other.lowestBinned)
        if binLimit == nil { binLimit = other.binLimit }
        coarsenToRange()
        guard !other.counts.isEmpty else { return }
        var other = other
        if other.level > level { coarsen(to: other.level) }
        other.coarsen(to: level)
        reserve(other.firstBin, other.firstBin + other.counts.count - 1)
        let offset = other.firstBin - firstBin
        counts.withUnsafeMutableBufferPointer { bins in
            for index in other.counts.indices { bins[offset + index] &+= other.count(at: index) }
        }
    }

    /// Grows the dense range to cover bins `low…high` (`recent` with it: its scratch slot,
    /// being 0, becomes a bin when it grows at the end, and a new one follows).
    private mutating func reserve(_ low: Int, _ high: Int) {
        if counts.isEmpty {
            precondition(low <= high)
            firstBin = low
            counts = Array(repeating: 0, count: high - low + 1)
            recent = Array(repeating: 0, count: high - low + 2)
            return
        }
        if low < firstBin {
            counts.insert(contentsOf: repeatElement(0, count: firstBin - low), at: 0)
            recent.insert(contentsOf: repeatElement(0, count: firstBin - low), at: 0)
            firstBin = low
        }
        let last = firstBin + counts.count - 1
        if high > last {
            counts.append(contentsOf: repeatElement(0, count: high - last))
            recent.append(contentsOf: repeatElement(0, count: high - last))
        }
    }

    /// The p-quantile: the smallest bin whose cumulative count reaches ⌈p·n⌉,
    /// reported at the bin's midpoint clamped to [minimum, maximum] (0 when that
    /// rank falls among the zeros).
    ///
    /// - Precondition: `0 ≤ p ≤ 1` and the histogram is not empty.
    public func quantile(_ p: Double) -> Double {
        precondition(count > 0 && (0...1).contains(p), "quantile needs 0 ≤ p ≤ 1 of a non-empty histogram")
        return value(atRank: max(1, Int((p * Double(count)).rounded(.up))))
    }

    /// The rank-th smallest value (1-based): the midpoint of the bin that holds it
    /// clamped to [minimum, maximum], or 0 when it is among the zeros. O(bins).
    ///
    /// - Precondition: `1 ≤ rank ≤ count`.
    public func value(atRank rank: Int) -> Double {
        precondition((1...count).contains(rank), "value(atRank:) needs 1 ≤ rank ≤ count")
        var cumulative = zeros
        if cumulative >= rank { return 0 }
        for index in counts.indices {
            cumulative += count(at: index)
            if cumulative >= rank { return clamped(midpoint(at: index)) }
        }
        return clamped(midpoint(at: counts.count - 1))
    }

    /// The p-quantiles of ``quantile(_:)`` for every p of `ps`, in one pass over the bins. O(bins + k log k).
    ///
    /// - Precondition: every p in [0, 1] and the histogram is not empty.
    public func quantiles(_ ps: [Double]) -> [Double] {
        precondition(count > 0 && ps.allSatisfy { (0...1).contains($0) }, "quantiles need 0 ≤ p ≤ 1 of a non-empty histogram")
        let ranks = ps.map { max(1, Int(($0 * Double(count)).rounded(.up))) }
        let order = ranks.indices.sorted { ranks[$0] < ranks[$1] }
        var results = [Double](repeating: 0, count: ps.count)
        var next = 0, cumulative = zeros
        while next < order.count, ranks[order[next]] <= cumulative { results[order[next]] = 0; next += 1 }
        var index = 0
        while next < order.count, index < counts.count {
            cumulative += count(at: index)
            while next < order.count, ranks[order[next]] <= cumulative {
                results[order[next]] = clamped(midpoint(at: index))
                next += 1
            }
            index += 1
        }
        while next < order.count {
            results[order[next]] = clamped(midpoint(at: counts.count - 1))
            next += 1
        }
        return results
    }

    private func clamped(_ value: Double) -> Double {
        min(max(value, minimum), maximum)
    }

    /// Equal when they hold the same counts, whatever empty range each has grown.
    public static func == (lhs: QuantileHistogram, rhs: QuantileHistogram) -> Bool {
        lhs.zeros == rhs.zeros && lhs.count == rhs.count && lhs.minimum == rhs.minimum && lhs.level == rhs.level
            && lhs.maximum == rhs.maximum && lhs.nonEmptyBins == rhs.nonEmptyBins
    }

    /// (bin, count) of every bin with a count.
    private var nonEmptyBins: [Int: Int] {
        var bins: [Int: Int] = [:]
        for index in counts.indices where count(at: index) > 0 { bins[firstBin + index] = count(at: index) }
        return bins
    }

    /// How many values are below `value` (zeros included), at bin resolution: a bin
    /// counts when its midpoint is below `value` (relative error 2⁻¹¹ in the cut). O(bins).
    public func count(below value: Double) -> Int {
        guard value > 0 else { return 0 }
        var total = zeros
        for index in counts.indices where midpoint(at: index) < value {
            total += count(at: index)
        }
        return total
    }

    /// The midpoint of a bin's value range [lower, upper).
    static func midpoint(ofBin bin: Int, level: Int = 0) -> Double {
        let lower = Double(bitPattern: UInt64(bin) << (shift + UInt64(level)))
        let upper = Double(bitPattern: UInt64(bin + 1) << (shift + UInt64(level)))
        return (lower + upper) / 2
    }

    /// The midpoint of bin `firstBin + index` at this histogram's level.
    private func midpoint(at index: Int) -> Double { Self.midpoint(ofBin: firstBin + index, level: level) }
}
