import Testing
import PropertyBased
@testable import CapacityKit

/// Scenarios side by side (issue #15): common random numbers make a scenario identical
/// to the base give identical figures, and more memory never more risk.
@Suite struct ScenarioComparisonTests {
    /// The default model with extra scenarios: one that restates the file's own values, and
    /// one with twice the memory everywhere.
    static let text = DefaultModel.yaml.replacingOccurrences(of: "scenarios:\n", with: """
        scenarios:
          as it is: {host.memory_mb: 4000, traffic.growth.mean: 20%, services.api.limit_mb: 500}
          more memory:
            host.memory_mb: 8000
            services.api.limit_mb: 1000
            services.redis.limit_mb: 600
            services.prometheus.limit_mb: 400

        """)
    static let options = ForecastOptions(months: 12, paths: 4_000, seed: 11, threads: 2)

    static func model() throws -> ValidatedModel {
        try ModelLoader.validate(text, file: "m.yaml", today: nil)
    }

    @Test("a scenario identical to the base gives identical figures, in every format's values")
    func identicalScenario() throws {
        let model = try Self.model()
        let comparison = try ScenarioComparison.forecast(model, scenarios: [try #require(model.scenario(named: "as it is"))],
                                                         options: Self.options)
        for row in comparison.rows {
            #expect(row.values[0] == row.values[1], "\(row.label)")
        }
        let csv = ScenarioComparisonWriter(comparison).csv.split(separator: "\n").dropFirst()
        for line in csv {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(cells[1...3] == cells[4...6], "\(line)")
        }
    }

    @Test("more memory never shows more risk: P(fail) of every resource in every month is no higher, on the same paths")
    func moreMemoryNoMoreRisk() throws {
        let model = try Self.model()
        let more = try #require(model.scenario(named: "more memory"))
        let base = try MemoryForecast.run(model, options: Self.options)
        let bigger = try MemoryForecast.run(more.model, options: Self.options)
        for (a, b) in zip(base.resources, bigger.resources) {
            #expect(a.resource.label == b.resource.label)
            for (m, (x, y)) in zip(a.months, b.months).enumerated() {
                #expect(y.pFail.hits <= x.pFail.hits, "\(a.resource.label) month \(m + 1): \(y.pFail.hits) > \(x.pFail.hits)")
                #expect(y.pFailBy.hits <= x.pFailBy.hits, "\(a.resource.label) month \(m + 1)")
            }
            #expect((b.crossings.firstFailure ?? 99) >= (a.crossings.firstFailure ?? 99), "\(a.resource.label)")
        }
        // Demand does not change with capacity: the same paths give the same memory.
        #expect(base.months.map(\.memoryMB) == bigger.months.map(\.memoryMB))
    }

    @Test("property: any extra host memory and any higher api limit never raise any P(fail) (seeded by the library)")
    func monotone() async throws {
        let model = try Self.model()
        let options = ForecastOptions(months: 6, paths: 1_500, seed: 5, threads: 1)
        let base = try MemoryForecast.run(model, options: options)
        await propertyCheck(count: 12, input: Gen.double(in: 0...6000), Gen.double(in: 0...2000)) { extraHost, extraLimit in
            var bigger = model.model
            bigger.host.memoryMB += extraHost
            bigger.services[0].limitMB! += extraLimit
            let result = try! MemoryForecast.run(try! ValidatedModel(bigger), options: options)
            for (a, b) in zip(base.resources, result.resources) {
                #expect(zip(a.months, b.months).allSatisfy { $1.pFail.hits <= $0.pFail.hits }, "\(a.resource.label)")
            }
        }
    }

    @Test("the forecast comparison reads each run's resources: first failure, runway, P(fail) in the last month")
    func figures() throws {
        let model = try Self.model()
        let comparison = try ScenarioComparison.forecast(model, scenarios: [], options: Self.options)
        let base = try MemoryForecast.run(model, options: Self.options)
        #expect(comparison.scenarios.map(\.name) == ["base"])
        #expect(comparison.rows.map(\.label) == base.resources.map(\.resource.label))
        for (row, outlook) in zip(comparison.rows, base.resources) {
            let c = outlook.crossings
            #expect(row.values[0][0] == .month(c.firstFailure, c.firstFailure.map { base.months[$0 - 1].date }))
            #expect(row.values[0][1] == .months(c.deadline.map { $0 - 1 }, horizon: 12))
            #expect(row.values[0][2] == .probability(outlook.months[11].pFail))
        }
        let first = try #require(base.verdict.first)
        #expect(comparison.scenarios[0].summary?.hasPrefix("the \(first.resource.label) fails first") == true)
    }

    @Test("deploy and sla: a scenario that changes only the forecast's inputs leaves their figures as they are")
    func otherCommands() throws {
        let model = try Self.model()
        let scenarios = [try #require(model.scenario(named: "more memory"))]
        let deploy = try #require(try ScenarioComparison.deployment(model, scenarios: scenarios,
                                                                    options: DeploymentOddsOptions(paths: 2_000)))
        let sla = try #require(ScenarioComparison.availability(model, scenarios: scenarios, target: nil,
                                                               options: OutageSimulation.Options(years: 2, paths: 200)))
        for row in deploy.rows + sla.rows { #expect(row.values[0] == row.values[1], "\(row.label)") }
        #expect(deploy.rows.first?.values[0] == [.share(try DeploymentOdds.run(model.deployment!).outcomes.success)])
    }
}
