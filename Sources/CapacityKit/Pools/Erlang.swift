import Foundation

/// Erlang's loss and delay formulas for c identical servers offered a erlangs
/// (a = λ·h: arrival rate × mean holding time). Times are in units of the mean
/// holding time h; multiply by h for seconds or milliseconds.
///
/// Source: the recursion is the standard stable evaluation of Erlang B (Jagerman,
/// "Some properties of the Erlang loss function", Bell Syst. Tech. J. 53, 1974),
/// and C = c·B/(c − a(1 − B)) the textbook identity between the two (e.g. Cooper,
/// *Introduction to Queueing Theory*, 1981). Tests check both against the
/// closed form with factorials and published table values.
public enum Erlang {
    /// Erlang B, the probability that all `servers` are busy in a loss system
    /// (M/M/c/c), by the recursion
    ///
    ///     B(0) = 1,   B(k) = a·B(k−1) / (k + a·B(k−1))
    ///
    /// Every step stays in [0, 1], so it neither overflows nor loses precision
    /// for c up to 10⁶ and any finite a ≥ 0 (an underflow to 0 is a value below
    /// 10⁻³⁰⁸). O(c).
    public static func lossProbability(servers: Int, load a: Double) -> Double {
        precondition(servers >= 0 && a >= 0 && a.isFinite, "Erlang B needs c ≥ 0 and a finite load a ≥ 0")
        var b = 1.0
        if servers == 0 { return b }
        for k in 1...servers {
            let ab = a * b
            b = ab / (Double(k) + ab)
        }
        return b
    }

    /// Erlang C, the probability that an arrival waits in an M/M/c queue
    /// without abandonment, from Erlang B:
    ///
    ///     C = c·B / (c − a·(1 − B))   for a < c
    ///
    /// For a ≥ c the queue has no steady state and every arrival eventually
    /// waits: 1. Result in [0, 1].
    public static func waitProbability(servers c: Int, load a: Double) -> Double {
        precondition(c >= 1, "Erlang C needs at least one server")
        let n = Double(c)
        guard a < n else { return 1 }
        let b = lossProbability(servers: c, load: a)
        return n * b / ((n - a) + a * b)
    }

    /// Mean wait of all arrivals in an M/M/c queue without abandonment, in
    /// holding times: W = C / (c − a) (that is C/(cμ − λ) with μ = 1).
    /// Nil for a ≥ c, where it is unbounded.
    public static func meanWait(servers c: Int, load a: Double) -> Double? {
        guard a < Double(c) else { return nil }
        return waitProbability(servers: c, load: a) / (Double(c) - a)
    }

    /// P(wait > t) in an M/M/c queue without abandonment, t in holding times:
    /// C·e^(−(c − a)·t). 1 for a ≥ c.
    public static func waitProbability(servers c: Int, load a: Double, longerThan t: Double) -> Double {
        guard a < Double(c) else { return 1 }
        return waitProbability(servers: c, load: a) * exp(-(Double(c) - a) * max(0, t))
    }
}
