import Foundation
import Testing
import CapacityTestSupport

/// `capacity sensitivity` (issue #15), run as a user runs it.
@Suite struct SensitivityCommandTests {
    let capacity = CommandRunner()

    @Test("the default: host P90 memory in the last month, the uncertain inputs ranked, the fixed ones named")
    func defaultTable() throws {
        let outcome = try capacity.run(["sensitivity", "--paths", "4000"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let text = outcome.standardOutput
        #expect(text.hasPrefix("4GB production stack: what matters most for host P90 memory in 2027-11 (MB per node) · "
            + "12 months to 2027-11, 4,000 paths, seed 2026\nBase case: "))
        let first = try #require(text.split(separator: "\n").first { $0.hasPrefix("1  ") })
        #expect(first.contains("traffic growth rate") && first.contains("P10 13.6% → P90 26.4%"))
        #expect(text.contains("Not varied, fixed in the model (--swing 20% moves each ±20 %): growth rate sd 5%"))
        #expect(text.contains("Variance share: Var(E[Y | input]) / Var(Y)"))
    }

    @Test("CSV: one row per input, largest swing first, with input,low,high,swing,variance_share")
    func csv() throws {
        let outcome = try capacity.run(["sensitivity", "--paths", "3000", "--months", "6", "--swing", "20%", "--format", "csv"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines[0] == "input,low,high,swing,variance_share,variance_share_se,key,kind,input_base,input_low,input_high,base,saturated")
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let swings = rows.map { Double($0[3])! }
        #expect(swings == swings.sorted(by: >), "largest effect first")
        #expect(rows.contains { $0[6] == "services.api.memory.per_rps_mb" && $0[7] == "swing" && $0[4] == "0" })
        #expect(rows.contains { $0[6] == "traffic.growth" && $0[7] == "uncertain" && Double($0[4])! > 0.5 })
        #expect(rows.count == 27, "9 uncertain inputs and 18 fixed estimates of the default model (its worker pool's service time and per_node among them)")
    }

    @Test("JSON: the metric, base figure, every input with its values and the method", arguments: ["p_fail", "runway"])
    func json(_ metric: String) throws {
        let outcome = try capacity.run(["sensitivity", "--paths", "2000", "--months", "6", "--metric", metric, "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        #expect(document["command"] as? String == "sensitivity" && document["metric"] as? String == metric)
        #expect(document["seed"] as? Int == 2026 && document["paths"] as? Int == 2000)
        let inputs = try #require(document["inputs"] as? [[String: Any]])
        // Largest swing first, after the saturated inputs ranked first by variance share (issue 25): the
        // default model's runway is 0 from month 1 at every swing's ends.
        let first = ((document["saturation"] as? [String: Any])?["ranked_first"] as? [String]) ?? []
        #expect(inputs.prefix(first.count).map { $0["key"] as? String } == first)
        let swings = inputs.dropFirst(first.count).compactMap { $0["swing"] as? Double }
        #expect(swings.count == inputs.count - first.count && swings == swings.sorted(by: >))
        if metric == "runway" { #expect(document["saturation"] != nil) }
        #expect(inputs.contains { $0["key"] as? String == "traffic.growth" && $0["variance_share"] is Double })
        #expect((document["method"] as? [String])?.count == 2)
        if metric == "p_fail" { #expect(document["resource"] as? String == "api container") }
    }

    @Test("a bad --metric, --swing out of range or not a share, --months 0: usage errors (exit 64)",
          arguments: [["--metric", "memory"], ["--swing", "0%"], ["--swing", "150%"], ["--swing", "lots"], ["--months", "0"]])
    func refused(_ arguments: [String]) throws {
        let outcome = try capacity.run(["sensitivity", "--paths", "500"] + arguments)
        #expect(outcome.status == 64, "\(outcome.standardError)")
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test("deploy and sla figures: their inputs, and a clear error when the section is missing")
    func otherEngines() throws {
        let deploy = try capacity.run(["sensitivity", "--metric", "p_unrecoverable", "--swing", "20%", "--format", "csv"])
        #expect(deploy.status == 0)
        #expect(deploy.standardOutput.contains("deployment.stages.ci.failure_rate,swing"))
        let downtime = try capacity.run(["sensitivity", "--metric", "downtime"])
        #expect(downtime.status == 0)
        #expect(downtime.standardOutput.contains("No input varies: nothing to rank."))
        let folder = try CommandRunner.temporaryFolder()
        let text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("models/4gb-stack.yaml"), encoding: .utf8)
        let start = text.range(of: "availability:\n")!.lowerBound, end = text.range(of: "scaling:\n")!.lowerBound
        try text.replacingCharacters(in: start..<end, with: "").write(to: folder.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        let missing = try capacity.run(["sensitivity", "--model", "m.yaml", "--metric", "downtime"], in: folder)
        #expect(missing.status == 65)
        #expect(missing.standardError == "m.yaml:1:1: --metric downtime needs the model's `availability:` section; add one (see `capacity init`)\n")
    }
}
