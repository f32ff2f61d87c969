import Foundation
import Testing
import CapacityTestSupport

/// `--scenario NAME` / `--scenarios all` on forecast, timeline, deploy and sla (issue #15).
@Suite struct ScenarioCommandTests {
    let capacity = CommandRunner()

    @Test("forecast --scenarios all: a column group per scenario, base first, each scenario's overrides listed")
    func forecastTable() throws {
        let outcome = try capacity.run(["forecast", "--months", "6", "--paths", "2000", "--scenarios", "all"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let lines = outcome.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "4GB production stack: scenarios side by side · 6-month forecast, 2,000 paths, seed 2026")
        #expect(lines[1] == "  growth 30 %: traffic.growth.mean=30% (file: 20%)")
        #expect(lines[3] == "  second node: host.nodes=2 (file: 1)")
        let groups = try #require(lines.first { $0.hasPrefix("    ") && $0.contains("base") })
        let order = ["base", "growth 30 %", "api at 800 MB", "second node"].map { groups.range(of: $0)!.lowerBound }
        #expect(order == order.sorted(), "groups in order: \(groups)")
        let header = try #require(lines.first { $0.hasPrefix("resource ") })
        #expect(header.components(separatedBy: "first failure").count - 1 == 4)
        #expect(header.components(separatedBy: "P(fail) 2027-05").count - 1 == 4)
        #expect(lines.contains { $0.hasPrefix("api container ") })
        #expect(outcome.standardOutput.contains("base: the api container fails first, from 2027-02 (month 3)"))
    }

    @Test("CSV: a column per scenario and figure; JSON: each scenario with its overrides and figures",
          arguments: ["forecast", "timeline"])
    func machineFormats(_ command: String) throws {
        let csv = try capacity.run([command, "--months", "4", "--paths", "1000", "--scenario", "second node", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.standardError)")
        let header = csv.standardOutput.split(separator: "\n")[0]
        #expect(header == (command == "forecast"
            ? "resource,base_first_failure,base_runway_months,base_p_fail,second_node_first_failure,second_node_runway_months,second_node_p_fail"
            : "figure,base,second_node"))
        // Months are their first day, as in every CSV (issue 25: this one wrote `2027-03`).
        let cells = csv.standardOutput.split(separator: "\n").dropFirst().flatMap { $0.split(separator: ",") }
        #expect(!cells.contains { $0.wholeMatch(of: /\d{4}-\d{2}/) != nil }, "\(csv.standardOutput)")
        if command == "forecast" { #expect(csv.standardOutput.contains("\nhost,2027-03-01,")) }
        let json = try capacity.run([command, "--months", "4", "--paths", "1000", "--scenario", "second node", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(document["command"] as? String == command && document["comparison"] as? String == "scenarios")
        let scenarios = try #require(document["scenarios"] as? [[String: Any]])
        #expect(scenarios.map { $0["name"] as? String } == ["base", "second node"])
        let overrides = try #require(scenarios[1]["overrides"] as? [[String: Any]])
        #expect(overrides.first?["key"] as? String == "host.nodes" && overrides.first?["file_value"] as? String == "1")
        #expect(overrides.first?["origin"] as? String == "scenario")
        let markdown = try capacity.run([command, "--months", "4", "--paths", "1000", "--scenario", "second node",
                                         "--format", "markdown"])
        #expect(markdown.standardOutput.hasPrefix("## Scenarios: 4GB production stack (\(command))"))
    }

    @Test("a scenario identical to the base case gives byte-identical figures (common random numbers)")
    func identical() throws {
        let folder = try CommandRunner.temporaryFolder()
        let text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("models/4gb-stack.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "scenarios:\n", with: "scenarios:\n  same: {traffic.growth.mean: 20%, host.nodes: 1}\n")
        try text.write(to: folder.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        let outcome = try capacity.run(["forecast", "--model", "m.yaml", "--months", "12", "--paths", "3000",
                                        "--scenario", "same", "--format", "csv"], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        for line in outcome.standardOutput.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(cells[1...3] == cells[4...6], "\(line)")
        }
    }

    @Test("deploy and sla compare their headline figures; --set sits under every scenario")
    func deployAndSLA() throws {
        let deploy = try capacity.run(["deploy", "--paths", "2000", "--scenarios", "all", "--set", "deployment.rollback.success_rate=90%"])
        #expect(deploy.status == 0)
        #expect(deploy.standardOutput.contains("With --set deployment.rollback.success_rate=90% (file: 95%): not the model file's base case."))
        #expect(deploy.standardOutput.contains("unrecoverable "))
        let sla = try capacity.run(["sla", "--paths", "200", "--years", "2", "--scenario", "second node", "--format", "csv"])
        #expect(sla.status == 0)
        #expect(sla.standardOutput.hasPrefix("figure,base,second_node\navailability,"))
    }

    @Test("unknown scenario names, --scenarios other than all, a model without scenarios, quick forms: exit 64")
    func refused() throws {
        let unknown = try capacity.run(["forecast", "--scenario", "second nod"])
        #expect(unknown.status == 64)
        #expect(unknown.standardError == "error: --scenario second nod: the model has no scenario of that name; did you mean `second node`?\n")
        let other = try capacity.run(["timeline", "--scenarios", "some"])
        #expect(other.status == 64 && other.standardError.contains("--scenarios takes `all`"))
        let none = try capacity.run(["forecast", "--model", "models/softfactory.yaml", "--scenarios", "all"],
                                    in: CommandRunner.packageRoot)
        #expect(none.status == 64 && none.standardError.contains("has no scenarios: section"))
        let quick = try capacity.run(["deploy", "--stage", "ci=4%", "--scenarios", "all"])
        #expect(quick.status == 64)
        let samples = try capacity.run(["forecast", "--scenarios", "all", "--precision", "0.01"])
        #expect(samples.status == 64)
    }
}
