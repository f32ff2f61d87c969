import PropertyBased
import Testing
@testable import CapacityKit

/// Options run on the same random paths as the baseline, so more memory can never
/// show more risk: demand is the same on every path, only the capacity it is
/// compared with grows (and with another node, demand per node can only fall).
@Suite struct CommonRandomNumbersTests {
    @Test("across options, more memory never gives a higher P(fail) in any month for any resource")
    func moreMemoryNeverMoreRisk() async {
        let models = zip(Gen.double(in: 0...0.3), Gen.double(in: 0...0.2), Gen.double(in: 50...300),
                         Gen.double(in: 0...3), Gen.double(in: 1000...4000), Gen.int(in: 1...2))
        let extras = zip(Gen.double(in: 0...2000), Gen.double(in: 0...400), Gen.int(in: 0...1), Gen.int(in: 1...1_000_000))
        await propertyCheck(count: 25, input: models, extras) { shape, extra in
            let (growth, noise, baseMB, perRPS, memory, nodes) = shape
            let (moreMemory, moreLimit, moreNodes, seed) = extra
            let model = Model(
                name: "random", start: YearMonth(year: 2027, month: 1),
                host: Model.Host(memoryMB: memory + 500, reservedMB: 500, nodes: nodes),
                traffic: Model.Traffic(rps: 100, growth: Model.Growth(mean: growth, sd: 0.05, volatility: 0.03),
                                       peakFactor: Model.MeanAndSD(mean: 1.8, sd: 0.2)),
                services: [Model.Service(name: "api", memory: Model.Memory(baseMB: baseMB, perRPSMB: perRPS, noise: noise),
                                         limitMB: baseMB * 1.5),
                           Model.Service(name: "db", memory: Model.Memory(baseMB: 200, perConnectionMB: 5, noise: noise),
                                         limitMB: 600)],
                pools: [Model.Pool(name: "db", service: "db", size: 8, maxConnections: 50, reservedConnections: 3,
                                   queriesPerRequest: 2, holdMS: 15)])
            guard let validated = try? ValidatedModel(model) else { return }
            let options = ForecastOptions(months: 6, paths: 2000, seed: UInt64(seed))
            let base = InstalledCapacity(model)
            var bigger = base
            bigger.nodeMemoryMB += moreMemory
            bigger.limitsMB = base.limitsMB.map { $0.map { $0 + moreLimit } }
            bigger.nodes += moreNodes
            guard let a = try? MemoryForecast.run(validated, options: options, schedule: Array(repeating: base.provision(model), count: 6)),
                  let b = try? MemoryForecast.run(validated, options: options, schedule: Array(repeating: bigger.provision(model), count: 6))
            else {
                Issue.record("forecast failed, seed \(seed)")
                return
            }
            for (ra, rb) in zip(a.resources, b.resources) {
                for m in 0..<6 {
                    #expect(rb.months[m].pFail.hits <= ra.months[m].pFail.hits,
                            "seed \(seed): \(ra.resource.label) month \(m + 1) with more memory")
                }
            }
        }
    }
}
