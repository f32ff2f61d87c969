import Foundation
import Testing
import CapacityTestSupport

/// `capacity backtest` and `capacity calibrate --backtest`, run as a user runs them.
@Suite struct BacktestCommandTests {
    let capacity = CommandRunner()

    @Test("a saved forecast scored against a history: coverage, P50 error, pinball, per series")
    func savedForecast() throws {
        let dir = try CommandRunner.temporaryFolder()
        let forecast = try capacity.run(["forecast", "--months", "6", "--paths", "4000", "--format", "json", "--output", "f.json"],
                                        in: dir, environment: ["CAPACITY_TODAY": "2026-11"])
        #expect(forecast.status == 0)
        try "month,rps_avg,host_memory_mb,api_memory_mb\n2026-11,90,1200,380\n2026-12,101,1300,400\n2027-01,118,1350,420\n"
            .write(to: dir.appendingPathComponent("h.csv"), atomically: true, encoding: .utf8)
        let outcome = try capacity.run(["backtest", "--forecast", "f.json", "--history", "h.csv", "--format", "csv"], in: dir)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines[0] == "series,unit,months,coverage_p10_p90,p50_error,pinball_p10,pinball_p50,pinball_p90")
        // 2026-11 is before the forecast's first month: two months scored for each of the three series.
        #expect(lines.dropFirst().map { $0.split(separator: ",").prefix(3).joined(separator: ",") }
                == ["rps,rps,2", "host memory,MB,2", "api memory,MB,2"])
    }

    @Test("a file that is not a saved forecast, or a history outside it: clear errors, exit 65")
    func errors() throws {
        let dir = try CommandRunner.temporaryFolder()
        try "{\"command\": \"sla\"}".write(to: dir.appendingPathComponent("x.json"), atomically: true, encoding: .utf8)
        try "month,rps_avg\n2020-01,5\n".write(to: dir.appendingPathComponent("h.csv"), atomically: true, encoding: .utf8)
        let wrong = try capacity.run(["backtest", "--forecast", "x.json", "--history", "h.csv"], in: dir)
        #expect(wrong.status == 65)
        #expect(wrong.standardError == "error: x.json: not a saved forecast (no \"command\": \"forecast\" with \"months\"); give a file written by `capacity forecast --format json`\n")
        _ = try capacity.run(["forecast", "--months", "2", "--paths", "1000", "--format", "json", "--output", "f.json"], in: dir)
        let outside = try capacity.run(["backtest", "--forecast", "f.json", "--history", "h.csv"], in: dir)
        #expect(outside.status == 65 && outside.standardError.hasSuffix("h.csv has no month that f.json forecasts; nothing to score\n"))
    }

    @Test("calibrate --backtest 6 adds the scores to the report")
    func calibrateBacktest() throws {
        let dir = try CommandRunner.temporaryFolder()
        // 18 months growing 15 % a month with a ±2 % wobble; host memory 1,000 MB + 1.5 MB per peak rps.
        var rows = ["month,rps_avg,rps_peak,host_memory_mb"]
        var rps = 20.0
        for m in 0..<18 {
            let peak = rps * (1.8 + 0.1 * sin(Double(m)))
            rows.append("\(2025 + (m + 5) / 12)-\(String(format: "%02d", (m + 5) % 12 + 1)),\(rps),\(peak),\(1000 + 1.5 * peak * (1 + 0.01 * cos(Double(m))))")
            rps *= 1.15 + 0.02 * sin(Double(3 * m))
        }
        try (rows.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("h.csv"), atomically: true, encoding: .utf8)
        let outcome = try capacity.run(["calibrate", "--history", "h.csv", "--backtest", "6", "--format", "json"], in: dir)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        let backtest = try #require(object["backtest"] as? [String: Any])
        #expect((backtest["months"] as? [String])?.count == 6)
        #expect((backtest["scores"] as? [[String: Any]])?.map { $0["series"] as? String } == ["rps", "host memory"])
        let tooMany = try capacity.run(["calibrate", "--history", "h.csv", "--backtest", "16"], in: dir)
        #expect(tooMany.status == 65 && tooMany.standardError.contains("holding out 16 leaves 2"))
        #expect(try capacity.run(["calibrate", "--load-test", "h.csv", "--backtest", "2"], in: dir).status == 64)
    }
}
