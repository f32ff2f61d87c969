/// What a Monte Carlo figure's sample leaves behind in bounded memory: a
/// ``QuantileHistogram`` of the values for order statistics, and the exact
/// sums Σx and Σx² (``ExactSum``) for the mean and its standard error.
///
/// For a probability a second histogram holds 1 − x, and an order statistic
/// above ½ is read from it: values near 1 are then resolved as finely as
/// values near 0, to within 2⁻¹¹ of min(x, 1 − x) (for x ≥ ½, 1 − x is exact
/// in floating point, Sterbenz's lemma). A success probability of 0.9995 is
/// thus known to ±2.4 · 10⁻⁷, not ±4.9 · 10⁻⁴.
///
/// Merging adds integer counts and exact sums, so a tally merged from chunks
/// in any order is the tally of the whole sample. Memory: the histograms'
/// dense bin ranges (1,024 counts per octave of values seen) and 1 KB of sums,
/// whatever the sample size.
struct SampleTally: Sendable {
    private(set) var values = QuantileHistogram()
    /// 1 − x of every value, for a probability; nil otherwise.
    private(set) var complements: QuantileHistogram?
    private var sum = ExactSum()
    private var sumOfSquares = ExactSum()

    /// An empty tally; `probability` keeps the complements too.
    init(probability: Bool = false) {
        complements = probability ? QuantileHistogram() : nil
    }

    /// Sample size.
    var count: Int { values.count }

    /// Adds the values of `sample`, each finite and ≥ 0 (≤ 1 for a probability).
    mutating func add(_ sample: [Double]) {
        sample.withUnsafeBufferPointer { values.add($0) }
        if complements != nil {
            sample.map { 1 - $0 }.withUnsafeBufferPointer { complements?.add($0) }
        }
        for x in sample {
            sum.add(x)
            sumOfSquares.add(x * x)
        }
    }

    /// Adds another tally of the same kind.
    mutating func merge(_ other: SampleTally) {
        values.merge(other.values)
        if let theirs = other.complements { complements?.merge(theirs) }
        sum.merge(other.sum)
        sumOfSquares.merge(other.sumOfSquares)
    }

    /// The rank-th smallest value (1 ≤ rank ≤ count), to the bin resolution:
    /// a bin midpoint, within 2⁻¹¹ relative of the true order statistic (of 1 − x above ½).
    func orderStatistic(_ rank: Int) -> Double {
        let value = values.value(atRank: rank)
        guard value > 0.5, let complements else { return value }
        return 1 - complements.value(atRank: count + 1 - rank)
    }

    /// x̄ = Σx / n (0 when empty).
    var mean: Double { count == 0 ? 0 : sum.value / Double(count) }

    /// s/√n with s² = (Σx² − x̄ Σx)/(n − 1); 0 for n < 2. Σx and Σx² are exact
    /// and rounded once each, so s² keeps its digits while s/x̄ ≳ 10⁻⁷; below
    /// that the difference is rounding and s² is clamped at 0.
    var meanStandardError: Double {
        guard count > 1 else { return 0 }
        let n = Double(count)
        let variance = max(0, sumOfSquares.value - mean * sum.value) / (n - 1)
        return (variance / n).squareRoot()
    }
}
