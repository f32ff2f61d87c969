import Foundation
import Testing
@testable import CapacityKit

/// Several models on the draws already made (how the sensitivity's tornado and the
/// scenarios compare models): each model's figures must be the ones it gives alone,
/// bit for bit — the normals of a path do not depend on who reads them — while the
/// normals are drawn once per chunk for every model that draws alike.
@Suite struct SharedDrawsTests {
    /// The default model with one figure changed per variant: a growth rate pinned (its own
    /// drivers), a memory slope and a noise (their own demand), a limit and a pool (capacity).
    static func variants() throws -> [ValidatedModel] {
        let base = try DefaultModel.validate(today: nil).model
        var growth = base
        growth.traffic.growth.mean = 0.3
        growth.traffic.growth.sd = 0
        var slope = base
        slope.services[0].memory.perRPSMB *= 1.5
        slope.services[1].memory.noise = 0
        var limit = base
        limit.services[0].limitMB = (limit.services[0].limitMB ?? 1000) * 0.7
        limit.pools[0].size += 4
        return try [base, growth, slope, limit].map { try ValidatedModel($0) }
    }

    static func render(_ result: ForecastResult) -> String { ForecastWriter(result).csv + ForecastWriter(result).json }

    @Test("models drawing alike share one pass, and each gets its own forecast, byte for byte, on 1 or 2 threads")
    func sharedPassEqualsSeparateRuns() throws {
        let models = try Self.variants()
        let seed: UInt64 = 77
        for threads in [1, 2] {
            let options = ForecastOptions(months: 7, paths: 5000, seed: seed, threads: threads, chunkSize: 700)
            let together = try MemoryForecast.simulate(models.map { MemoryForecast.Member($0) }, options: options)
            #expect(together.count == models.count)
            for (k, model) in models.enumerated() {
                let alone = Self.render(try MemoryForecast.run(model, options: options))
                #expect(Self.render(together[k][0].result) == alone, "seed \(seed), threads \(threads): model \(k)")
            }
            let figures = try MemoryForecast.figures(models, options: options) { $0.months.last!.memoryMB.p90 }
            let alone = try models.map { try MemoryForecast.run($0, options: options).months.last!.memoryMB.p90 }
            #expect(figures == alone, "seed \(seed), threads \(threads)")
        }
    }

    @Test("a member whose first schedule takes another's counts and whose second does not still gets its own forecasts")
    func partlySharedSchedulesEqualSeparateRuns() throws {
        let models = try Self.variants()
        let (base, slope) = (models[0], models[2])
        let months = 8
        let first = Array(repeating: Provision(base.model), count: months)
        var roomier = Provision(base.model)   // more memory: the same demand, another capacity from month 3
        roomier.usableMB += 700
        let second = Array(first.prefix(2)) + Array(repeating: roomier, count: months - 2)
        let options = ForecastOptions(months: months, paths: 3000, seed: 12, threads: 2, chunkSize: 500)
        // The base alone, then the base again with a second schedule (its first takes every count
        // from the first member; its second runs on the rows its first computes), then the slope.
        let members = [MemoryForecast.Member(base, schedules: [first]), MemoryForecast.Member(base, schedules: [first, second]),
                       MemoryForecast.Member(slope, schedules: [first, second])]
        let together = try MemoryForecast.simulate(members, options: options)
        for (k, member) in members.enumerated() {
            for (v, schedule) in member.schedules.enumerated() {
                let alone = Self.render(try MemoryForecast.run(member.validated, options: options, schedule: schedule))
                #expect(Self.render(together[k][v].result) == alone, "member \(k), schedule \(v)")
            }
        }
    }

    @Test("workers a schedule adds cost memory after the shared rows: members with and without them get their own forecasts")
    func addedWorkersMemoryEqualsSeparateRuns() throws {
        var model = try DefaultModel.validate(today: nil).model
        model.workers[0].memoryPerWorkerMB = 2.5
        var slope = model
        slope.services[slope.services.firstIndex { $0.name == "system" }!].memory.perRPSMB *= 1.2
        let (base, other) = (try ValidatedModel(model), try ValidatedModel(slope))
        let months = 6
        var more = Provision(model)   // 40 more workers from month 2: +100 MB to the api on every path
        more.workersPerNode[0] += 40
        more.workerRatesPerNode[0] *= 1.3
        let schedules = [Array(repeating: Provision(model), count: months),
                         [Provision(model)] + Array(repeating: more, count: months - 1)]
        let options = ForecastOptions(months: months, paths: 2500, seed: 9, threads: 2, chunkSize: 600)
        let members = [MemoryForecast.Member(base, schedules: schedules), MemoryForecast.Member(other, schedules: schedules)]
        let together = try MemoryForecast.simulate(members, options: options)
        for (k, member) in members.enumerated() {
            for (v, schedule) in schedules.enumerated() {
                let alone = Self.render(try MemoryForecast.run(member.validated, options: options, schedule: schedule))
                #expect(Self.render(together[k][v].result) == alone, "member \(k), schedule \(v)")
            }
        }
    }

    @Test("the passes: models that draw alike go together; another stream set or correlation gets a pass of its own")
    func passesGroupModelsThatDrawAlike() throws {
        let models = try Self.variants()
        var correlated = models[0].model
        correlated.correlations = nil
        var fewer = models[0].model
        fewer.services.removeLast()   // one noise stream fewer
        let options = ForecastOptions(months: 5, paths: 100, seed: 3)
        let simulators = try (models.map(\.model) + [correlated, fewer]).map { model in
            let sorted = model.sortedByName
            return PathSimulator(model: sorted, options: options, variants: [Array(repeating: Provision(sorted), count: 5)],
                                 correlation: try InputCorrelation(model: sorted))
        }
        let hasCorrelations = models[0].model.correlations != nil
        // Hand-derived: the four variants draw alike (same services, same correlations); the model
        // without a service reads one stream fewer; dropping the correlations changes the draws
        // only when the model has some.
        let expected = hasCorrelations ? [[0, 1, 2, 3], [4], [5]] : [[0, 1, 2, 3, 4], [5]]
        #expect(MemoryForecast.passes(simulators, months: 5) == expected)
        #expect(simulators[0].drawsLike(simulators[1]) && !simulators[0].drawsLike(simulators[5]))
    }

    @Test("a pass fills at most the histogram budget: members beyond it run in a pass of their own; counts taken from another member fill none")
    func passesRespectTheBudget() throws {
        let base = try DefaultModel.validate(today: nil).model
        let months = 24
        let options = ForecastOptions(months: months, paths: 100, seed: 3)
        func simulator(growth: Double) throws -> PathSimulator {
            var model = base
            model.traffic.growth.mean = growth   // its own traffic: it observes every resource itself
            let sorted = model.sortedByName
            return PathSimulator(model: sorted, options: options,
                                 variants: Array(repeating: Array(repeating: Provision(sorted), count: months), count: 4),
                                 correlation: try InputCorrelation(model: sorted))
        }
        let first = try simulator(growth: 0.1)
        let perMember = 4 * first.resources.count * months
        let fit = MemoryForecast.histogramsPerPass / perMember
        let count = 2 * fit + 1
        let distinct = try (0..<count).map { try simulator(growth: 0.1 + 0.01 * Double($0)) }
        let groups = MemoryForecast.passes(distinct, months: months)
        // Hand-derived: ⌊budget / member⌋ members per pass, in order; the rest in the last.
        #expect(groups == [Array(0..<fit), Array(fit..<(2 * fit)), [2 * fit]])
        #expect(groups.allSatisfy { $0.count * perMember <= MemoryForecast.histogramsPerPass })
        // The same model again takes every count from the first: the whole list fits in one pass.
        #expect(MemoryForecast.passes(Array(repeating: first, count: count), months: months) == [Array(0..<count)])
    }

    @Test("a model takes another's counts of exactly the resources whose demand and capacity it shares")
    func sharedResourcesAreThoseWithTheSameDemandAndCapacity() throws {
        let base = try DefaultModel.validate(today: nil).model
        var slope = base   // api's memory per rps: api's container and the host change, nothing else
        slope.services[slope.services.firstIndex { $0.name == "api" }!].memory.perRPSMB *= 1.5
        var growth = base  // the traffic: every resource's demand changes
        growth.traffic.growth.mean += 0.05
        var slower = base  // api workers' service time: their SLO rate changes, in the provision
        slower.workers[0].serviceTime = .percentiles(p50: 80, p95: 220)
        let options = ForecastOptions(months: 6, paths: 100, seed: 1)
        let simulators = try [base, slope, growth, slower].map { model in
            let sorted = model.sortedByName
            return PathSimulator(model: sorted, options: options, variants: [Array(repeating: Provision(sorted), count: 6)],
                                 correlation: try InputCorrelation(model: sorted))
        }
        let shared = PathSimulator.sharedResources(simulators)
        let labels = simulators[0].resources.map(\.resource.label)
        func own(_ k: Int) -> [String] { labels.indices.filter { shared[k][0][$0] == nil }.map { labels[$0] } }
        // Hand-derived from the model: the base observes everything; the slope its host and api;
        // the traffic change everything; the slower workers only their own pool.
        #expect(own(0) == labels)
        #expect(Set(own(1)) == ["host", "api container"])
        #expect(own(2) == labels)
        // The slower workers' rate within the SLO is part of their provision (a plan may raise per_node):
        // another schedule, so they share nothing.
        #expect(own(3) == labels)
        #expect(shared[1][0].compactMap { $0 }.allSatisfy { $0 == 0 })
    }

    @Test("the plans of several models on shared draws are each model's own timeline plan")
    func sharedPlansEqualSeparateTimelines() throws {
        let models = try Self.variants()
        let options = TimelineOptions(forecast: ForecastOptions(months: 10, paths: 4000, seed: 5, threads: 2, chunkSize: 900))
        let plans = try ScalingTimeline.plans(models, options: options)
        let timelines = try ScalingTimeline.run(models, options: options)
        // The sensitivity's cost: the searched schedules' alone, on 1 thread as on 2.
        let costs = try ScalingTimeline.costs(models, options: options)
        var oneThread = options
        oneThread.forecast.threads = 1
        #expect(try ScalingTimeline.costs(models, options: oneThread) == costs)
        for (k, model) in models.enumerated() {
            let alone = try ScalingTimeline.run(model, options: options)
            let text = TimelineWriter(alone).csv + TimelineWriter(alone).json
            #expect(TimelineWriter(timelines[k]).csv + TimelineWriter(timelines[k]).json == text, "model \(k)")
            #expect(plans[k].totalCost == alone.plan.totalCost && plans[k].steps.map(\.month) == alone.plan.steps.map(\.month)
                    && plans[k].shortfalls.map(\.deadline) == alone.plan.shortfalls.map(\.deadline), "model \(k)")
            #expect(costs[k] == alone.plan.totalCost, "model \(k)")
            // The plan's cost is its months' costs added up: Σ_m cost per month of the capacity in force.
            #expect(alone.plan.totalCost == alone.plan.months.map(\.costPerMonth).reduce(0, +), "model \(k)")
        }
        #expect(Set(costs).count > 1, "the variants' plans differ in cost: \(costs)")
    }
}
