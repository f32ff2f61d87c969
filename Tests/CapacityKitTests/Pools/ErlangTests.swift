import Foundation
import Testing
@testable import CapacityKit

@Suite struct ErlangTests {
    /// Erlang C by its textbook closed form with explicit factorials (Kleinrock,
    /// *Queueing Systems* Vol. 1, 1975, eq. 3.40): a^c/c!·c/(c − a) over
    /// Σ_{k<c} a^k/k! + a^c/c!·c/(c − a). Exact enough for small c.
    static func closedFormC(servers c: Int, load a: Double) -> Double {
        var term = 1.0, sum = 0.0
        for k in 0..<c {
            sum += term
            term *= a / Double(k + 1)
        }
        let top = term * Double(c) / (Double(c) - a)
        return top / (sum + top)
    }

    @Test("published: 10 erlangs on 14 servers wait with 0.1741, on 15 with 0.1020")
    func publishedValues() {
        // The four-digit values of Erlang C tables for A = 10 E on N = 14 and 15 servers (as quoted
        // in issue #9); the textbook closed form (Kleinrock eq. 3.40, `closedFormC`) gives
        // 0.17413193359504983 and 0.10204236700798802.
        let c14 = Erlang.waitProbability(servers: 14, load: 10)
        let c15 = Erlang.waitProbability(servers: 15, load: 10)
        #expect(abs(c14 - 0.1741) < 0.00005)
        #expect(abs(c15 - 0.1020) < 0.00005)
        #expect(abs(c14 - Self.closedFormC(servers: 14, load: 10)) < 1e-14)
        #expect(abs(c15 - Self.closedFormC(servers: 15, load: 10)) < 1e-14)
    }

    @Test("M/M/1 waits with probability ρ; mean wait ρ/(1 − ρ) holding times; P(W > t) = ρe^(−(1−ρ)t)")
    func singleServer() {
        // Kleinrock Vol. 1 §3.2: M/M/1, P(wait) = ρ, W = ρ/(μ − λ).
        for rho in [0.01, 0.3, 0.5, 0.9, 0.999] {
            #expect(abs(Erlang.waitProbability(servers: 1, load: rho) - rho) < 1e-15)
            #expect(abs(Erlang.meanWait(servers: 1, load: rho)! - rho / (1 - rho)) < 1e-12 * rho / (1 - rho))
            let t = 2.5
            #expect(abs(Erlang.waitProbability(servers: 1, load: rho, longerThan: t) - rho * exp(-(1 - rho) * t)) < 1e-15)
        }
    }

    @Test("Erlang B: B(1, a) = a/(1 + a); B(2, 1) = 1/5 (by hand: (1/2)/(1 + 1 + 1/2))")
    func erlangB() {
        #expect(Erlang.lossProbability(servers: 1, load: 3) == 0.75)
        #expect(abs(Erlang.lossProbability(servers: 2, load: 1) - 0.2) < 1e-16)
        #expect(Erlang.lossProbability(servers: 0, load: 5) == 1)
        #expect(Erlang.lossProbability(servers: 10, load: 0) == 0)
    }

    @Test("continuous as ρ → 1 from below, 1 from a = c on; no steady-state mean wait from a = c")
    func saturation() {
        let c = 20
        var previous = 0.0
        for a in stride(from: 19.0, through: 19.999999, by: 0.0001) {
            let value = Erlang.waitProbability(servers: c, load: a)
            #expect(value >= previous && value <= 1)
            previous = value
        }
        #expect(abs(Erlang.waitProbability(servers: c, load: 20 - 1e-9) - 1) < 1e-8)
        #expect(Erlang.waitProbability(servers: c, load: 20) == 1)
        #expect(Erlang.waitProbability(servers: c, load: 35) == 1)
        #expect(Erlang.meanWait(servers: c, load: 20) == nil)
    }

    @Test("c = 5,000 with a = 4,900 and c = 10,000 with a up to 10⁶: finite, in [0, 1], no overflow")
    func largePools() {
        let value = Erlang.waitProbability(servers: 5000, load: 4900)
        #expect(value.isFinite && value > 0 && value < 1)
        // Halfin–Whitt: c = a + β√a with β = 100/70 ≈ 1.43 gives C ≈ [1 + β Φ(β)/φ(β)]⁻¹ = 0.0983
        // (Halfin & Whitt, Oper. Res. 29, 1981, a many-server limit); the exact value (0.09994 by
        // the recursion in double precision) is within 0.005 of it at this scale.
        #expect(abs(value - 0.0983) < 0.005, "C(5000, 4900) = \(value)")
        for a in [1.0, 9_999.0, 10_000.0, 1e5, 1e6] {
            let b = Erlang.lossProbability(servers: 10_000, load: a)
            let c = Erlang.waitProbability(servers: 10_000, load: a)
            #expect(b.isFinite && (0...1).contains(b) && c.isFinite && (0...1).contains(c), "a = \(a)")
        }
    }
}
