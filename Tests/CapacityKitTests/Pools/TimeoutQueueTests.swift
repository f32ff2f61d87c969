import Foundation
import Testing
@testable import CapacityKit

@Suite struct TimeoutQueueTests {
    static func queue(_ c: Int, _ a: Double, holdMS: Double = 1, timeoutMS: Double) -> TimeoutQueue {
        TimeoutQueue(servers: c, offeredLoad: a, holdMS: holdMS, timeoutMS: timeoutMS)
    }

    @Test("timeout 0 is Erlang's loss system: P(wait) = P(timeout) = B(c, a), no waits")
    func lossSystem() {
        // M/M/c/c: an arrival finding all c busy is lost with probability B(c, a) (Erlang B).
        for (c, a) in [(1, 0.5), (5, 3.0), (14, 10.0), (10, 25.0)] {
            let q = Self.queue(c, a, timeoutMS: 0)
            let b = Erlang.lossProbability(servers: c, load: a)
            #expect(abs(q.pWait - b) < 1e-14 && abs(q.timeoutShare - b) < 1e-14)
            #expect(q.meanWaitServedMS == 0 && q.meanWaitMS == 0)
        }
    }

    @Test("a long timeout below saturation is Erlang C: 10 erlangs on 14 connections wait with 0.1741")
    func patientLimit() {
        // τ = 10⁶ holding times: timeouts vanish and M/M/c+D becomes M/M/c (Erlang C, ErlangTests).
        let q = Self.queue(14, 10, holdMS: 70, timeoutMS: 70e6)
        let c = Erlang.waitProbability(servers: 14, load: 10)
        #expect(abs(q.pWait - c) < 1e-13)
        #expect(abs(q.pWait - 0.1741) < 0.00005)
        #expect(q.timeoutShare < 1e-300)
        #expect(abs(q.meanWaitServedMS - 70 * Erlang.meanWait(servers: 14, load: 10)!) < 1e-10)
        #expect(abs(q.meanWaitMS - q.meanWaitServedMS) < 1e-10)
        // P(W > t) = C·e^(−(c − a)t/h): t = 35 ms is half a holding time.
        #expect(abs(q.pWaitOrTimeout(longerThanMS: 35) - c * exp(-4 * 0.5)) < 1e-13)
        // M/M/1: P(wait) = ρ.
        #expect(abs(Self.queue(1, 0.7, timeoutMS: 1e9).pWait - 0.7) < 1e-14)
    }

    @Test("M/M/1+D by hand at ρ = 1, τ = h: weights 1 (no wait), 1 (wait, served), 1 (time out)")
    func singleServerAtSaturation() {
        // c = 1, a = 1, τ = 1 (holding times): g = a·B(0, a) = 1, δ = 0; weights
        // V = 0: 1, 0 < V ≤ τ: g·τ = 1, V > τ: g/c = 1; E[V; V ≤ τ] has weight g·τ²/2 = ½.
        // So P(wait) = 2/3, timeouts 1/3, mean wait of served ½/2 = ¼ h, overall (½ + τ·1)/3 = ½ h.
        let q = Self.queue(1, 1, holdMS: 80, timeoutMS: 80)
        #expect(abs(q.pWait - 2.0 / 3) < 1e-15)
        #expect(abs(q.timeoutShare - 1.0 / 3) < 1e-15)
        #expect(abs(q.meanWaitServedMS - 20) < 1e-12)
        #expect(abs(q.meanWaitMS - 40) < 1e-12)
        // P(V > τ/2) = (g·τ/2 + g/c)/3 = ½.
        #expect(abs(q.pWaitOrTimeout(longerThanMS: 40) - 0.5) < 1e-15)
        #expect(q.pWaitOrTimeout(longerThanMS: 80) == q.timeoutShare)
        #expect(q.pWaitOrTimeout(longerThanMS: 1e6) == q.timeoutShare)
    }

    @Test("M/M/1+D by hand below and above saturation")
    func singleServerOffSaturation() {
        // c = 1, τ = 2h. a = ½: δ = −½, weights 1, ½·∫₀²e^(−x/2)dx = 1 − e⁻¹, ½·e⁻¹.
        let e1 = exp(-1.0)
        let below = Self.queue(1, 0.5, holdMS: 10, timeoutMS: 20)
        let total = 2 - 0.5 * e1
        #expect(abs(below.pWait - (1 - 0.5 * e1) / total) < 1e-15)
        #expect(abs(below.timeoutShare - 0.5 * e1 / total) < 1e-15)
        // E[V; V ≤ τ] weight ½·∫₀² x e^(−x/2) dx = ½·(4 − 8e⁻¹) = 2 − 4e⁻¹ (holding times).
        #expect(abs(below.meanWaitServedMS - 10 * (2 - 4 * e1) / (2 - e1)) < 1e-12)
        // a = 2: δ = 1, scaled by e^(−2): weights e⁻², 2·(1 − e⁻²), 2;
        // E[V; V ≤ τ]: 2·∫₀² x e^(x−2) dx = 2·(1 + e⁻²).
        let above = Self.queue(1, 2, holdMS: 10, timeoutMS: 20)
        let e2 = exp(-2.0), sum = e2 + 2 * (1 - e2) + 2
        #expect(abs(above.pWait - (2 * (1 - e2) + 2) / sum) < 1e-15)
        #expect(abs(above.timeoutShare - 2 / sum) < 1e-15)
        #expect(abs(above.meanWaitServedMS - 10 * 2 * (1 + e2) / (e2 + 2 * (1 - e2))) < 1e-12)
        #expect(abs(above.meanWaitMS - 10 * (2 * (1 + e2) + 2 * 2) / sum) < 1e-12)
    }

    @Test("continuous through a = c and through the series/closed-form switch at |δ|τ = ½")
    func continuity() {
        let c = 10, tau = 5.0
        let at = Self.queue(c, 10, timeoutMS: tau)
        for epsilon in [1e-6, 1e-9, 1e-12] {
            for a in [10 - epsilon, 10 + epsilon] {
                let q = Self.queue(c, a, timeoutMS: tau)
                #expect(abs(q.pWait - at.pWait) < 100 * epsilon)
                #expect(abs(q.timeoutShare - at.timeoutShare) < 100 * epsilon)
                #expect(abs(q.meanWaitServedMS - at.meanWaitServedMS) < 100 * epsilon)
                #expect(abs(q.meanWaitMS - at.meanWaitMS) < 100 * epsilon)
            }
        }
        for switchLoad in [10 - 0.5 / tau, 10 + 0.5 / tau] {
            let left = Self.queue(c, switchLoad.nextDown, timeoutMS: tau)
            let right = Self.queue(c, switchLoad.nextUp, timeoutMS: tau)
            #expect(abs(left.meanWaitServedMS - right.meanWaitServedMS) < 1e-13)
            #expect(abs(left.meanWaitMS - right.meanWaitMS) < 1e-13)
        }
    }

    @Test("every figure grows with the load, stays in [0, 1] and waits in [0, τ]")
    func monotoneAndBounded() {
        for (c, tau) in [(1, 3.0), (8, 0.5), (50, 200.0), (400, 30_000.0 / 70)] {
            var previous = Self.queue(c, 0, timeoutMS: tau)
            #expect(previous.pWait == 0 && previous.timeoutShare == 0 && previous.meanWaitMS == 0)
            for step in 1...300 {
                let q = Self.queue(c, Double(c) * Double(step) / 100, timeoutMS: tau)
                #expect(q.pWait >= previous.pWait && q.timeoutShare >= previous.timeoutShare * (1 - 1e-12))
                #expect(q.pWaitOrTimeout(longerThanMS: tau / 10) >= previous.pWaitOrTimeout(longerThanMS: tau / 10) * (1 - 1e-12))
                #expect((0...1).contains(q.pWait) && (0...1).contains(q.timeoutShare))
                #expect(q.meanWaitServedMS >= 0 && q.meanWaitServedMS <= tau && q.meanWaitMS <= tau)
                previous = q
            }
        }
    }

    @Test("extreme pools: no overflow, no NaN, waits never beyond the timeout")
    func extremes() {
        let cases: [(Int, Double, Double, Double)] = [
            (5_000, 4_900, 70, 30_000), (10_000, 1e6, 70, 30_000), (10_000, 9_999.5, 1, 1e12),
            (1, 1e300, 1e-3, 1e15), (262_143, 1, 70, 30_000), (3, 1e-300, 70, 30_000), (2, 2, 1e-300, 1e300),
            (16, .greatestFiniteMagnitude, 15, 30_000),   // PoolForecast's stand-in for a load past every double
        ]
        for (c, a, h, tau) in cases {
            let q = TimeoutQueue(servers: c, offeredLoad: a, holdMS: h, timeoutMS: tau)
            let figures = [q.pWait, q.timeoutShare, q.meanWaitServedMS, q.meanWaitMS, q.pWaitOrTimeout(longerThanMS: 100)]
            #expect(figures.allSatisfy { $0.isFinite && $0 >= 0 }, "c \(c) a \(a) h \(h) τ \(tau): \(figures)")
            #expect(q.pWait <= 1 && q.timeoutShare <= 1 && q.meanWaitMS <= tau && q.meanWaitServedMS <= tau)
        }
        // Heavily overloaded: almost everyone times out; a share c/a is served.
        let flooded = TimeoutQueue(servers: 10_000, offeredLoad: 1e6, holdMS: 70, timeoutMS: 30_000)
        #expect(abs(flooded.timeoutShare - (1 - 0.01)) < 1e-6)
        #expect(abs(flooded.meanWaitServedMS - 30_000) < 1)
    }

    @Test("the threshold load is where the figure crosses its target")
    func thresholds() throws {
        for figure in [QueueFigure.pWait, .timeoutShare, .pWaitOrTimeout(longerThanMS: 100)] {
            for (c, target) in [(1, 0.5), (14, 0.01), (200, 0.001), (5_000, 0.2)] {
                let a = try #require(TimeoutQueue.thresholdLoad(for: figure, reaching: target, servers: c,
                                                                holdMS: 70, timeoutMS: 30_000))
                func value(_ load: Double) -> Double {
                    figure.value(in: TimeoutQueue(servers: c, offeredLoad: load, holdMS: 70, timeoutMS: 30_000))
                }
                #expect(value(a * (1 - 1e-9)) < target && value(a) >= target, "\(figure) c \(c) target \(target)")
            }
        }
        // Inverse of a published value: 14 connections wait with C = 0.174131… at exactly 10 erlangs.
        let a = try #require(TimeoutQueue.thresholdLoad(for: .pWait, reaching: Erlang.waitProbability(servers: 14, load: 10),
                                                        servers: 14, holdMS: 1, timeoutMS: 1e9))
        #expect(abs(a - 10) < 1e-9)
        // Timeouts of 99.9 % need about c/(1 − 0.999) = 4,000 erlangs on 4 connections.
        let flood = try #require(TimeoutQueue.thresholdLoad(for: .timeoutShare, reaching: 0.999, servers: 4,
                                                            holdMS: 1, timeoutMS: 1))
        #expect(flood > 3_000 && flood < 5_000)
    }
}
