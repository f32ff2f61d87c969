import Foundation
import Testing
import CapacityTestSupport

/// `capacity forecast`, run as a user runs it.
@Suite struct ForecastCommandTests {
    let capacity = CommandRunner()

    /// The main job's output for the default model, byte for byte. After a deliberate change,
    /// regenerate with `CAPACITY_UPDATE_GOLDEN=1 swift test --filter ForecastCommandTests`.
    @Test("golden: the default model's 6-month table")
    func goldenTable() throws {
        let outcome = try capacity.run(["forecast", "--months", "6"])
        #expect(outcome.status == 0)
        #expect(outcome.standardError.isEmpty, "nothing on stderr when it is not a terminal")
        let drift = try Golden.mismatch(outcome.standardOutput, "forecast-default-6-months.txt")
        #expect(drift == nil, "\(drift ?? "")")
        #expect(!outcome.standardOutput.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test("the README's run names the api container first, and the table says what the status means")
    func defaultVerdict() throws {
        let outcome = try capacity.run(["forecast", "--months", "6"])
        let text = outcome.standardOutput
        #expect(text.contains("What fails first:\n  api container: over its 500 MB limit in ≥ 1 % of paths from 2027-02 (month 3)"))
        #expect(text.contains("  3  2027-02") && text.contains("CRITICAL api"))
        #expect(text.contains("Status is the worst over all resources: CRITICAL when any P(fail) ≥ 1 %"))
        #expect(text.contains("Memory figures are demand at each month's peak traffic"))
        let help = try capacity.run(["forecast", "--help"])
        #expect(help.standardOutput.contains("Status is the worst over all resources"))
    }

    @Test("--start shifts every date; a start in the past is a note on stderr")
    func start() throws {
        let csv = try capacity.run(["forecast", "--months", "3", "--paths", "1000", "--format", "csv", "--start", "2027-06"])
        #expect(csv.status == 0 && csv.standardError.isEmpty)
        #expect(csv.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
            == ["2027-06-01", "2027-07-01", "2027-08-01"])
        let past = try capacity.run(["forecast", "--months", "2", "--paths", "500", "--start", "2026-01"])
        #expect(past.status == 0)
        #expect(past.standardError.hasPrefix("--start: note: start 2026-01 is 10 months before the current month 2026-11"))
        let moved = try capacity.run(["forecast", "--months", "2", "--paths", "500", "--start", "2026-11"],
                                     environment: ["CAPACITY_TODAY": "2027-03"])
        #expect(moved.standardError.hasPrefix("--start: note: start 2026-11 is 4 months before the current month 2027-03"),
                "the model's own start note gives way to --start's")
        #expect(!moved.standardError.contains("4gb-stack.yaml"))
        let bad = try capacity.run(["forecast", "--start", "2026-13"])
        #expect(bad.status == 64 && bad.standardError == "error: --start must be a calendar month YYYY-MM (e.g. 2026-12); got 2026-13\n")
    }

    @Test("the CSV header starts with the contract's columns, then services, pools, and ends with the worker pools'")
    func csvHeader() throws {
        let outcome = try capacity.run(["forecast", "--months", "2", "--paths", "2000", "--format", "csv"])
        #expect(outcome.status == 0)
        let lines = outcome.standardOutput.split(separator: "\n")
        #expect(lines.count == 3)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(Array(header.prefix(11)) == ["month", "date", "rps_p50", "rps_p90", "memory_p50_mb", "memory_p90_mb",
                                             "memory_p99_mb", "p_warn", "p_critical", "p_oom", "status"])
        #expect(header[11...14] == ["api_memory_p50_mb", "api_memory_p90_mb", "api_memory_p99_mb", "api_p_over_limit"])
        #expect(header.contains("postgres_utilization_p90") && header.contains("postgres_p_saturated"))
        // The default model's worker pool last, then the 17 columns before it.
        #expect(Array(header.suffix(10)) == ["api_rps_per_node_p50", "api_rps_per_node_p90", "api_utilization_p50",
                                            "api_utilization_p90", "api_p95_ms_p50", "api_p95_ms_p90", "api_p_slo_breach",
                                            "api_p_slo_breach_by", "api_cpu_utilization_p90", "api_p_cpu_saturated"])
        #expect(Array(header.dropLast(10).suffix(17)) == ["p_oom_by", "memory_p90_of_usable", "status_reason",
                                            "api_p90_of_limit", "api_p_over_limit_by", "postgres_p90_of_limit",
                                            "postgres_p_over_limit_by", "redis_p90_of_limit", "redis_p_over_limit_by",
                                            "prometheus_p90_of_limit", "prometheus_p_over_limit_by",
                                            "grafana_p90_of_limit", "grafana_p_over_limit_by",
                                            "system_p90_of_limit", "system_p_over_limit_by", "postgres_p_saturated_by",
                                            "postgres_p_wait_p90"])
        // `system` has no limit_mb: its limit cells are empty.
        let system = header.indices.filter { header[$0].hasPrefix("system_p") }
        #expect(system.count == 3)
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(system.allSatisfy { cells[$0].isEmpty })
        }
        // Months as their first day, so a spreadsheet reads the date itself (issue 13).
        #expect(lines[1].hasPrefix("1,2026-12-01,"))
        // Ratios are fractions: host P90 ÷ usable memory (4,000 − 500 MB), to 4 decimals.
        let row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let p90 = try #require(Double(row[header.firstIndex(of: "memory_p90_mb")!]))
        let ofUsable = try #require(Double(row[header.firstIndex(of: "memory_p90_of_usable")!]))
        #expect(abs(ofUsable - p90 / 3_500) <= 0.5e-4 && ofUsable < 1)
    }

    @Test("CSV and JSON are byte-identical on 1 and 2 threads and any chunk size")
    func threadInvariance() throws {
        var outputs: Set<String> = []
        for arguments in [["--threads", "1"], ["--threads", "2"], ["--threads", "2", "--chunk-size", "777"]] {
            let csv = try capacity.run(["forecast", "--months", "12", "--paths", "5000", "--format", "csv"] + arguments)
            let json = try capacity.run(["forecast", "--months", "12", "--paths", "5000", "--format", "json"] + arguments)
            #expect(csv.status == 0 && json.status == 0)
            let threadsLine = json.standardOutput.split(separator: "\n").filter { !$0.contains("\"threads\"") }
            outputs.insert(csv.standardOutput + threadsLine.joined(separator: "\n"))
        }
        #expect(outputs.count == 1)
    }

    @Test("JSON carries what it takes to repeat the run, and standard errors")
    func json() throws {
        let outcome = try capacity.run(["forecast", "--months", "3", "--paths", "3000", "--seed", "99", "--threads", "1",
                                        "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        #expect(object["model"] as? String == "4GB production stack")
        #expect(object["seed"] as? Int == 99 && object["paths"] as? Int == 3000 && object["threads"] as? Int == 1)
        #expect(object["version"] as? String != nil && object["tool"] as? String == "capacity")
        let months = try #require(object["months"] as? [[String: Any]])
        #expect(months.count == 3)
        // No path out of memory in month 1: the 95 % upper bound 3/n stands instead of se = 0.
        let pOOM = try #require(months[0]["p_oom"] as? [String: Any])
        #expect(pOOM["p"] as? Double == 0 && pOOM["se"] == nil && pOOM["upper_95"] as? Double == 3.0 / 3000)
        let api = try #require((months[2]["services"] as? [[String: Any]])?.first)
        let over = try #require(api["p_over_limit"] as? [String: Any])
        #expect(over["p"] as? Double != nil && over["se"] as? Double != nil)
        let memory = try #require(months[2]["memory_mb"] as? [String: Any])
        #expect(memory["p90"] as? Double != nil && memory["p90_se"] as? Double != nil)
    }

    @Test("--output writes the file atomically; --samples writes raw paths")
    func files() throws {
        let folder = try CommandRunner.temporaryFolder()
        let outcome = try capacity.run(["forecast", "--months", "4", "--paths", "1500", "--format", "csv",
                                        "--output", "f.csv", "--samples", "s.csv"], in: folder)
        #expect(outcome.status == 0 && outcome.standardOutput.isEmpty)
        let samples = try String(contentsOf: folder.appendingPathComponent("s.csv"), encoding: .utf8)
        let rows = samples.split(separator: "\n")
        #expect(rows.first == "path,m1_host_mb,m2_host_mb,m3_host_mb,m4_host_mb")
        #expect(rows.count == 1501)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["f.csv", "s.csv"])
    }

    @Test("bad input: one clear line and a sysexits code", arguments: [
        (["--months", "0"], 64, "error: --months must be between 1 and 120; got 0\n"),
        (["--months", "121"], 64, "error: --months must be between 1 and 120; got 121\n"),
        (["--paths", "0"], 64, "error: --paths must be between 1 and 100000000; got 0\n"),
        (["--paths", "1e12"], 64, "error: --paths must be between 1 and 100000000; got 1000000000000\n"),
        (["--paths", "1e9"], 64, "error: --paths must be between 1 and 100000000; got 1000000000\n"),
        (["--threads", "0"], 64, "error: --threads must be between 1 and 512; got 0\n"),
        (["--precision", "0.7"], 64, "error: --precision must be a standard error in (0, 0.5), e.g. 0.001; got 0.7\n"),
        (["--output", "/nonexistent/f.csv"], 73, "error: --output /nonexistent/f.csv: folder /nonexistent does not exist\n"),
        (["--samples", "/nonexistent/s.csv"], 73, "error: --samples /nonexistent/s.csv: folder /nonexistent does not exist\n"),
        (["--samples", ""], 64, "error: --samples needs a file name (or - for standard output); got an empty one\n"),
        (["--seed", "-1"], 64, "error: --seed must be a whole number ≥ 0 (at most 18446744073709551615); got -1\n"),
        (["--precision", "150%"], 64, "error: --precision must be a probability, written 1% or 0.01; got 150%\n"),
        (["--model", "/nonexistent/m.yaml"], 66, "error: /nonexistent/m.yaml: no such model file\n"),
    ] as [([String], Int32, String)])
    func badInput(arguments: [String], status: Int32, message: String) throws {
        let outcome = try capacity.run(["forecast"] + arguments)
        #expect(outcome.status == status, "\(arguments)")
        #expect(outcome.standardError == message, "\(arguments)")
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test("a model with no usable memory is refused with the model's location")
    func noUsableMemory() throws {
        let folder = try CommandRunner.temporaryFolder()
        let text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("models/4gb-stack.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "reserved_mb: 500", with: "reserved_mb: 4000")
        try text.write(to: folder.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        let outcome = try capacity.run(["forecast", "--model", "m.yaml"], in: folder)
        #expect(outcome.status == 65)
        #expect(outcome.standardError.hasPrefix("m.yaml:18:16: host.reserved_mb must be < host.memory_mb (4000); got 4000"))
    }

    @Test("--precision takes a percentage like --target does: 1% is a standard error of 0.01")
    func precisionPercent() throws {
        let outcome = try capacity.run(["forecast", "--months", "2", "--paths", "500", "--precision", "1%", "--format", "csv"])
        #expect(outcome.status == 0)
        #expect(outcome.standardError.hasPrefix("note: precision reached with "))
    }

    @Test("growth at the contract's limits for 60 months: huge but finite figures, no trap, no nan or inf, no 300-digit cells")
    func extremeGrowth() throws {
        let folder = try CommandRunner.temporaryFolder()
        let text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("models/4gb-stack.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "mean: 20%", with: "mean: 100%").replacingOccurrences(of: "sd: 5%", with: "sd: 100%")
            .replacingOccurrences(of: "volatility: 3%", with: "volatility: 100%")
        try text.write(to: folder.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        for format in ["csv", "json"] {
            let outcome = try capacity.run(["forecast", "--model", "m.yaml", "--months", "60", "--paths", "300",
                                            "--format", format], in: folder)
            #expect(outcome.status == 0, "\(format): \(outcome.standardError)")
            let output = outcome.standardOutput.lowercased()
            #expect(!output.contains("nan") && !output.contains("inf"), "\(format)")
            let longest = outcome.standardOutput.split(whereSeparator: { ",\n :".contains($0) }).map(\.count).max() ?? 0
            #expect(longest < 40, "\(format): a cell of \(longest) characters")
        }
    }

    @Test("a path count that is not a number is a usage error")
    func unparsablePaths() throws {
        let outcome = try capacity.run(["forecast", "--paths", "many"])
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains("many"))
    }
}
