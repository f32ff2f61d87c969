import Foundation

/// A linear map from data values (the domain) to drawing coordinates (the range):
///
///     x ↦ r₀ + (x − d₀) · (r₁ − r₀) / (d₁ − d₀)
///
/// and the "nice" tick values a reader expects along an axis.
public struct LinearScale: Sendable, Equatable {
    public var domain: ClosedRange<Double>
    /// Drawing coordinates of `domain.lowerBound` and `domain.upperBound` (r₁ < r₀ for a y axis).
    public var range: (Double, Double)

    public init(domain: ClosedRange<Double>, range: (Double, Double)) {
        self.domain = domain
        self.range = range
    }

    public static func == (lhs: LinearScale, rhs: LinearScale) -> Bool {
        lhs.domain == rhs.domain && lhs.range == rhs.range
    }

    /// The coordinate of `value`; a degenerate domain maps everything to its middle.
    public func callAsFunction(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0 else { return (range.0 + range.1) / 2 }
        return range.0 + (value - domain.lowerBound) * (range.1 - range.0) / span
    }

    /// The data value at coordinate `coordinate` (the inverse map).
    public func invert(_ coordinate: Double) -> Double {
        let span = range.1 - range.0
        guard span != 0 else { return domain.lowerBound }
        return domain.lowerBound + (coordinate - range.0) * (domain.upperBound - domain.lowerBound) / span
    }

    /// Round tick values covering `lower…upper`: multiples of a step of 1, 2, 2.5 or 5 × 10ᵏ,
    /// chosen so that the number of intervals is closest to `target` (ties: the larger
    /// step). 0–3,500 gives 0, 500, …, 3,500; 0–1 gives 0, 0.2, …, 1.
    public static func ticks(_ lower: Double, _ upper: Double, target: Int = 6) -> [Double] {
        guard upper > lower, lower.isFinite, upper.isFinite else { return [lower] }
        let raw = (upper - lower) / Double(max(1, target))
        let magnitude = pow(10, floor(log10(raw)))
        let candidates = [1, 2, 2.5, 5, 10].map { $0 * magnitude }
        let step = candidates.min { a, b in
            let (ia, ib) = (((upper - lower) / a - Double(target)).magnitude, ((upper - lower) / b - Double(target)).magnitude)
            return ia != ib ? ia < ib : a > b
        }!
        let first = (lower / step).rounded(.up), last = (upper / step).rounded(.down)
        guard last >= first, last - first < 1000 else { return [lower, upper] }
        return stride(from: first, through: last, by: 1).map { ($0 * step * 1e12).rounded() / 1e12 }
    }

    /// `upper` rounded up to the next tick step of ``ticks(_:_:target:)`` (for a domain that ends on a tick).
    public static func niceUpper(_ upper: Double, from lower: Double = 0, target: Int = 6) -> Double {
        guard upper > lower else { return lower + 1 }
        let ticks = Self.ticks(lower, upper, target: target)
        guard ticks.count >= 2, let last = ticks.last else { return upper }
        let step = ticks[1] - ticks[0]
        return last >= upper ? last : last + step
    }
}
