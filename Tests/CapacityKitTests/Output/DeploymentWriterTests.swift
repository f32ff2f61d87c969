import Foundation
import Testing
@testable import CapacityKit

/// The deployment writers: pure functions from a result to text. Figures are the seed
/// pipeline's (shared/seeds/000_*.md; by hand in DeploymentOutcomesTests).
@Suite struct DeploymentWriterTests {
    static let seedPipeline = Model.Deployment(
        deploysPerMonth: 20,
        stages: [("ci", 0.04), ("docker build", 0.02), ("deploy", 0.03), ("health checks", 0.01),
                 ("configuration", 0.01)].map { Model.Stage(name: $0.0, failure: .rate($0.1)) },
        rollback: Model.Rollback(successRate: 0.95))

    func writer(_ deployment: Model.Deployment, paths: Int = 2_000) throws -> DeploymentWriter {
        DeploymentWriter(try DeploymentOdds.run(Validated(checked: deployment), options: DeploymentOddsOptions(paths: paths, seed: 5)),
                         modelName: "test")
    }

    @Test func csvHasAStageRowPerStageThenPipelineRows() throws {
        var deployment = Self.seedPipeline
        deployment.stages[1] = Model.Stage(name: "build, push", failure: .counts(failures: 2, runs: 100), retries: 1)
        let lines = try writer(deployment).csv.split(separator: "\n").map(String.init)
        #expect(lines[0] == DeploymentWriter.csvHeader.joined(separator: ","))
        #expect(lines.count == 1 + 5 + 7 + 1)
        // RFC 4180: the comma in the name is quoted; counts fill failures and runs. The posterior mean
        // 3/102 = 0.02941176470588235… to the shortest decimal within 1e-12 relative: 12 digits.
        #expect(lines[2].hasPrefix("\"build, push\",0.0294117647059,2,100,1,1,"))
        #expect(lines[1].hasPrefix("ci,0.04,,,0,1,,,,0.96,,,,,,"))
        #expect(lines[6...].map { $0.prefix { $0 != "," } } == [
            "pipeline:first_attempt_success", "pipeline:success_after_retries", "pipeline:success", "pipeline:blocked",
            "pipeline:failure",
            "pipeline:rolled_back", "pipeline:unrecoverable", "pipeline:unrecoverable_in_quarter",
        ])
        #expect(lines.allSatisfy { CSVSplit.fields($0).count == DeploymentWriter.csvHeader.count })
    }

    @Test func jsonOmitsWhatDoesNotApply() throws {
        var deployment = Self.seedPipeline
        deployment.deploysPerMonth = 0
        let text = try writer(deployment).json
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["over_time"] == nil && object["intervals"] == nil && object["duration_minutes"] == nil)
        #expect(object["model"] as? String == "test")
        #expect(object["percentile_bin_relative_error"] as? Double == 0x1p-11)
        #expect((object["verdict"] as? String)?.hasPrefix("Verdict: 89.44% of deployments succeed") == true)
    }

    @Test func verdicts() throws {
        #expect(try writer(Self.seedPipeline).verdict
                == "Verdict: 89.44% of deployments succeed; 1 in 189 is unrecoverable (0.5279%), a 27.21% chance of "
                + "at least one a quarter; fix ci first (+1.863 points of success).")
        let safe = Model.Deployment(stages: [Model.Stage(name: "ci", failure: .rate(0.1))])
        #expect(try writer(safe).verdict == "Verdict: 90.00% of deployments succeed; none is unrecoverable (every "
                + "rollback succeeds); fix ci first (+5.000 points of success).")
        let perfect = Model.Deployment(stages: [Model.Stage(name: "ci", failure: .rate(0))])
        #expect(try writer(perfect).verdict == "Verdict: every deployment succeeds.")
    }

    @Test func tableAndMarkdownCarryTheSameFigures() throws {
        var deployment = Self.seedPipeline
        deployment.deploysPerMonth = 2.5
        deployment.stages[0] = Model.Stage(name: "ci", failure: .counts(failures: 4, runs: 100),
                                           durationMinutes: Model.MeanAndSD(mean: 10, sd: 2))
        let writer = try writer(deployment)
        for text in [writer.table, writer.markdown] {
            #expect(text.contains("4 failures in 100 runs"))
            #expect(text.contains("Poisson: 7.5 deployments on average"))
            #expect(text.contains("Deployment time, with retries and rollbacks: P50 "))
            #expect(text.contains("Probabilities at the posterior-mean failure rates"))
            #expect(text.hasSuffix(writer.verdict + "\n"))
        }
    }

    @Test func inputsPrintWithoutTrailingZeros() {
        #expect(DeploymentWriter.input(0.04) == "4%")
        #expect(DeploymentWriter.input(0.015) == "1.5%")
        #expect(DeploymentWriter.input(3.0 / 102) == "2.941%")
        #expect(DeploymentWriter.count(60) == "60" && DeploymentWriter.count(2.111685248) == "2.112")
        #expect(NumberFormat.grouped(100_000) == "100,000" && NumberFormat.grouped(-1_234) == "-1,234")
    }
}

/// Splits one RFC 4180 line into its fields (no embedded newlines or doubled quotes: enough here).
enum CSVSplit {
    static func fields(_ line: String) -> [String] {
        var fields: [String] = [], current = "", quoted = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            switch (character, quoted) {
            case ("\"", false) where current.isEmpty: quoted = true
            case ("\"", true): quoted = false
            case (",", false):
                fields.append(current)
                current = ""
            default: current.append(character)
            }
        }
        return fields + [current]
    }
}
