import Testing
@testable import CapacityKit

/// Options as provisions: what each kind changes, the connection budget, and the
/// mapping from the model's order to the simulator's (sorted by name).
@Suite struct ScalingOptionTests {
    /// Services listed out of name order (zeta before alpha), one pool of 16 per instance, 47 accepted.
    static let model = Model(
        name: "options", start: YearMonth(year: 2027, month: 1),
        host: Model.Host(memoryMB: 4000, reservedMB: 500, nodes: 2, costPerMonth: 25),
        traffic: Model.Traffic(rps: 100, growth: Model.Growth(mean: 0.2)),
        services: [Model.Service(name: "zeta", memory: Model.Memory(baseMB: 100, perRPSMB: 2), limitMB: 400),
                   Model.Service(name: "alpha", memory: Model.Memory(baseMB: 100, perConnectionMB: 10), limitMB: 1000)],
        pools: [Model.Pool(name: "db", service: "alpha", size: 16, maxConnections: 50, reservedConnections: 3,
                           queriesPerRequest: 2, holdMS: 15)])

    @Test("a horizontal option that breaks the connection budget is refused, not applied: 3 × 1 × 16 = 48 > 47")
    func connectionBudget() {
        let capacity = InstalledCapacity(Self.model)
        #expect(capacity.provision.poolConnections == [32])
        let node = Model.ScalingOption(name: "node", kind: .horizontal, memoryMB: 4000, costPerMonth: 25)
        guard case .failure(let refusal) = capacity.applying(node, model: Self.model) else {
            Issue.record("applied a third node past the connection budget")
            return
        }
        #expect(refusal.reason == "breaks the connection budget of pool db: 3 nodes × 1 × 16 = 48 connections > "
            + "max_connections − reserved = 47")
        let pool = Model.ScalingOption(name: "pool 24", kind: .pool, pool: "db", size: 24)
        guard case .failure = capacity.applying(pool, model: Self.model) else {
            Issue.record("applied a pool of 2 × 24 = 48 past the budget")
            return
        }
        let fits = Model.ScalingOption(name: "pool 23", kind: .pool, pool: "db", size: 23)
        #expect((try? capacity.applying(fits, model: Self.model).get())?.provision.poolConnections == [46])
    }

    @Test("vertical replaces every node's memory and price; horizontal adds a node, splits nothing else")
    func kinds() throws {
        let capacity = InstalledCapacity(Self.model)
        #expect(capacity.costPerMonth == 50)
        let vertical = try capacity.applying(Model.ScalingOption(name: "8GB", kind: .vertical, memoryMB: 8000, costPerMonth: 40),
                                             model: Self.model).get()
        #expect(vertical.provision.usableMB == 7500 && vertical.provision.nodes == 2 && vertical.costPerMonth == 80)
        var single = Self.model
        single.host.nodes = 1
        let horizontal = try InstalledCapacity(single).applying(
            Model.ScalingOption(name: "node", kind: .horizontal, memoryMB: 4000, costPerMonth: 30), model: single).get()
        #expect(horizontal.provision.nodes == 2 && horizontal.provision.usableMB == 3500)
        #expect(horizontal.provision.poolConnections == [32] && horizontal.costPerMonth == 55)
        let limit = try capacity.applying(Model.ScalingOption(name: "zeta 600", kind: .limit, service: "zeta",
                                                              limit: .megabytes(600)), limitMB: 600, model: Self.model).get()
        #expect(limit.provision.limitsMB == [600, 1000] && limit.costPerMonth == 50)
    }

    @Test("a limit given in the model's order reaches the right service in the simulator's sorted order")
    func scheduleOrder() throws {
        // zeta per node = 100 + 2 · peak / 2 nodes = 100 + peak: m3 244, m4 272.8, m5 307.4, m6 348.8 MB.
        // A 300 MB limit from month 4, given in the model's order (zeta first): zeta fails in m5 and m6.
        let validated = try ValidatedModel(Self.model)
        var schedule = Array(repeating: Provision(Self.model), count: 6)
        for m in 3..<6 { schedule[m].limitsMB = [300, 1000] }
        let result = try MemoryForecast.run(validated, options: ForecastOptions(months: 6, paths: 10), schedule: schedule)
        let zeta = try #require(result.resources.first { $0.resource.name == "zeta" && $0.resource.kind == .container })
        let alpha = try #require(result.resources.first { $0.resource.name == "alpha" && $0.resource.kind == .container })
        #expect(zeta.months.map(\.capacity) == [400, 400, 400, 300, 300, 300])
        #expect(alpha.months.map(\.capacity) == Array(repeating: 1000, count: 6))
        #expect(zeta.months.map(\.pFail.hits) == [0, 0, 0, 0, 10, 10])
        #expect(zeta.crossings.risk == 5)
        // The months before the change are the model's own, number for number.
        let plain = try MemoryForecast.run(validated, options: ForecastOptions(months: 6, paths: 10))
        #expect(plain.months[0..<3].map(\.memoryMB) == result.months[0..<3].map(\.memoryMB))
        #expect(plain.resources[1].months[0..<3].map(\.pFail) == result.resources[1].months[0..<3].map(\.pFail))
    }
}
