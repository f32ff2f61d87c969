import Testing
import PropertyBased
@testable import CapacityKit

/// Invariants of the deploy and sla engines over generated inputs within the
/// model's ranges (issue #13). Generated inputs are seeded by the library; a
/// failure prints the seed to repeat it with `.fixedSeed`.
@Suite struct EngineInvariantTests {
    /// A pipeline of 1–4 stages: rate in [0, 1], retries 0–3, retryable share in [0, 1],
    /// phases in order (the first `pre` stages pre-release).
    static let stage = PropertyBased.zip(Gen.double(in: 0...1), Gen.int(in: 0...3), Gen.double(in: 0...1))

    static func pipeline(_ stages: [(Double, Int, Double)], pre: Int, rollback: Double) -> Model.Deployment {
        Model.Deployment(stages: stages.enumerated().map { index, stage in
            Model.Stage(name: "s\(index)", failure: .rate(stage.0), retries: stage.1, retryable: stage.2,
                        phase: index < pre ? .preRelease : .release)
        }, rollback: Model.Rollback(successRate: rollback))
    }

    @Test("deployment outcomes partition: success + blocked + rolled back + unrecoverable = 1, each in [0, 1]")
    func outcomesSumToOne() async {
        await propertyCheck(input: Self.stage.array(of: 1...4), Gen.int(in: 0...4), Gen.double(in: 0...1)) { stages, pre, rollback in
            let deployment = Self.pipeline(stages, pre: min(pre, stages.count), rollback: rollback)
            let odds = DeploymentOutcomes(stages: deployment.stages.map(\.retryOdds), rollbackSuccessRate: rollback,
                                          preReleaseCount: deployment.preReleaseStageCount)
            let figures = [odds.success, odds.blocked, odds.rolledBack, odds.unrecoverable, odds.firstAttemptSuccess]
            #expect(figures.allSatisfy { $0 >= -1e-15 && $0 <= 1 + 1e-15 }, "\(odds)")
            #expect(abs(odds.success + odds.blocked + odds.rolledBack + odds.unrecoverable - 1) < 1e-12, "\(odds)")
        }
    }

    @Test("availability + unavailability = 1 for k-of-n components with failover")
    func availabilityComplement() async {
        await propertyCheck(input: Gen.double(in: 0...1), Gen.int(in: 1...20), Gen.int(in: 1...20), Gen.double(in: 0...1)) { a, n, k, s in
            let component = Model.Component(name: "c", reliability: .availability(a), replicas: max(n, k),
                                            required: min(n, k), failoverSuccessRate: s)
            let analysis = AvailabilityAnalysis(Validated(checked: Model.Availability(target: 0.999, components: [component])))
            #expect(abs(analysis.availability + analysis.unavailability - 1) < 1e-12)
            #expect(analysis.availability >= 0 && analysis.availability <= 1)
        }
    }

    @Test("deploy: 1 and 3 threads, any chunk size, give identical results")
    func deployThreadIdentity() async throws {
        await propertyCheck(count: 20, input: Self.stage.array(of: 1...3), Gen.int(in: 1...500)) { stages, chunk in
            var deployment = Self.pipeline(stages, pre: 1, rollback: 0.9)
            deployment.stages[0].failure = .counts(failures: 2, runs: 50)
            deployment.stages[0].durationMinutes = Model.MeanAndSD(mean: 5, sd: 2)
            let one = try DeploymentOdds.run(Validated(checked: deployment), options: DeploymentOddsOptions(paths: 700, seed: 3, threads: 1))
            let many = try DeploymentOdds.run(Validated(checked: deployment), options: DeploymentOddsOptions(paths: 700, seed: 3, threads: 3,
                                                                                        chunkSize: chunk))
            #expect(DeploymentWriter(one, modelName: "m").json.replacingOccurrences(of: "\"threads\" : 1", with: "")
                    == DeploymentWriter(many, modelName: "m").json.replacingOccurrences(of: "\"threads\" : 3", with: ""))
        }
    }

    @Test("sla: 1 and 3 threads, any chunk size, give identical simulations")
    func slaThreadIdentity() async {
        await propertyCheck(count: 10, input: Gen.double(in: 0.99...0.9999), Gen.int(in: 1...3), Gen.int(in: 1...40)) { a, n, chunk in
            let section = Model.Availability(target: 0.999, components: [
                Model.Component(name: "db", reliability: .availability(a), replicas: n),
                Model.Component(name: "api", reliability: .failureAndRepair(mtbfHours: 500, mttrMinutes: 45)),
            ])
            let one = OutageSimulation(Validated(checked: section), options: .init(years: 2, paths: 60, seed: 9, threads: 1))
            var options = OutageSimulation.Options(years: 2, paths: 60, seed: 9, threads: 3)
            options.chunkSize = chunk
            let many = OutageSimulation(Validated(checked: section), options: options)
            #expect(one.meanDowntimeMinutesPerYear == many.meanDowntimeMinutesPerYear)
            #expect(one.downtimeMinutesPerYear == many.downtimeMinutesPerYear)
            #expect(one.probabilityMeetingTarget == many.probabilityMeetingTarget)
            #expect(one.longestOutageMinutes == many.longestOutageMinutes)
        }
    }
}
