import Foundation
import Testing
import CapacityTestSupport

/// `--set KEY=VALUE` (issue #15): every command that takes a model, its errors, and the header that lists it.
@Suite struct SetOverrideCommandTests {
    let capacity = CommandRunner()

    @Test("a scalar, a list item by name and a percentage: the header lists each with the file's value")
    func header() throws {
        let outcome = try capacity.run(["forecast", "--months", "2", "--paths", "1000", "--set", "traffic.growth.mean=30%",
                                        "--set", "services.api.limit_mb=800", "--set", "host.nodes=2"])
        #expect(outcome.status == 0)
        let lines = outcome.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("4GB production stack: 2-month forecast, 1,000 paths, seed 2026 · 2 nodes × 3500 MB usable"))
        #expect(lines[1] == "With --set traffic.growth.mean=30% (file: 20%), --set services.api.limit_mb=800 (file: 500), "
            + "--set host.nodes=2 (file: 1): not the model file's base case.")
        let api = try #require(lines.first { $0.hasPrefix("api ") })
        #expect(api.split(separator: " ").contains("800"), "the api row shows the 800 MB limit: \(api)")
    }

    @Test("CSV gains an overrides column; JSON an overrides array; without --set neither appears")
    func machineFormats() throws {
        let csv = try capacity.run(["forecast", "--months", "1", "--paths", "500", "--format", "csv", "--set", "host.nodes=2"])
        let rows = csv.standardOutput.split(separator: "\n")
        #expect(rows[0].hasSuffix(",api_p_cpu_saturated,overrides"))  // after the worker pool's columns, the last ones
        #expect(rows[1].hasSuffix(",host.nodes=2"))
        let json = try capacity.run(["timeline", "--months", "3", "--paths", "500", "--format", "json",
                                     "--set", "traffic.growth.mean=30%"])
        #expect(json.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let overrides = try #require(document["overrides"] as? [[String: Any]])
        #expect(overrides.count == 1)
        #expect(overrides[0]["key"] as? String == "traffic.growth.mean" && overrides[0]["value"] as? String == "30%")
        #expect(overrides[0]["file_value"] as? String == "20%" && overrides[0]["origin"] as? String == "--set")
        let plain = try capacity.run(["forecast", "--months", "1", "--paths", "500", "--format", "json"])
        #expect(!plain.standardOutput.contains("\"overrides\""))
    }

    @Test("every command that takes a model takes --set and shows it",
          arguments: [["forecast", "--months", "2", "--paths", "500"], ["timeline", "--months", "3", "--paths", "500"],
                      ["pools", "--months", "2", "--paths", "500"], ["deploy", "--paths", "1000"],
                      ["sla", "--paths", "100", "--years", "1"], ["validate"]])
    func everyCommand(_ arguments: [String]) throws {
        let outcome = try capacity.run(arguments + ["--set", "thresholds.risk=2%"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("With --set thresholds.risk=2% (file: 1%): not the model file's base case."))
    }

    @Test("report: the header and the Markdown say the review ran with overrides")
    func report() throws {
        let outcome = try capacity.run(["report", "--months", "2", "--paths", "500", "--format", "markdown", "--output", "-",
                                        "--set", "host.nodes=2"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("With --set host.nodes=2 (file: 1): not the model file's base case."))
    }

    @Test("bad key paths, unknown keys and values out of range: the flag, the key, what is allowed; exit 64",
          arguments: [
            (["--set", "services.apii.limit_mb=800"],
             "error: --set services.apii.limit_mb=800: `services` has no item named `apii`; did you mean `api`?\n"),
            (["--set", "services.api.limit_mbb=800"],
             "--set services.api.limit_mbb=800: unknown key `limit_mbb` in services[0]; did you mean `limit_mb`?\nerror: --set gives the model 1 problem\n"),
            (["--set", "trafic.growth.mean=30%"],
             "--set trafic.growth.mean=30%: unknown key `trafic` in the model; did you mean `traffic`?\nerror: --set gives the model 1 problem\n"),
            (["--set", "services.api.limit_mb=-3"],
             "--set services.api.limit_mb=-3: services[0].limit_mb must be > 0 MB and ≤ 10,000,000 MB; got -3\nerror: --set gives the model 1 problem\n"),
            (["--set", "host.nodes=0"],
             "--set host.nodes=0: host.nodes must be ≥ 1 and ≤ 1,000; got 0\nerror: --set gives the model 1 problem\n"),
            (["--set", "traffic.growth.mean=120%"],
             "--set traffic.growth.mean=120%: traffic.growth.mean must be > -1 and ≤ 1 (a monthly rate: 0.2 or \"20%\"); got 120%\nerror: --set gives the model 1 problem\n"),
            (["--set", "host.nodes"], "error: --set takes KEY=VALUE; got host.nodes; for example --set traffic.growth.mean=30%\n"),
          ])
    func refused(_ arguments: [String], _ message: String) throws {
        let outcome = try capacity.run(["forecast", "--months", "2", "--paths", "500"] + arguments)
        #expect(outcome.status == 64)
        #expect(outcome.standardError == message)
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test("--set with a quick form, or with calibrate, is a usage error",
          arguments: [["deploy", "--stage", "ci=4%", "--set", "host.nodes=2"],
                      ["sla", "--component", "db=99.9%", "--set", "host.nodes=2"],
                      ["pools", "--rps", "10", "--hold-ms", "5", "--size", "4", "--set", "host.nodes=2"],
                      ["calibrate", "--history", "x.csv", "--set", "host.nodes=2"]])
    func notWithoutModel(_ arguments: [String]) throws {
        let outcome = try capacity.run(arguments)
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains("--set"))
    }
}
