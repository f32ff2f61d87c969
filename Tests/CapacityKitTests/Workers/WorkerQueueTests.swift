import Foundation
import Testing
@testable import CapacityKit

/// ``WorkerQueue`` against values derived by hand from the M/M/c response-time formula
/// P(T > t) = e^(−μt) + C·μ·(e^(−μt) − e^(−θt))/(θ − μ), θ = cμ − λ (Gross, Shortle, Thompson
/// & Harris, *Fundamentals of Queueing Theory*, 4th ed., §2.3), a published Erlang C table value,
/// and an independent numerical evaluation of the M/G/c approximation.
@Suite struct WorkerQueueTests {
    /// Relative difference.
    static func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool { abs(a - b) <= tolerance * abs(b) }

    @Test("M/M/1: P(T > t) = e^(−(μ−λ)t), so P95 = ln 20/(μ − λ) (Kleinrock, Queueing Systems vol. 1, §3.2)")
    func mm1() throws {
        // S = 10 ms (μ = 0.1/ms), 50 rps (λ = 0.05/ms): P95 = ln 20 / 0.05 = 59.914645… ms.
        let queue = WorkerQueue(rps: 50, workers: 1, service: ServiceTime(meanMS: 10))
        #expect(Self.close(try #require(queue.quantile(0.95)), log(20) / 0.05, 1e-12))
        #expect(Self.close(try #require(queue.quantile(0.99)), log(100) / 0.05, 1e-12))
        #expect(Self.close(try #require(queue.quantile(0.5)), log(2) / 0.05, 1e-12))
        #expect(Self.close(queue.survival(30), exp(-0.05 * 30), 1e-14))
        #expect(Self.close(queue.pWait, 0.5, 1e-15))  // C = ρ for c = 1
        #expect(Self.close(try #require(queue.meanWaitMS), 0.5 / 0.05, 1e-14))  // ρ/(μ − λ)
    }

    @Test("M/M/2 at θ = μ: C = 1/3 and P(T > t) = e^(−t)(1 + t/3) (the formula's limit), quantiles by hand")
    func thetaEqualsMu() throws {
        // c = 2, μ = 1/s (S = 1000 ms), λ = 1/s: a = 1, C = (a²/2)/(1 − ρ) / (1 + a + (a²/2)/(1 − ρ)) = 1/3, θ = 2 − 1 = μ.
        let queue = WorkerQueue(rps: 1, workers: 2, service: ServiceTime(meanMS: 1000))
        #expect(Self.close(queue.pWait, 1.0 / 3, 1e-14))
        for t in [0.3, 1.0, 4.0, 12.0] {
            #expect(Self.close(queue.survival(1000 * t), exp(-t) * (1 + t / 3), 1e-13), "t = \(t) s")
        }
        // Roots of e^(−t)(1 + t/3) = 0.5, 0.05, 0.01, solved by hand (Newton, 16 digits).
        #expect(Self.close(try #require(queue.quantile(0.5)), 974.4116051899291, 1e-12))
        #expect(Self.close(try #require(queue.quantile(0.95)), 3816.4603051678294, 1e-12))
        #expect(Self.close(try #require(queue.quantile(0.99)), 5665.960683792997, 1e-12))
        // Either side of θ = μ the general form joins the limit continuously.
        for offset in [1e-9, -1e-9] {
            let near = WorkerQueue(rps: 1 + offset, workers: 2, service: ServiceTime(meanMS: 1000))
            #expect(Self.close(near.survival(2000), exp(-2) * (1 + 2.0 / 3), 1e-8))
        }
    }

    @Test("M/M/2 at ρ = 0.75: C = 9/14 and P(T > t) = (9/7)e^(−t/2) − (2/7)e^(−t), by hand")
    func mm2() throws {
        // c = 2, μ = 1/s, λ = 1.5/s: C = (1.125/0.25)/(1 + 1.5 + 4.5) = 9/14, θ = 0.5;
        // e^(−t) + (9/14)(e^(−t) − e^(−t/2))/(−0.5) = (9/7)e^(−t/2) − (2/7)e^(−t).
        let queue = WorkerQueue(rps: 1.5, workers: 2, service: ServiceTime(meanMS: 1000))
        #expect(Self.close(queue.pWait, 9.0 / 14, 1e-14))
        for t in [0.1, 1.0, 6.0, 20.0] {
            #expect(Self.close(queue.survival(1000 * t), 9.0 / 7 * exp(-t / 2) - 2.0 / 7 * exp(-t), 1e-12), "t = \(t) s")
        }
        #expect(Self.close(try #require(queue.quantile(0.5)), 1688.0679229042115, 1e-12))
        #expect(Self.close(try #require(queue.quantile(0.95)), 6476.5809989696415, 1e-12))
        #expect(Self.close(try #require(queue.quantile(0.99)), 9709.50344178698, 1e-12))
    }

    @Test("P(wait) is Erlang C: the published 0.1741 for 10 erlangs on 14 servers")
    func publishedErlangC() {
        // Erlang C tables give 0.1741 for A = 10 E, N = 14 (four digits; as in ErlangTests).
        let queue = WorkerQueue(rps: 10, workers: 14, service: ServiceTime(meanMS: 1000))
        #expect(abs(queue.pWait - 0.1741) < 5e-5)
        #expect(Self.close(queue.utilization, 10.0 / 14, 1e-15))
    }

    @Test("ρ ≥ 1 is saturation: no quantile, survival 1, never ∞ or NaN")
    func saturation() {
        for (rps, workers) in [(2.0, 2), (3.0, 2), (1e9, 1)] {
            for service in [ServiceTime(meanMS: 1000), ServiceTime(p50MS: 800, p95MS: 2000)] {
                let queue = WorkerQueue(rps: rps, workers: workers, service: service)
                if rps / 1000 * service.meanMS >= Double(workers) {
                    #expect(queue.isSaturated && queue.quantile(0.95) == nil && queue.meanWaitMS == nil)
                    #expect(queue.survival(1e6) == 1 && queue.pWait == 1)
                }
            }
        }
        // Just below saturation every figure is finite.
        let edge = WorkerQueue(rps: 2 * (1 - 1e-12), workers: 2, service: ServiceTime(meanMS: 1000))
        #expect(!edge.isSaturated)
        let p99 = edge.quantile(0.99)
        #expect(p99.map { $0.isFinite && $0 > 1e12 } == true, "\(String(describing: p99))")
        let lognormalEdge = WorkerQueue(rps: 2 * (1 - 1e-12) / ServiceTime(p50MS: 800, p95MS: 2000).meanMS * 1000, workers: 2,
                                        service: ServiceTime(p50MS: 800, p95MS: 2000))
        #expect(lognormalEdge.quantile(0.95).map(\.isFinite) == true)
    }

    @Test("the contract's extremes stay finite: a microsecond to 10⁷ ms, 1 to 10⁴ workers, spread up to 100×")
    func extremes() {
        let services = [ServiceTime(meanMS: 0.001), ServiceTime(meanMS: 1e7), ServiceTime(p50MS: 0.001, p95MS: 0.1),
                        ServiceTime(p50MS: 1e5, p95MS: 1e7), ServiceTime(p50MS: 10, p95MS: 10.0001)]
        for service in services {
            for workers in [1, 10_000] {
                for share in [1e-9, 0.5, 0.999999] {
                    let rps = share * Double(workers) / service.meanMS * 1000
                    let queue = WorkerQueue(rps: rps, workers: workers, service: service)
                    for level in [0.5, 0.95, 0.99] {
                        let value = queue.quantile(level)
                        #expect(value.map { $0.isFinite && $0 > 0 } == true, "\(service) c \(workers) ρ \(share) q \(level)")
                    }
                }
            }
        }
    }

    @Test("lognormal service through P50 and P95: σ = ln(p95/p50)/z₀.₉₅, mean p50·e^(σ²/2)")
    func lognormalService() {
        let service = ServiceTime(p50MS: 50, p95MS: 150)
        let sigma = log(3) / 1.6448536269514722
        #expect(Self.close(service.meanMS, 50 * exp(sigma * sigma / 2), 1e-15))
        #expect(Self.close(service.squaredCV, exp(sigma * sigma) - 1, 1e-14))
        #expect(Self.close(service.quantile(0.5), 50, 1e-14))
        #expect(Self.close(service.quantile(0.95), 150, 1e-9))
        #expect(Self.close(service.survival(150), 0.05, 1e-9))
    }

    @Test("M/G/c approximation: equals an independent quadrature (scipy.integrate.quad) of the same formula")
    func approximationQuadrature() throws {
        // c = 4, ρ = 0.8, service P50 50 ms, P95 150 ms; references from scipy 1.17 quad/brentq at 1e-10.
        let service = ServiceTime(p50MS: 50, p95MS: 150)
        let queue = WorkerQueue(rps: 51.20473302825986, workers: 4, service: service)
        #expect(Self.close(queue.utilization, 0.8, 1e-12))
        #expect(Self.close(queue.survival(200), 0.09177199467556722, 1e-9))
        #expect(Self.close(try #require(queue.quantile(0.5)), 79.4161570963262, 1e-8))
        #expect(Self.close(try #require(queue.quantile(0.95)), 241.65066324208587, 1e-8))
        #expect(Self.close(try #require(queue.quantile(0.99)), 351.91898600193775, 1e-8))
        // At a vanishing load there is no wait: the response time is the service time.
        let idle = WorkerQueue(rps: 1e-9, workers: 4, service: service)
        #expect(Self.close(try #require(idle.quantile(0.95)), 150, 1e-8))
    }

    @Test("the survival falls with t and rises with the load")
    func monotone() {
        for service in [ServiceTime(meanMS: 40), ServiceTime(p50MS: 30, p95MS: 120)] {
            var previous = 1.0
            for t in stride(from: 0.0, through: 2000, by: 7) {
                let value = WorkerQueue(rps: 150, workers: 8, service: service).survival(t)
                #expect(value <= previous + 1e-15)
                previous = value
            }
            let light = WorkerQueue(rps: 100, workers: 8, service: service), heavy = WorkerQueue(rps: 180, workers: 8, service: service)
            #expect(light.survival(200) < heavy.survival(200))
        }
    }
}
