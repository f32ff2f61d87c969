import Testing
@testable import CapacityKit

/// Several provision schedules in one pass (how the timeline compares options):
/// each result must be the one its schedule gives alone, bit for bit, although
/// a variant is simulated only from the month it first differs from the first
/// schedule and takes the earlier months (and the failures so far) from it, and
/// in months with the same nodes and pool sizes reuses its demand.
@Suite struct ScheduleBatchTests {
    @Test("one pass over several schedules gives each schedule's own forecast, byte for byte, on 1 or 2 threads")
    func batchEqualsSeparateRuns() throws {
        let model = try DefaultModel.validate(today: nil)
        let months = 9, seed: UInt64 = 41
        let base = Provision(model.model)
        var bigger = base
        bigger.usableMB += 1500
        bigger.nodes = 2
        var tighter = base
        tighter.limitsMB = base.limitsMB.map { $0.map { $0 * 0.8 } }
        tighter.poolConnections = base.poolConnections.map { $0 / 2 }
        var roomier = base   // the reference's demand, other capacities: shares its demand histograms
        roomier.usableMB += 800
        roomier.limitsMB = base.limitsMB.map { $0.map { $0 + 100 } }
        // Differs from month 1, from month 4, from month 8, never; shares the demand from month 2.
        let schedules: [[Provision]] = [
            Array(repeating: base, count: months),
            Array(repeating: tighter, count: months),
            Array(repeating: base, count: 3) + Array(repeating: bigger, count: months - 3),
            Array(repeating: base, count: 7) + Array(repeating: tighter, count: months - 7),
            Array(repeating: base, count: months),
            Array(repeating: base, count: 1) + Array(repeating: roomier, count: months - 1),
        ]
        func render(_ result: ForecastResult) -> String { ForecastWriter(result).csv + ForecastWriter(result).json }
        for threads in [1, 2] {
            let options = ForecastOptions(months: months, paths: 6000, seed: seed, threads: threads, chunkSize: 1000)
            let together = try MemoryForecast.run(model, options: options, schedules: schedules)
            // The same pass with the first schedule's run as its reference (its histograms not recorded again).
            let reference = try MemoryForecast.simulate(model, options: options, schedules: [schedules[0]])[0]
            let referenced = try MemoryForecast.simulate(model, options: options, schedules: schedules, reference: reference)
            #expect(together.count == schedules.count && referenced.count == schedules.count)
            for (v, schedule) in schedules.enumerated() {
                let alone = render(try MemoryForecast.run(model, options: options, schedule: schedule))
                #expect(render(together[v]) == alone, "seed \(seed), threads \(threads): schedule \(v)")
                #expect(render(referenced[v].result) == alone, "seed \(seed), threads \(threads): schedule \(v), with a reference")
            }
        }
    }
}
