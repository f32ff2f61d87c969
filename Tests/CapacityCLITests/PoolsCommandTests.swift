import Foundation
import Testing
import CapacityTestSupport

/// `capacity pools`, run as a user runs it. Reference case: 150 rps × 2 queries × 70 ms = 21 erlangs
/// on 4 instances with pools of 16 (64 connections) against max_connections 100 (97 usable).
@Suite struct PoolsCommandTests {
    let capacity = CommandRunner()
    static let quick = ["pools", "--rps", "150", "--queries-per-request", "2", "--hold-ms", "70", "--size", "16",
                        "--instances", "4"]

    func json(_ arguments: [String]) throws -> [String: Any] {
        let outcome = try capacity.run(arguments + ["--format", "json"])
        #expect(outcome.status == 0, "\(arguments): \(outcome.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
    }

    func value(_ object: [String: Any], _ path: String...) throws -> Any {
        var current: Any = object
        for key in path { current = try #require((current as? [String: Any])?[key], "no \(path)") }
        return current
    }

    /// Erlang C by the textbook closed form (Kleinrock, Queueing Systems Vol. 1, eq. 3.40).
    static func erlangC(_ c: Int, _ a: Double) -> Double {
        var term = 1.0, sum = 0.0
        for k in 0..<c { sum += term; term *= a / Double(k + 1) }
        let top = term * Double(c) / (Double(c) - a)
        return top / (sum + top)
    }

    @Test("quick form JSON: offered load, connections, utilisation, budget and the recommended size")
    func quickFormJSON() throws {
        let object = try json(Self.quick)
        #expect(object["tool"] as? String == "capacity" && object["command"] as? String == "pools")
        #expect(object["model"] as? String == "quick form" && object["version"] as? String != nil)
        #expect(abs(try value(object, "offered_load") as! Double - 21) < 1e-12)
        #expect(try value(object, "queue", "connections") as? Int == 64)
        #expect(abs(try value(object, "queue", "utilization") as! Double - 21.0 / 64) < 1e-12)
        #expect(try value(object, "budget", "connections_budget") as? Int == 97)
        #expect(try value(object, "budget", "connections_headroom") as? Int == 33)
        // Size 5 gives 20 connections < 21 erlangs (saturated); size 6 gives 24, where the 30 s timeout is
        // negligible and P(wait > 100 ms) = C(24, 21)·e^(−(24 − 21)·100/70) (M/M/c, Erlang C).
        #expect(try value(object, "sizing", "recommended_size") as? Int == 6)
        let p = try value(object, "sizing", "recommended", "p_wait_over_wait_ms") as! Double
        let expected = Self.erlangC(24, 21) * exp(-3 * 100.0 / 70)
        #expect(abs(p - expected) < 1e-12 * expected, "\(p) vs \(expected)")
        #expect(object["verdict"] as? String != nil)
    }

    @Test("the budget breaks: too many instances for any per-instance size, so PgBouncer is recommended")
    func budgetBreaks() throws {
        let object = try json(["pools", "--rps", "400", "--queries-per-request", "2", "--hold-ms", "70", "--size", "5",
                               "--instances", "120"])
        #expect(try value(object, "budget", "client_connections") as? Int == 600)
        #expect(try value(object, "budget", "connections_headroom") as? Int == -503)
        #expect(try value(object, "budget", "broken") as? Bool == true)
        #expect(try value(object, "sizing", "largest_size_within_budget") as? Int == 0)
        #expect((try value(object, "sizing") as? [String: Any])?["recommended_size"] == nil)
        let bouncer = try #require(try value(object, "sizing", "pgbouncer_pool_size") as? Int)
        #expect(bouncer > 56 && bouncer <= 97)
        let verdict = try #require(object["verdict"] as? String)
        #expect(verdict.contains("503 too many") && verdict.contains("PgBouncer with pool_size \(bouncer)"))
    }

    @Test("table, Markdown and CSV of the quick form; --output writes the file")
    func formats() throws {
        let table = try capacity.run(Self.quick)
        #expect(table.status == 0 && table.standardError.isEmpty)
        #expect(table.standardOutput.contains("utilisation                  32.8%"))
        #expect(table.standardOutput.contains("size 6 per instance (24 connections)"))
        let csv = try capacity.run(Self.quick + ["--format", "csv"])
        let lines = csv.standardOutput.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("pool,rps,queries_per_second,offered_load,connections,utilization,p_wait,"))
        #expect(lines[0].split(separator: ",").count == lines[1].split(separator: ",", omittingEmptySubsequences: false).count)
        #expect(!csv.standardOutput.contains("nan") && !csv.standardOutput.contains("inf"))
        let folder = try CommandRunner.temporaryFolder()
        let markdown = try capacity.run(Self.quick + ["--format", "markdown", "--output", "p.md"], in: folder)
        #expect(markdown.status == 0 && markdown.standardOutput.isEmpty)
        let text = try String(contentsOf: folder.appendingPathComponent("p.md"), encoding: .utf8)
        #expect(text.hasPrefix("## Connection pool: quick form") && text.contains("| utilisation | 32.8% |"))
    }

    @Test("an overloaded pool: a share of queries time out, waits are bounded by the timeout, nothing infinite")
    func overloaded() throws {
        let object = try json(["pools", "--rps", "2000", "--queries-per-request", "3", "--hold-ms", "70", "--size", "10",
                               "--instances", "4", "--max-connections", "50", "--timeout-ms", "5000"])
        let share = try value(object, "queue", "timeout_share") as! Double
        // 420 erlangs on 40 connections: about 1 − 40/420 of the queries time out.
        #expect(abs(share - (1 - 40.0 / 420)) < 1e-3)
        let wait = try value(object, "queue", "mean_wait_served_ms") as! Double
        #expect(wait > 0 && wait <= 5000)
        let table = try capacity.run(["pools", "--rps", "2000", "--queries-per-request", "3", "--hold-ms", "70",
                                      "--size", "10", "--instances", "4", "--max-connections", "50"])
        #expect(table.standardOutput.contains("10.5× capacity") && !table.standardOutput.contains("inf"))
    }

    @Test("bad flags exit 64 with the model file's wording")
    func badFlags() throws {
        let cases: [([String], String)] = [
            (["--hold-ms", "0"], "error: --hold-ms must be > 0 ms and ≤ 10,000,000 ms; got 0\n"),
            (["--size", "0"], "error: --size must be ≥ 1 and ≤ 10,000; got 0\n"),
            (["--size", "2.5"], "error: --size must be a whole number; got 2.5\n"),
            (["--queries-per-request", "0"], "error: --queries-per-request must be > 0 and ≤ 10,000; got 0\n"),
            (["--max-connections", "300000"],
             "error: --max-connections must be ≥ 1 and ≤ 262,143 (PostgreSQL's largest max_connections); got 300000\n"),
            (["--reserved-connections", "100"],
             "error: --reserved-connections must be < max_connections (100); got 100; no connection would be left for the application\n"),
            (["--target", "0"], "error: --target must be a probability in (0, 1) (0.01 or \"1%\"); got 0\n"),
            (["--timeout-ms", "-1"], "error: --timeout-ms must be ≥ 0 ms and ≤ 10,000,000 ms; got -1\n"),
            (["--rps", "lots"], "error: --rps must be a finite number; got lots\n"),
        ]
        for (flags, message) in cases {
            var arguments = ["pools", "--rps", "150", "--hold-ms", "70", "--size", "16"]
            if let index = arguments.firstIndex(of: flags[0]) { arguments.remove(at: index); arguments.remove(at: index) }
            let outcome = try capacity.run(arguments + flags)
            #expect(outcome.status == 64, "\(flags)")
            #expect(outcome.standardError == message, "\(flags)")
            #expect(outcome.standardOutput.isEmpty)
        }
    }

    @Test("pool flags without --rps, or with --model, are usage errors")
    func quickFormMisuse() throws {
        let missing = try capacity.run(["pools", "--hold-ms", "70", "--size", "16"])
        #expect(missing.status == 64 && missing.standardError.contains("the quick form needs --rps"))
        let both = try capacity.run(Self.quick + ["--model", "models/4gb-stack.yaml"], in: CommandRunner.packageRoot)
        #expect(both.status == 64 && both.standardError.contains("has its own pools: section"))
    }
}

/// `capacity pools` on a model: one row per pool and month, the same paths as `capacity forecast`.
@Suite struct PoolsModelFormTests {
    let capacity = CommandRunner()

    @Test("CSV: the issue's columns, one row per pool and month, byte-identical on 1 and 2 threads")
    func csvAndThreads() throws {
        var outputs: Set<String> = []
        for arguments in [["--threads", "1"], ["--threads", "2"], ["--threads", "2", "--chunk-size", "777"]] {
            let outcome = try capacity.run(["pools", "--months", "6", "--paths", "5000", "--format", "csv"] + arguments,
                                           environment: ["CAPACITY_TODAY": "2026-12"])
            #expect(outcome.status == 0, "\(outcome.standardError)")
            outputs.insert(outcome.standardOutput)
        }
        #expect(outputs.count == 1)
        let lines = try #require(outputs.first).split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines[0].hasPrefix("pool,month,date,offered_load_p50,offered_load_p90,utilization_p50,utilization_p90,"
            + "p_wait_p50,p_wait_p90,mean_wait_ms_p90,p_saturated,p_timeout_share_over_0_1pct,timeout_share_p90,"
            + "connections_budget,connections_headroom,recommended_size"))
        #expect(lines[1].hasPrefix("postgres,1,2026-12-01,"))
        #expect(!lines.joined().contains("nan") && !lines.joined().contains("inf"))
    }

    @Test("P(saturated) is the forecast's, on the same paths")
    func agreesWithTheForecast() throws {
        let pools = try capacity.run(["pools", "--months", "6", "--paths", "5000", "--format", "json"])
        let forecast = try capacity.run(["forecast", "--months", "6", "--paths", "5000", "--format", "csv"])
        #expect(pools.status == 0 && forecast.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(pools.standardOutput.utf8)) as? [String: Any])
        let months = try #require(((object["pools"] as? [[String: Any]])?.first)?["months"] as? [[String: Any]])
        let rows = forecast.standardOutput.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let column = try #require(rows[0].firstIndex(of: "postgres_p_saturated"))
        for (m, month) in months.enumerated() {
            let p = try #require((month["p_saturated"] as? [String: Any])?["p"] as? Double)
            #expect(p == Double(String(rows[m + 1][column])), "month \(m + 1)")
        }
        #expect(object["seed"] as? Int == 2026 && object["paths"] as? Int == 5000)
    }

    @Test("table: the verdict names when the pool saturates and the size for the chosen month")
    func table() throws {
        let outcome = try capacity.run(["pools", "--months", "6", "--paths", "5000", "--month", "3"],
                                       environment: ["CAPACITY_TODAY": "2026-12"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("pool postgres: saturated (offered load ≥ 16 connections) in ≥ 1% of paths from"))
        #expect(outcome.standardOutput.contains("at the P90 load of 2027-02 (month 3)"))
        let bad = try capacity.run(["pools", "--months", "6", "--month", "7"])
        #expect(bad.status == 64 && bad.standardError == "error: --month must be between 1 and --months (6); got 7\n")
        let target = try capacity.run(["pools", "--target", "150%"])
        #expect(target.status == 64 && target.standardError.contains("--target must be a probability in (0, 1)"))
    }
}
