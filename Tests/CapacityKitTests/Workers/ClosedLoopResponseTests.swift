import Foundation
import Testing
@testable import CapacityKit

/// ``ClosedLoopResponse``: T = Erlang(max(0, N − c), c) + Exp(1) in units of S, against its
/// closed forms for small cases (the hypoexponential and Erlang survivals, e.g. Ross,
/// *Introduction to Probability Models*, §5.2.4) and an independent quadrature.
@Suite struct ClosedLoopResponseTests {
    @Test("N ≤ c: no wait, T = Exp(1); c = 1: T = Erlang(N, 1); N = 3, c = 2: P(T > t) = 2e^(−t) − e^(−2t)")
    func closedForms() {
        for t in [0.2, 1.0, 3.5, 9.0] {
            #expect(abs(ClosedLoopResponse.survival(t, users: 4, workers: 8) - exp(-t)) < 1e-15)
            #expect(abs(ClosedLoopResponse.survival(t, users: 3, workers: 1) - exp(-t) * (1 + t + t * t / 2)) < 1e-14)
            #expect(abs(ClosedLoopResponse.survival(t, users: 3, workers: 2) - (2 * exp(-t) - exp(-2 * t))) < 1e-14)
        }
        #expect(abs(ClosedLoopResponse.quantile(0.5, users: 4, workers: 8) - log(2)) < 1e-12)
        // 2e^(−t) − e^(−2t) = ½ at e^(−t) = 1 − 1/√2: t = −ln(1 − 1/√2) = 1.2279…
        #expect(abs(ClosedLoopResponse.quantile(0.5, users: 3, workers: 2) + log(1 - 1 / 2.0.squareRoot()))
                < 1e-11)
    }

    @Test("N = 250, c = 125: P50 1.6971686427165 and P95 3.9997537357119 (scipy quad of the gamma convolution)")
    func quadrature() {
        #expect(abs(ClosedLoopResponse.quantile(0.5, users: 250, workers: 125) - 1.697168642716519) < 1e-9)
        #expect(abs(ClosedLoopResponse.quantile(0.95, users: 250, workers: 125) - 3.999753735711949) < 1e-9)
        #expect(abs(ClosedLoopResponse.quantile(0.5, users: 200, workers: 125) - 1.2955600578547972) < 1e-9)
    }

    @Test("large ramps stay finite: N = 100,000 on 2 and on 50,000 workers; the median is near the mean N/c")
    func large() {
        for (users, workers) in [(100_000, 2), (100_000, 50_000), (100_000, 99_999)] {
            let median = ClosedLoopResponse.quantile(0.5, users: users, workers: workers)
            let mean = Double(users) / Double(workers)
            #expect(median.isFinite && abs(median - mean) < 0.05 * mean + 1, "N \(users) c \(workers): \(median)")
        }
    }
}
