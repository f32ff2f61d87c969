import Foundation
import Testing
import CapacityTestSupport

/// `capacity calibrate --prometheus-url` against a real Prometheus (Debian's `prometheus`, backfilled
/// with promtool from a history with known truth) and against a loopback listener that records
/// what reaches it. Only 127.0.0.1 is ever contacted.
@Suite struct PrometheusServerTests {
    let capacity = CommandRunner()

    /// Weekly evaluation points (multiples of 604,800 s: Thursdays 00:00 UTC) from 2025-10-23 to 2026-11-05.
    static let week = 604_800
    static let weeks = (2_912...2_966).map { $0 * week }

    /// Calendar months since 2025-11 of a Unix time (2025-10 is −1).
    static func monthIndex(_ t: Int) -> Int {
        let date = Date(timeIntervalSince1970: TimeInterval(t))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: date)
        return (parts.year! - 2025) * 12 + parts.month! - 11
    }

    /// The truth: the request rate at week i, 100 · 1.08^month · e^(ε_month) · (1 + 0.05 u_i), and the
    /// api container's working set (200 MB + 1.5 MB per rps) · (1 + δ_month); ε, δ, u fixed
    /// pseudo-noise (|ε| ≤ 2 %, |δ| ≤ 3 %, |u| ≤ 0.9).
    static func rps(_ i: Int) -> Double {
        let m = Double(monthIndex(weeks[i]))
        return 100 * pow(1.08, m) * exp(0.02 * sin(m * 78.233 + 1)) * (1 + 0.05 * 0.9 * sin(Double(i) * 12.9898))
    }
    static func apiBytes(_ i: Int) -> Double {
        let m = Double(monthIndex(weeks[i]))
        return (200 + 1.5 * rps(i)) * (1 + 0.03 * sin(m * 3.7 + 2)) * 1e6
    }

    /// The history as OpenMetrics: `http_requests_total` sampled each minute over the 5 minutes up to
    /// each week's point (so `rate(…[5m])` there is that week's rate exactly), node_exporter's
    /// memory of two instances and cAdvisor's working set of `api` and `sidecar` (no service).
    static let openMetrics: String = {
        var lines = ["# TYPE http_requests_total counter"]
        var counter = 0.0
        for (i, t) in weeks.enumerated() {
            let r = rps(i)
            for k in 0...5 { lines.append("http_requests_total{job=\"api\"} \(counter + r * 60 * Double(k)) \(t - 300 + 60 * k)") }
            counter += r * 300 + 1000
        }
        lines.append("# TYPE node_memory_MemTotal_bytes gauge")
        for instance in ["node-1:9100", "node-2:9100"] {
            for t in weeks { lines.append("node_memory_MemTotal_bytes{instance=\"\(instance)\"} 8000000000 \(t)") }
        }
        lines.append("# TYPE node_memory_MemAvailable_bytes gauge")
        for (j, instance) in ["node-1:9100", "node-2:9100"].enumerated() {
            for (i, t) in weeks.enumerated() {
                lines.append("node_memory_MemAvailable_bytes{instance=\"\(instance)\"} \(8e9 - (1.5e9 + Double(j) * 1e9 + 3e6 * rps(i))) \(t)")
            }
        }
        lines.append("# TYPE container_memory_working_set_bytes gauge")
        for (i, t) in weeks.enumerated() {
            lines.append("container_memory_working_set_bytes{container=\"api\"} \(apiBytes(i)) \(t)")
        }
        for t in weeks { lines.append("container_memory_working_set_bytes{container=\"sidecar\"} 50000000 \(t)") }
        return (lines + ["# EOF"]).joined(separator: "\n") + "\n"
    }()

    /// The backfilled TSDB, made once for the suite (each test starts a server over its own copy).
    static let blocks: Result<URL, Error>? = PrometheusServer.installed
        ? Result { try PrometheusServer.backfill(openMetrics: openMetrics) } : nil

    /// A running server over the backfilled history (the tests that call it are enabled only when
    /// Prometheus is installed, and skip saying so otherwise).
    func server() throws -> PrometheusServer? {
        guard let blocks = Self.blocks else { return nil }
        return try PrometheusServer(blocks: blocks.get())
    }

    func fits(_ outcome: CommandRunner.Outcome) throws -> [String: (value: Double, se: Double)] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        var values: [String: (Double, Double)] = [:]
        for fit in object["fits"] as? [[String: Any]] ?? [] {
            for value in fit["values"] as? [[String: Any]] ?? [] {
                values[value["key"] as! String] = ((value["value"] as! NSNumber).doubleValue,
                                                   (value["standard_error"] as? NSNumber)?.doubleValue ?? .nan)
            }
        }
        return values
    }

    @Test("a year from a real Prometheus with the default queries: growth 0.08, api 200 MB + 1.5 MB/rps recovered within 3 SE",
          .enabled(if: PrometheusServer.installed, Comment(rawValue: PrometheusServer.missing)))
    func knownTruth() throws {
        guard let server = try server() else { return }
        defer { server.stop() }
        let outcome = try capacity.run(["calibrate", "--prometheus-url", server.url, "--end", "2026-11-01", "--range", "12mo",
                                        "--step", "1w", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let values = try fits(outcome)
        let growth = try #require(values["traffic.growth.mean"])
        let base = try #require(values["services[0].memory.base_mb"])
        let slope = try #require(values["services[0].memory.per_rps_mb"])
        #expect(abs(growth.value - 0.08) <= 3 * growth.se, "growth \(growth)")
        #expect(abs(base.value - 200) <= 3 * base.se, "base \(base)")
        #expect(abs(slope.value - 1.5) <= 3 * slope.se, "per_rps \(slope)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        #expect(object["first_month"] as? String == "2025-11" && object["last_month"] as? String == "2026-10")
        let data = (object["data"] as? [String] ?? []).joined(separator: "\n")
        #expect(data.contains("rps: `sum(rate(http_requests_total[5m]))`, 1 series"))
        #expect(data.contains("host_memory: `node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes`, 2 series"))
        #expect(data.contains("memory.api: `sum by (container) (container_memory_working_set_bytes{container!=\"\",container!=\"POD\"})`"))
        let warnings = (object["warnings"] as? [String] ?? []).joined(separator: "\n")
        #expect(warnings.contains("host_memory has 2 series (node-1:9100, node-2:9100) for a model of 1 node: they are averaged"))
        #expect(warnings.contains("container sidecar names no service of the model"))
        #expect(warnings.contains("step 7d: a month's peak is the highest of about 4 samples"))
    }

    @Test("partial months at both ends of the range are reported with their coverage and left out",
          .enabled(if: PrometheusServer.installed, Comment(rawValue: PrometheusServer.missing)))
    func partialMonths() throws {
        guard let server = try server() else { return }
        defer { server.stop() }
        // 2025-12-15 … 2026-10-15: December has the points of the 18th and 25th (2 × 7 d ÷ 31 d = 45 %),
        // October those of the 1st, 8th and 15th (3 × 7 ÷ 31 = 68 %).
        let outcome = try capacity.run(["calibrate", "--prometheus-url", server.url, "--end", "2026-10-15", "--range", "10mo",
                                        "--step", "1w"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("(2026-01 … 2026-09)"))
        #expect(outcome.standardOutput.contains("months dropped from the fits (rps covers less than 90 % of them): 2025-12 (45 %), 2026-10 (68 %)"))
        #expect(outcome.standardOutput.contains("2025-12 45 %, 2026-01 100 %"))
    }

    @Test("a server that cannot be reached: exit 69 naming the URL")
    func unreachable() throws {
        let port = try LoopbackHTTPServer.freePort()
        let outcome = try capacity.run(["calibrate", "--prometheus-url", "http://127.0.0.1:\(port)", "--timeout", "5"])
        #expect(outcome.status == 69)
        #expect(outcome.standardError.hasPrefix("error: http://127.0.0.1:\(port): cannot reach the server: "), "\(outcome.standardError)")
    }

    /// The query, start and end of a recorded request line.
    static func parameters(_ request: String) -> [String: String] {
        let line = request.split(separator: "\r\n").first.map(String.init) ?? ""
        let target = line.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        let items = URLComponents(string: "http://x" + target)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
    }

    @Test("headers and the bearer token reach the server; 2 years at 1h go as 2 requests of ≤ 11,000 points; warnings shown; HTTP errors passed through")
    func loopback() throws {
        // rps: 100 · 1.05^(months since 2024-11) at every step asked (exact growth 0.05); the rest empty.
        let listener = try LoopbackHTTPServer { request in
            let parameters = Self.parameters(request)
            if parameters["query"] == "bad(" {
                return (400, #"{"status":"error","errorType":"bad_data","error":"1:5: parse error: unclosed left parenthesis"}"#)
            }
            if !request.contains("Authorization: Bearer s3cret") { return (401, "Unauthorized\n") }
            guard parameters["query"] == "up", let start = Double(parameters["start"] ?? ""), let end = Double(parameters["end"] ?? ""),
                  let step = Double(parameters["step"] ?? "") else {
                return (200, #"{"status":"success","data":{"resultType":"matrix","result":[]}}"#)
            }
            var values: [String] = []
            var t = start
            while t <= end {
                values.append("[\(Int(t)),\"\(100 * pow(1.05, Double(Self.monthIndex(Int(t)) + 12)))\"]")
                t += step
            }
            return (200, #"{"status":"success","warnings":["partial response: store 2 down"],"data":{"resultType":"matrix","result":[{"metric":{},"values":["#
                    + values.joined(separator: ",") + "]}]}}")
        }
        defer { listener.stop() }
        let dir = try CommandRunner.temporaryFolder()
        try "s3cret\n".write(to: dir.appendingPathComponent("token"), atomically: true, encoding: .utf8)
        let url = "http://127.0.0.1:\(listener.port)"
        let outcome = try capacity.run(["calibrate", "--prometheus-url", url, "--end", "2026-11-01", "--range", "2y", "--step", "1h",
                                        "--query", "rps=up", "--header", "X-Scope-OrgID: team-a", "--bearer-token-file", "token",
                                        "--format", "json"], in: dir)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let requests = listener.requests
        // 3 queries (rps, host_memory, memory.*) × 2 windows: 2 years = 17,521 hourly points = 11,000 + 6,521.
        #expect(requests.count == 6)
        // Header names are case-insensitive (Foundation sends `X-Scope-Orgid`); the values arrive as given.
        #expect(requests.allSatisfy { $0.lowercased().contains("\r\nx-scope-orgid: team-a\r\n") && $0.contains("\r\nAuthorization: Bearer s3cret\r\n") },
                "\(requests.first ?? "")")
        let windows = requests.map(Self.parameters).filter { $0["query"] == "up" }.map { ($0["start"]!, $0["end"]!) }
        // end 2026-11-01 = 1793491200; start 2 × 365 days before = 1730419200; 1730419200 + 10,999 h = 1770015600.
        #expect(windows.map(\.0) == ["1730419200", "1770019200"] && windows.map(\.1) == ["1770015600", "1793491200"])
        let values = try fits(outcome)
        #expect(abs(try #require(values["traffic.growth.mean"]).value - 0.05) < 1e-12)
        #expect(outcome.standardOutput.contains("Prometheus warned about rps (rps from \(url)): partial response: store 2 down"))

        let bad = try capacity.run(["calibrate", "--prometheus-url", url, "--query", "rps=bad(", "--bearer-token-file", "token"], in: dir)
        #expect(bad.status == 65)
        #expect(bad.standardError == "error: \(url): the server answered HTTP 400 Bad Request: bad_data: 1:5: parse error: unclosed left parenthesis\n")
        let denied = try capacity.run(["calibrate", "--prometheus-url", url, "--query", "rps=up"], in: dir)
        #expect(denied.status == 77 && denied.standardError.contains("HTTP 401"))
    }

    @Test("a server error (HTTP 503) exits 69 with its message; a server that does not answer in --timeout exits 69 saying so")
    func serverErrorAndTimeout() throws {
        let listener = try LoopbackHTTPServer { _ in
            (503, #"{"status":"error","errorType":"unavailable","error":"store gateway down"}"#)
        }
        defer { listener.stop() }
        let sleeper = try LoopbackHTTPServer { _ in
            Thread.sleep(forTimeInterval: 2.5)
            return (200, #"{"status":"success","data":{"resultType":"matrix","result":[]}}"#)
        }
        defer { sleeper.stop() }
        let url = "http://127.0.0.1:\(listener.port)"
        let down = try capacity.run(["calibrate", "--prometheus-url", url, "--query", "rps=up"])
        #expect(down.status == 69)
        #expect(down.standardError == "error: \(url): the server answered HTTP 503 Service Unavailable: unavailable: store gateway down\n")
        let slowURL = "http://127.0.0.1:\(sleeper.port)"
        let slow = try capacity.run(["calibrate", "--prometheus-url", slowURL, "--timeout", "1"])
        #expect(slow.status == 69)
        #expect(slow.standardError == "error: \(slowURL): cannot reach the server: no answer within 1s (timed out)\n")
    }
}

/// Saved exports through standard input, and data too short to fit.
@Suite struct PrometheusExportCommandTests {
    let capacity = CommandRunner()

    /// `hours` hourly samples of one series from 2026-01-01 00:00 UTC (1767225600), `value(hour)` each.
    static func hourly(from start: Double = 1_767_225_600, hours: Int, _ value: (Int) -> Double) -> String {
        let values = (0..<hours).map { "[\(Int(start) + 3600 * $0),\"\(value($0))\"]" }.joined(separator: ",")
        return #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":["# + values + "]}]}}"
    }

    @Test("`-` reads the export from standard input; growth 10 % a month exactly from 4 whole months")
    func standardInput() throws {
        // January–April 2026 (31 + 28 + 31 + 30 days) at 100 · 1.1^month rps: log-ratios all ln 1.1, so growth 0.1 and sd 0.
        let hours = (31 + 28 + 31 + 30) * 24
        let text = Self.hourly(hours: hours) { 100 * pow(1.1, Double($0 < 744 ? 0 : $0 < 1416 ? 1 : $0 < 2160 ? 2 : 3)) }
        let outcome = try capacity.run(["calibrate", "--prometheus", "rps=-", "--format", "json"], input: Data(text.utf8))
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        #expect(object["sources"] as? [String] == ["standard input"])
        let growth = (object["fits"] as? [[String: Any]])?.first?["values"] as? [[String: Any]]
        #expect(abs(((growth?.first?["value"] as? NSNumber)?.doubleValue ?? 0) - 0.1) < 1e-12)
        let twice = try capacity.run(["calibrate", "--prometheus", "rps=-", "--prometheus", "host_memory=-"])
        #expect(twice.status == 64 && twice.standardError.contains("only one --prometheus export can come from standard input"))
    }

    @Test("7.5 minutes of data: 'nothing to fit, nothing written', exit 65, no file")
    func minutes() throws {
        let dir = try CommandRunner.temporaryFolder()
        let text = #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":["#
            + (0...7).map { "[\(1_767_225_600 + 60 * $0),\"50\"]" }.joined(separator: ",") + "]}]}}"
        try text.write(to: dir.appendingPathComponent("rps.json"), atomically: true, encoding: .utf8)
        let outcome = try capacity.run(["calibrate", "--prometheus", "rps=rps.json", "--output", "out.yaml"], in: dir)
        #expect(outcome.status == 65)
        #expect(outcome.standardError == "error: nothing to fit, nothing written: months dropped from the fits (rps covers less than 90 % of them): 2026-01 (0 %); growth not fitted: rps.json has 0 usable months; growth fits 2 values (mean, volatility) from the changes between months and needs more changes than values: it takes at least 4 months\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.yaml").path))
    }
}
