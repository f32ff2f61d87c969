import Foundation
import Testing
import CapacityTestSupport

/// `capacity workers` (issue #22 item 5), run as a user runs it. Reference case: 150 rps on 8
/// workers of 40 ms mean (6 erlangs, ρ = 0.75), SLO P95 ≤ 200 ms.
@Suite struct WorkersCommandTests {
    let capacity = CommandRunner()
    static let quick = ["workers", "--rps", "150", "--workers", "8", "--service-ms", "40", "--slo-p95-ms", "200"]

    func json(_ arguments: [String]) throws -> [String: Any] {
        let outcome = try capacity.run(arguments + ["--format", "json"])
        #expect(outcome.status == 0, "\(arguments): \(outcome.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
    }

    @Test("goldens: table, Markdown, CSV and JSON of the reference case; the lognormal form's table")
    func goldens() throws {
        for (format, name) in [("table", "workers-quick.txt"), ("markdown", "workers-quick.md"), ("csv", "workers-quick.csv"),
                               ("json", "workers-quick.json")] {
            let outcome = try capacity.run(Self.quick + ["--format", format, "--wide"])
            #expect(outcome.status == 0 && outcome.standardError.isEmpty, "\(format): \(outcome.standardError)")
            let drift = try Golden.mismatch(outcome.standardOutput, name, normalised: LastDigits.rounded)
            #expect(drift == nil, "\(drift ?? "")")
        }
        let lognormal = try capacity.run(["workers", "--rps", "500", "--workers", "8", "--service-p50-ms", "30",
                                          "--service-p95-ms", "90", "--slo-p95-ms", "200", "--slo-p99-ms", "300",
                                          "--cpu-ms", "12", "--cores", "4", "--wide"])
        #expect(lognormal.status == 0)
        let drift = try Golden.mismatch(lognormal.standardOutput, "workers-lognormal-saturated.txt", normalised: LastDigits.rounded)
        #expect(drift == nil, "\(drift ?? "")")
    }

    @Test("JSON keys: utilization, p_wait, response_ms {p50, p95, p99}, max_rps_within_slo, workers needed")
    func jsonKeys() throws {
        let object = try json(Self.quick)
        #expect(object["command"] as? String == "workers" && object["tool"] as? String == "capacity")
        #expect(abs((object["utilization"] as? Double ?? 0) - 0.75) < 1e-15)
        // Erlang C(8, 6) = 0.356981… (closed form Σ; Kleinrock vol. 1 eq. 3.40).
        #expect(abs((object["p_wait"] as? Double ?? 0) - 0.35698108587868027) < 1e-12)
        let response = try #require(object["response_ms"] as? [String: Double])
        #expect(abs(response["p95"]! - 131.6462981323115) < 1e-8 && abs(response["p50"]! - 35.330675778520636) < 1e-8)
        #expect(abs(response["p99"]! - 196.339532985763) < 1e-8)
        let most = try #require(object["max_rps_within_slo"] as? Double)
        #expect(most > 150 && most < 200)
        #expect((object["workers_needed"] as? [String: Any])?["workers"] as? Int == 7)
    }

    @Test("saturated: response_ms is null (never inf), the verdict says so; M/M/1 P95 = ln 20/(μ − λ)")
    func saturatedAndMM1() throws {
        let saturated = try json(["workers", "--rps", "250", "--workers", "8", "--service-ms", "40"])
        #expect(saturated["saturated"] as? Bool == true && saturated["response_ms"] is NSNull)
        #expect(saturated["max_rps_within_slo"] is NSNull && saturated["p_wait"] as? Double == 1)
        #expect((saturated["verdict"] as? String)?.hasPrefix("Verdict: Saturated") == true)
        let mm1 = try json(["workers", "--rps", "100", "--workers", "1", "--service-ms", "5", "--slo-p95-ms", "100"])
        let p95 = try #require((mm1["response_ms"] as? [String: Double])?["p95"])
        #expect(abs(p95 - log(20) / (0.2 - 0.1)) < 1e-9)
        #expect(abs((mm1["max_rps_within_slo"] as? Double ?? 0) - (0.2 - log(20) / 100) * 1000) < 1e-6)
    }

    @Test("--size-for-rps sizes the pool for another load")
    func sizeForRPS() throws {
        let object = try json(Self.quick + ["--size-for-rps", "300"])
        let needed = try #require(object["workers_needed"] as? [String: Any])
        #expect(needed["rps"] as? Double == 300 && needed["workers"] as? Int == 13)
    }

    @Test("bad flags are usage errors naming the flag, what is allowed and what was given")
    func badFlags() throws {
        let cases: [([String], String)] = [
            (["--service-ms", "0"], "error: --service-ms must be ≥ 0.001 ms and ≤ 10,000,000 ms; got 0\n"),
            (["--workers", "0"], "error: --workers must be ≥ 1 and ≤ 10,000; got 0\n"),
            (["--workers", "2.5"], "error: --workers must be a whole number; got 2.5\n"),
            (["--rps", "inf"], "error: --rps must be a finite number; got inf\n"),
            (["--slo-p95-ms", "-1"], "error: --slo-p95-ms must be ≥ 0.001 ms and ≤ 10,000,000 ms; got -1\n"),
            (["--service-ms", "40", "--service-p50-ms", "30"],
             "error: give --service-ms (the mean) or --service-p50-ms with --service-p95-ms (measured), not both\n"),
            (["--cpu-ms", "10"], "error: --cpu-ms and --cores go together: CPU utilisation = rps × cpu_ms / 1000 / cores\n"),
        ]
        for (flags, message) in cases {
            var arguments = Self.quick
            if let index = arguments.firstIndex(of: flags[0]) { arguments.remove(at: index); arguments.remove(at: index) }
            let outcome = try capacity.run(arguments + flags)
            #expect(outcome.status == 64, "\(flags)")
            #expect(outcome.standardError == message, "\(flags)")
            #expect(outcome.standardOutput.isEmpty)
        }
        let spread = try capacity.run(["workers", "--rps", "10", "--workers", "2", "--service-p50-ms", "30", "--service-p95-ms", "20"])
        #expect(spread.status == 64 && spread.standardError.hasPrefix("error: --service-p95-ms must be > --service-p50-ms (30); got 20"))
        let missing = try capacity.run(["workers", "--workers", "2"])
        #expect(missing.status == 64 && missing.standardError.contains("capacity workers needs --rps"))
    }
}
