import Foundation
import Testing
@testable import CapacityKit

/// Sensitivity inputs of a worker pool (issue #22 item 4): its service time and its workers per node,
/// swung like every fixed estimate.
@Suite struct WorkerSensitivityTests {
    /// ``WorkerForecastTests/model`` (λ_m = 10 · 1.2^(m−1), SLO P95 ≤ 500 ms) swung ±20 %. The largest rate
    /// within the SLO (mpmath, `Tests/CapacityCLITests/Scripts/mmc_p95.py`'s method): c = 4, 100 ms: 32.607;
    /// c = 3: 22.822; c = 5 (4 × 1.2 rounded): 42.458; 80 ms: 43.134; 120 ms: 25.135 rps. The pool's deadline is
    /// the first month with λ_m ≥ 0.85 × that rate: 7, 5, 9, 9, 6; the api container's is month 8 (458 MB ≥ 425 MB).
    /// Runway = min(deadlines) − 1: base 6; per_node 3 → 4, 5 → 7; service time 80 ms → 7, 120 ms → 5.
    @Test("the runway moves with the pool's per_node and service time as computed by hand")
    func runway() throws {
        let result = try SensitivityAnalysisTests.run(WorkerForecastTests.model, .runway, months: 10, paths: 20, swing: 0.2)
        #expect(result.base == 6)
        let perNode = try #require(result.effects.first { $0.input.key == "workers.web.per_node" })
        #expect(perNode.input.low == 3.2 && perNode.input.high == 4.8 && perNode.low == 4 && perNode.high == 7)
        let service = try #require(result.effects.first { $0.input.key == "workers.web.service_ms" })
        #expect(abs(service.input.low - 80) < 1e-9 && abs(service.input.high - 120) < 1e-9)
        #expect(service.low == 7 && service.high == 5)
    }

    @Test("a measured service time moves as a whole: P50 and P95 scaled together")
    func percentilesScaleTogether() throws {
        var model = WorkerForecastTests.model
        model.workers[0].serviceTime = .percentiles(p50: 68, p95: 187)
        let inputs = SensitivityInput.catalogue(model, engine: .forecast, months: 6, swing: 0.2)
        let service = try #require(inputs.first { $0.key == "workers.web.service_ms.p50" })
        let pinned = service.pinned(model, at: service.low)
        guard case .percentiles(let p50, let p95) = pinned.workers[0].serviceTime else { Issue.record("not percentiles"); return }
        #expect(abs(p50 - 54.4) < 1e-12 && abs(p95 - 149.6) < 1e-12, "\(p50), \(p95)")
    }
}
