/// Whether a Monte Carlo figure rests on enough paths to carry the digits it is printed
/// with: the rule behind the `~` marks in tables and the note that names `--paths`.
///
/// The rule: **a figure rests on at least ten paths** (``minimumPaths``).
///
/// - A probability k/n (k paths of n): supported when k = 0 or k = n (printed as the rule
///   of three's bound, `< 3/n` or `> 1 − 3/n`, which is what n paths can say), or when
///   min(k, n − k) ≥ 10. Then its relative standard error √((1 − p̂)/k) is at most
///   1/√10 ≈ 32 %, so its first printed digit is meaningful; from one path of ten
///   ("10 %", SE 9.5 points) it is not.
/// - A p-quantile of n paths: supported when at least ten paths lie beyond it on its far
///   side, n · min(p, 1 − p) ≥ 10: the P99 needs 1,000 paths, the P90 100, the P50 20.
///   With fewer, its rank's own binomial spread, √(n p (1 − p)) ranks, is a third or more
///   of the paths beyond it, and the value read there moves by as much.
/// - A probability compared with a risk level r (P(fail) ≥ 1 % makes a month CRITICAL)
///   needs the level itself to rest on ten paths: n · r ≥ 10, 1,000 paths at 1 %.
public enum PathSupport {
    /// The fewest paths a figure must rest on: 10.
    public static let minimumPaths = 10

    /// The mark a table puts before a figure that does not rest on enough paths.
    public static let mark = "~"

    /// True when `proportion` rests on enough paths (see the type's rule).
    public static func supports(_ proportion: Proportion) -> Bool {
        let k = proportion.hits, n = proportion.trials
        return k == 0 || k == n || min(k, n - k) >= minimumPaths
    }

    /// The fewest paths a p-quantile needs, ⌈10 / min(p, 1 − p)⌉ (0 < p < 1).
    public static func pathsNeeded(quantile p: Double) -> Int {
        // Less a hair, so that 10 / 0.1 (100.000…01 in binary) needs 100, not 101.
        Int((Double(minimumPaths) / min(p, 1 - p) * (1 - 1e-12)).rounded(.up))
    }

    /// True when a p-quantile of `paths` paths rests on enough of them.
    public static func supportsQuantile(_ p: Double, paths: Int) -> Bool { paths >= pathsNeeded(quantile: p) }

    /// The note for a run of `paths` paths that prints the `quantiles` (label, p) and,
    /// when `risk` is given, compares probabilities with that risk level (and decides
    /// statuses or a plan by it); nil when every such figure is supported.
    ///
    ///     note: --paths 10 is too few for some figures to carry their digits: P99 (needs ≥ 1,000 paths),
    ///     P90 (≥ 100), P(fail) against the 1% risk level and what it decides (≥ 1,000); tables mark them ~ …
    ///
    /// `counted` words what the count is when it is not `--paths` alone (the SLA's simulated
    /// years: "--paths 3 × --years 2 = 6 simulated years"), `unit` what it counts and `raise`
    /// the flags that raise it.
    public static func note(paths: Int, quantiles: [(label: String, p: Double)], risk: Double? = nil,
                            decides: String = "the statuses it decides", counted: String? = nil,
                            unit: String = "paths", raise: String = "--paths") -> String? {
        var needs: [(String, Int)] = quantiles.compactMap { label, p in
            supportsQuantile(p, paths: paths) ? nil : (label, pathsNeeded(quantile: p))
        }
        if let risk, risk > 0, risk < 1 {
            let needed = Int((Double(minimumPaths) / risk * (1 - 1e-12)).rounded(.up))
            if paths < needed {
                needs.append(("P(fail) against the \(NumberFormat.short(risk * 100, digits: 3))% risk level and \(decides)", needed))
            }
        }
        guard !needs.isEmpty else { return nil }
        let most = needs.map(\.1).max()!
        let listed = needs.enumerated().map { index, need in
            "\(need.0) (\(index == 0 ? "needs " : "")≥ \(NumberFormat.grouped(need.1))\(index == 0 ? " \(unit)" : ""))"
        }
        return "note: \(counted ?? "--paths \(NumberFormat.grouped(paths))") is too few for some figures to carry their digits: "
            + listed.joined(separator: ", ")
            + "; tables mark them and every probability resting on fewer than \(minimumPaths) \(unit) \(mark); "
            + (counted == nil ? "use --paths \(NumberFormat.grouped(most)) or more"
                : "raise \(raise) to \(NumberFormat.grouped(most)) or more")
    }
}

extension ForecastResult {
    /// True when month `month`'s status is CRITICAL only through probabilities that rest on
    /// fewer than ten paths (``PathSupport``): every resource whose P(fail) reaches the risk
    /// level there does so on fewer than ten paths.
    public func statusRestsOnFewPaths(_ month: Int) -> Bool {
        let failing = resources.compactMap { outlook -> Proportion? in
            guard month >= 1, month <= outlook.months.count else { return nil }
            let pFail = outlook.months[month - 1].pFail
            return pFail.estimate >= risk ? pFail : nil
        }
        return !failing.isEmpty && failing.allSatisfy { !PathSupport.supports($0) }
    }

    /// The note for this run (``PathSupport/note(paths:quantiles:risk:decides:)``): its P50, P90 and P99,
    /// and P(fail) against the risk level; nil when its paths carry them all.
    public var pathSupportNote: String? {
        PathSupport.note(paths: paths, quantiles: [("P99", 0.99), ("P90", 0.9), ("P50", 0.5)], risk: risk)
    }
}
