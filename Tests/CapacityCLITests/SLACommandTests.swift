import Foundation
import Testing
import CapacityTestSupport

/// `capacity sla`, run as a user runs it.
@Suite struct SLACommandTests {
    let capacity = CommandRunner()

    /// Seed 000's components (the default model): 0.999 · 0.9995² = 0.99800124975 with monitoring off the
    /// path; U · 525,600 min = 1,050.54 min = 17.51 h a year.
    static let seedAvailability = 0.999 * 0.9995 * 0.9995

    func json(_ arguments: [String]) throws -> [String: Any] {
        let outcome = try capacity.run(["sla", "--format", "json"] + arguments)
        #expect(outcome.status == 0, "\(arguments): \(outcome.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
    }

    /// The main job's output for the default model, byte for byte. After a deliberate change,
    /// regenerate with `CAPACITY_UPDATE_GOLDEN=1 swift test --filter SLACommandTests`.
    @Test("golden: the default model's table")
    func goldenTable() throws {
        let outcome = try capacity.run(["sla"])
        #expect(outcome.status == 0)
        #expect(outcome.standardError.isEmpty)
        let drift = try Golden.mismatch(outcome.standardOutput, "sla-default.txt")
        #expect(drift == nil, "\(drift ?? "")")
        // The seed's figures, whatever the golden file says.
        let text = outcome.standardOutput
        #expect(text.contains("Combined availability: 99.8001% (A = 0.998001250, 2.70 nines)"))
        #expect(text.contains("year (365 days)    17 h 31 min"))
        #expect(text.contains("43.2 min"))
        #expect(text.contains("monitoring reported, not multiplied in"))
        #expect(text.contains("target NOT MET"))
        #expect(text.contains("10 years × 10,000 paths, seed 2026"))
        #expect(text.contains("MTTR assumed 30 min for api, postgres, redis"))
    }

    @Test("JSON: the seed's exact figures, Monte Carlo figures with standard errors, what it takes to repeat the run")
    func defaultModelJSON() throws {
        let object = try json(["--paths", "2000", "--years", "5", "--seed", "7", "--threads", "1"])
        let availability = try #require(object["availability"] as? Double)
        #expect(abs(availability - Self.seedAvailability) < 1e-15)
        let downtime = try #require(object["downtime_minutes_per_year"] as? Double)
        #expect(abs(downtime - (1 - Self.seedAvailability) * 525_600) < 1e-9)
        #expect(abs(downtime / 60 - 17.51) < 0.005)
        #expect(abs((object["downtime_minutes_per_30_days"] as? Double ?? 0) - (1 - Self.seedAvailability) * 43_200) < 1e-9)
        // 99.9 % allows 43.2 min per 30 days.
        #expect(abs((object["error_budget_minutes_per_30_days"] as? Double ?? 0) - 43.2) < 1e-9)
        #expect(object["meets_target"] as? Bool == false)
        for key in ["downtime_p90_minutes_per_year", "downtime_p90_minutes_per_year_se", "p_meet_target",
                    "p_meet_target_se", "mean_downtime_minutes_per_year_simulated_se", "incidents_per_year_se"] {
            #expect(object[key] as? Double != nil, "\(key)")
        }
        #expect(object["tool"] as? String == "capacity" && object["command"] as? String == "sla")
        #expect(object["version"] as? String != nil && object["model"] as? String == "4GB production stack")
        #expect(object["seed"] as? Int == 7 && object["paths"] as? Int == 2000 && object["years"] as? Int == 5)
        #expect(object["threads"] as? Int == 1 && object["simulated_years"] as? Int == 10_000)
        let components = try #require(object["components"] as? [[String: Any]])
        #expect(components.map { $0["name"] as? String } == ["postgres", "api", "redis", "monitoring"])
        #expect(components.map { $0["critical_path"] as? Bool } == [true, true, true, false])
        #expect(components[3]["downtime_share"] is NSNull)
        #expect(components[0]["downtime_share"] as? Double == 0.5)
    }

    @Test("the quick form: seed 000's four components give 0.99800125, monitoring off the path")
    func quickForm() throws {
        let object = try json(["--paths", "500", "--component", "db=99.9%", "--component", "api=99.95%",
                               "--component", "cache=99.95%", "--component", "monitoring=99.8%:critical=false"])
        let availability = try #require(object["availability"] as? Double)
        #expect(abs(availability - 0.99800125) < 1e-9)
        #expect(abs(availability - Self.seedAvailability) < 1e-15)
        #expect(object["model"] as? String == "quick form")
        #expect(abs((object["target"] as? Double ?? 0) - 0.999) < 1e-15, "the quick form's default target")
    }

    @Test("the quick form: replicas, target, MTBF/MTTR")
    func quickFormOptions() throws {
        // API 1-of-2 at 99.95 %: 1 − 0.0005² = 0.99999975; database MTBF 2000 h, MTTR 30 min: 2000/2000.5.
        let object = try json(["--paths", "500", "--component", "db=mtbf:2000h/mttr:30m",
                               "--component", "api=99.95%:replicas=2", "--target", "99.95%"])
        let availability = try #require(object["availability"] as? Double)
        #expect(abs(availability - 2000 / 2000.5 * 0.99999975) < 1e-14)
        #expect(abs((object["target"] as? Double ?? 0) - 0.9995) < 1e-15)
        let components = try #require(object["components"] as? [[String: Any]])
        let database = try #require(components.first { $0["name"] as? String == "db" })
        #expect(database["mtbf_hours"] as? Double == 2000 && database["mttr_minutes"] as? Double == 30)
        #expect(database["simulated_mttr_assumed"] as? Bool == false)
    }

    @Test("--target overrides the model's target")
    func targetOverride() throws {
        let object = try json(["--paths", "200", "--target", "99.7%"])
        #expect(object["meets_target"] as? Bool == true)
        #expect(abs((object["error_budget_minutes_per_30_days"] as? Double ?? 0) - 129.6) < 1e-9)
    }

    @Test("bad input: one clear line and a sysexits code", arguments: [
        (["--component", "db=1.5"], 64, "error: --component db=1.5: availability must be a probability in [0, 1]; got 1.5\n"),
        (["--component", "db=150%"], 64, "error: --component db=150%: availability must be a probability in [0, 1]; got 150%\n"),
        (["--component", "api=99.9%:replicas=2:required=3"], 64,
         "error: --component api=99.9%:replicas=2:required=3: required must be ≤ replicas (2); got 3\n"),
        (["--component", "db=mtbf:2000h/mttr:-5m"], 64, "error: --component db=mtbf:2000h/mttr:-5m: mttr must be ≥ 0 min and ≤ 1,000,000 min; got -5m\n"),
        (["--component", "db=mtbf:0h/mttr:5m"], 64, "error: --component db=mtbf:0h/mttr:5m: mtbf must be ≥ 0.1 h and ≤ 10,000,000 h; got 0h\n"),
        (["--component", "x"], 64,
         "error: --component x: expected NAME=AVAILABILITY[:OPTION=VALUE…], e.g. db=99.9% or api=99.95%:replicas=2\n"),
        (["--component", "db=99%:size=2"], 64,
         "error: --component db=99%:size=2: unknown option `size`; expected replicas=N, required=K, critical=false or failover=P\n"),
        (["--component", "db=99%", "--component", "db=98%"], 64,
         "error: --component db=98%: repeats the name `db` of --component db=99%; names must be unique\n"),
        (["--component", "db=99%", "--model", "models/4gb-stack.yaml"], 64,
         "error: --component (the quick form) and --model cannot be combined; put the components in the model's availability: section, or drop --model\n"),
        (["--target", "150%"], 64, "error: --target must be a probability in [0, 1] (99.9% or 0.999); got 150%\n"),
        (["--years", "0"], 64, "error: --years must be between 1 and 1000; got 0\n"),
        (["--years", "1001"], 64, "error: --years must be between 1 and 1000; got 1001\n"),
        (["--paths", "1e12"], 64, "error: --paths must be between 1 and 10000000; got 1000000000000\n"),
        (["--paths", "0"], 64, "error: --paths must be between 1 and 10000000; got 0\n"),
        (["--threads", "0"], 64, "error: --threads must be between 1 and 512; got 0\n"),
        (["--assumed-mttr", "30"], 64,
         "error: --assumed-mttr must be a duration with a unit (s, m, h or d), e.g. 30m; got 30\n"),
        (["--output", "/nonexistent/s.csv"], 73, "error: --output /nonexistent/s.csv: folder /nonexistent does not exist\n"),
        (["--model", "/nonexistent/m.yaml"], 66, "error: /nonexistent/m.yaml: no such model file\n"),
    ] as [([String], Int32, String)])
    func badInput(arguments: [String], status: Int32, message: String) throws {
        let outcome = try capacity.run(["sla"] + arguments, in: CommandRunner.packageRoot)
        #expect(outcome.status == status, "\(arguments)")
        #expect(outcome.standardError == message, "\(arguments)")
        #expect(outcome.standardOutput.isEmpty)
    }

    /// The default model with its `availability:` section replaced by `replacement`.
    func model(availability replacement: String) throws -> URL {
        let folder = try CommandRunner.temporaryFolder()
        let text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("models/4gb-stack.yaml"), encoding: .utf8)
        let start = try #require(text.range(of: "availability:\n")), end = try #require(text.range(of: "scaling:\n"))
        try (text[..<start.lowerBound] + replacement + text[end.lowerBound...])
            .write(to: folder.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test("a model without availability: is refused with exit 65 and one clear line")
    func noAvailabilitySection() throws {
        let outcome = try capacity.run(["sla", "--model", "m.yaml"], in: try model(availability: ""))
        #expect(outcome.status == 65)
        #expect(outcome.standardError == "m.yaml:1:1: the model has no `availability:` section; add one (a target and "
                + "components, see `capacity init`) or give the components with --component NAME=AVAILABILITY\n")
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test("a model with no component, or an availability above 1, is refused by the loader with exit 65")
    func invalidAvailabilitySection() throws {
        let empty = try capacity.run(["sla", "--model", "m.yaml"],
                                     in: try model(availability: "availability:\n  target: 99.9%\n  components: []\n\n"))
        #expect(empty.status == 65)
        #expect(empty.standardError.contains("availability.components must list at least one entry; got an empty list"))
        let above = try capacity.run(["sla", "--model", "m.yaml"], in: try model(
            availability: "availability:\n  target: 99.9%\n  components:\n    - {name: db, availability: 1.5}\n\n"))
        #expect(above.status == 65)
        #expect(above.standardError.contains("availability.components[0].availability must be a probability in [0, 1]"))
    }

    @Test("CSV and JSON are byte-identical on 1 and 2 threads and any chunk size")
    func threadInvariance() throws {
        var outputs: Set<String> = []
        for arguments in [["--threads", "1"], ["--threads", "2"], ["--threads", "2", "--chunk-size", "7"]] {
            let common = ["sla", "--paths", "1000", "--years", "3", "--seed", "11"] + arguments
            let csv = try capacity.run(common + ["--format", "csv"])
            let json = try capacity.run(common + ["--format", "json"])
            #expect(csv.status == 0 && json.status == 0)
            let withoutThreads = json.standardOutput.split(separator: "\n").filter { !$0.contains("\"threads\"") }
            outputs.insert(csv.standardOutput + withoutThreads.joined(separator: "\n"))
        }
        #expect(outputs.count == 1)
    }

    @Test("CSV: one row per component, weakest first, then the system row; documented header")
    func csv() throws {
        let outcome = try capacity.run(["sla", "--paths", "300", "--format", "csv"])
        #expect(outcome.status == 0)
        let lines = outcome.standardOutput.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(lines.count == 6)
        #expect(Array(lines[0].prefix(4)) == ["component", "critical_path", "replicas", "required"])
        #expect(lines.dropFirst().map { $0[0] } == ["postgres", "api", "redis", "monitoring", "system"])
        #expect(lines.allSatisfy { $0.count == lines[0].count })
        let header = lines[0].map(String.init)
        let system = lines[5]
        let availabilityColumn = try #require(header.firstIndex(of: "availability"))
        let meetsColumn = try #require(header.firstIndex(of: "meets_target"))
        let availability = try #require(Double(system[availabilityColumn]))
        #expect(abs(availability - Self.seedAvailability) < 1e-15)
        #expect(system[meetsColumn] == "false")
        // Issue 25: computed complements print as the decimals they are (postgres at 99.9 %:
        // U = 0.001, 3 nines, 0.001 × 525,600 = 525.6 min a year, × 43,200 = 43.2 min per 30 days),
        // not 0.00099999999999989, 3.00000000000005, 525.599999999942.
        let postgres = lines[1].map(String.init)
        func cell(_ column: String) throws -> String { postgres[try #require(header.firstIndex(of: column))] }
        #expect(try cell("unavailability") == "0.001")
        #expect(try cell("nines") == "3")
        #expect(try cell("downtime_minutes_per_year") == "525.6")
        #expect(try cell("downtime_minutes_per_30_days") == "43.2")
        #expect(system[try #require(header.firstIndex(of: "error_budget_minutes_per_30_days"))] == "43.2")
    }

    @Test("--output writes the file atomically; Markdown has the table's sections")
    func markdownToFile() throws {
        let folder = try CommandRunner.temporaryFolder()
        let outcome = try capacity.run(["sla", "--paths", "300", "--format", "markdown", "--output", "sla.md"], in: folder)
        #expect(outcome.status == 0 && outcome.standardOutput.isEmpty)
        let text = try String(contentsOf: folder.appendingPathComponent("sla.md"), encoding: .utf8)
        for heading in ["## Availability (SLA): 4GB production stack", "### Components, weakest first",
                        "### One more replica (what-if), best first", "### Simulated years"] {
            #expect(text.contains(heading + "\n"), "\(heading)")
        }
        #expect(text.contains("| year (365 days) | 17 h 31 min |"))
        #expect(text.contains("Verdict: target 99.9% NOT MET"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["sla.md"])
    }
}
