import Testing
@testable import CapacityKit

@Suite struct ConfidenceCrossingsTests {
    @Test("crossings at q = 0.9 are the forecast's P90 crossings; a higher q crosses no later (default model, seeded)")
    func confidence() throws {
        let seed: UInt64 = 77
        let result = try MemoryForecast.run(DefaultModel.validate(today: nil),
                                            options: ForecastOptions(months: 12, paths: 20_000, seed: seed))
        let risk = result.risk
        for outlook in result.resources {
            #expect(outlook.crossings(confidence: 0.9, risk: risk) == outlook.crossings, "seed \(seed): \(outlook.resource.label)")
            let (low, high) = (outlook.crossings(confidence: 0.5, risk: risk), outlook.crossings(confidence: 0.99, risk: risk))
            for (l, h) in [(low.warn, high.warn), (low.critical, high.critical), (low.limit, high.limit)] {
                #expect((h ?? 13) <= (l ?? 13), "seed \(seed): \(outlook.resource.label)")
            }
            // From a later month, earlier crossings are skipped.
            let later = outlook.crossings(confidence: 0.9, risk: risk, from: 6)
            #expect(later.warn.map { $0 >= 6 } ?? true)
        }
    }
}
