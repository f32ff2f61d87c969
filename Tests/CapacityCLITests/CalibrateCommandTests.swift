import Foundation
import Testing
import CapacityTestSupport

/// `capacity calibrate`, run as a user runs it.
@Suite struct CalibrateCommandTests {
    let capacity = CommandRunner()
    static let modelText = try! String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("models/4gb-stack.yaml"),
                                       encoding: .utf8)
    /// The default model without its uncapped `system` service and its calibration (every
    /// service capped: host totals are shared out in proportion).
    static let cappedModelText = modelText.components(separatedBy: "\ncalibration:")[0]
        .replacingOccurrences(of: #"  - name: system [^\n]*\n    memory: [^\n]*\n"#, with: "", options: .regularExpression)
    /// A host-only load test about 1,200 MB + 2.5 MB per rps (services' total per node).
    static let loadTest = "rps,host_memory_mb\n100,1440\n150,1590\n200,1690\n300,1960\n500,2440\n"

    func folder(with files: [String: String]) throws -> URL {
        let folder = try CommandRunner.temporaryFolder()
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    /// The calibrated model file, byte for byte: only the memory lines change, each with its
    /// comment, and a calibration: section is appended. Regenerate after a deliberate change with
    /// `CAPACITY_UPDATE_GOLDEN=1 swift test --filter CalibrateCommandTests`.
    @Test("golden: the default model calibrated from a host-only load test; every other line kept")
    func goldenModel() throws {
        #expect(!Self.cappedModelText.contains("- name: system") && !Self.cappedModelText.contains("calibration:"))
        let dir = try folder(with: ["model.yaml": Self.cappedModelText, "loadtest.csv": Self.loadTest])
        let outcome = try capacity.run(["calibrate", "--model", "model.yaml", "--load-test", "loadtest.csv",
                                        "--output", "calibrated.yaml", "--date", "2026-11-27"], in: dir)
        #expect(outcome.status == 0)
        #expect(outcome.standardError.isEmpty)
        #expect(outcome.standardOutput.contains("shared out over the services in proportion to the model's values"))
        #expect(outcome.standardOutput.hasSuffix("calibrated model written to calibrated.yaml\n"))
        let written = try String(contentsOf: dir.appendingPathComponent("calibrated.yaml"), encoding: .utf8)
        // The fit's last bits depend on the processor's LAPACK kernels: compared to 10 significant digits.
        let drift = try Golden.mismatch(written, "calibrate-4gb-stack-loadtest.yaml", normalised: LastDigits.rounded)
        #expect(drift == nil, "\(drift ?? "")")
        let before = Self.cappedModelText.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let after = written.split(separator: "\n", omittingEmptySubsequences: false)
        for (old, new) in zip(before, after) where !new.contains("# calibrated from loadtest.csv") {
            #expect(old == new)
        }
        #expect(after.filter { $0.contains("# calibrated from loadtest.csv, n=5, R²=") }.count == 5)
        #expect(try capacity.run(["validate", "calibrated.yaml"], in: dir).status == 0)
    }

    @Test("--in-place rewrites the model; JSON and CSV reports")
    func inPlaceAndFormats() throws {
        let dir = try folder(with: ["model.yaml": Self.modelText, "loadtest.csv": Self.loadTest])
        let json = try capacity.run(["calibrate", "--model", "model.yaml", "--load-test", "loadtest.csv", "--in-place",
                                     "--format", "json", "--date", "2026-11-27"], in: dir)
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["command"] as? String == "calibrate" && object["written_to"] as? String == "model.yaml")
        let fits = try #require(object["fits"] as? [[String: Any]])
        #expect(fits.count == 1 && fits[0]["n"] as? Int == 5)
        let rewritten = try String(contentsOf: dir.appendingPathComponent("model.yaml"), encoding: .utf8)
        #expect(rewritten.contains("\ncalibration:"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["loadtest.csv", "model.yaml"],
                "no temporary file is left")
        let csv = try capacity.run(["calibrate", "--load-test", "loadtest.csv", "--format", "csv"], in: dir)
        #expect(csv.standardOutput.hasPrefix("fit,key,previous,value,standard_error,n,r_squared,source\nmemory outside the containers,services[5].memory.base_mb,725,"))
    }

    @Test("bad data: a located error, exit 65, nothing written")
    func badData() throws {
        let cases: [(String, String)] = [
            ("rps_avg\n10\n", "error: h.csv:1:1: missing column `month`; got `rps_avg`; the header needs `month` and `rps_avg`"),
            ("month,rps_avg\n2026-01,10\n2026-01,11\n",
             "error: h.csv:3:1: column `month` must hold consecutive months in order; repeats 2026-01; expected 2026-02"),
            ("month,rps_avg\n2026-01,10\n2026-02,-11\n", "error: h.csv:3:9: column `rps_avg` must be between 0.000001 and 10⁹ (requests/s); got -11"),
            ("month,rps_avg\n2026-01,ten\n", "error: h.csv:2:9: column `rps_avg` must be a finite number; got ten"),
            ("", "error: h.csv:1:1: the file is empty; expected a header row, e.g. `month,rps_avg`"),
        ]
        for (text, message) in cases {
            let dir = try folder(with: ["h.csv": text])
            let outcome = try capacity.run(["calibrate", "--history", "h.csv", "--output", "out.yaml"], in: dir)
            #expect(outcome.status == 65)
            #expect(outcome.standardError == message + "\n")
            #expect(outcome.standardOutput.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.yaml").path))
        }
    }

    /// Seed 000's load test ("OOM probability by load level": 2,050, 2,350, 2,600, 3,100, 3,600 MB
    /// at 100–500 rps) shared out in proportion over capped services only gives prometheus a
    /// base above its 200 MB limit. (The default model's uncapped `system` takes what the
    /// containers leave instead: ShippedDataTests.)
    @Test("a calibration that breaks a model rule: report on stdout, the rule on stderr, exit 65, nothing written")
    func breaksRule() throws {
        let dir = try folder(with: ["model.yaml": Self.cappedModelText,
                                    "seed.csv": "rps,host_memory_mb\n100,2050\n150,2350\n200,2600\n300,3100\n500,3600\n"])
        let outcome = try capacity.run(["calibrate", "--model", "model.yaml", "--load-test", "seed.csv", "--output", "out.yaml"], in: dir)
        #expect(outcome.status == 65)
        #expect(outcome.standardOutput.contains("services[3].memory.base_mb"))
        #expect(outcome.standardError.contains("services[3].limit_mb must be > memory.base_mb (259); got 200"))
        #expect(outcome.standardError.hasSuffix("rules of the model contract; nothing written to out.yaml\n")
                || outcome.standardError.hasSuffix("rule of the model contract; nothing written to out.yaml\n"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.yaml").path))
    }

    @Test("all load levels at one rps: a clear error, exit 65")
    func rankDeficient() throws {
        let dir = try folder(with: ["l.csv": "rps,api_memory_mb\n100,300\n100,310\n100,305\n"])
        let outcome = try capacity.run(["calibrate", "--load-test", "l.csv"], in: dir)
        #expect(outcome.status == 65)
        #expect(outcome.standardError == "error: api memory from l.csv: every row has the same load (100), so per_rps_mb cannot be separated from base_mb; give rows at two or more loads\n")
    }

    @Test("usage errors exit 64; a missing data file exits 66")
    func usage() throws {
        #expect(try capacity.run(["calibrate"]).status == 64)
        let both = try capacity.run(["calibrate", "--load-test", "x.csv", "--output", "a.yaml", "--in-place", "--model", "m.yaml"])
        #expect(both.status == 64 && both.standardError.contains("give --output FILE or --in-place, not both"))
        let embedded = try capacity.run(["calibrate", "--load-test", "x.csv", "--in-place"])
        #expect(embedded.status == 64 && embedded.standardError.contains("--in-place rewrites the --model file"))
        let missing = try capacity.run(["calibrate", "--load-test", "/nonexistent/l.csv"])
        #expect(missing.status == 66)
        #expect(missing.standardError == "error: /nonexistent/l.csv: no such file\n")
    }

    /// A query_range response of one series with one sample a day over `days` days from 2026-01-01 (Unix 1767225600).
    static func daily(_ days: Int, _ value: (Int) -> Double) -> String {
        let values = (0..<days).map { "[\(1_767_225_600 + 86_400 * $0),\"\(value($0))\"]" }.joined(separator: ",")
        return #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":["# + values + "]}]}}"
    }

    @Test("--prometheus: rps and host memory exports calibrate; problems are exit 65, 66 or 64 naming the file")
    func prometheus() throws {
        // Traffic growing 1 % a day (about 35 % a month) with a daily wave; the node's memory 2 GB + 4 MB per rps,
        // in bytes (what the default model's five containers do not take goes to its `system`).
        let rps = { (day: Int) in 50 * pow(1.01, Double(day)) * (1 + 0.3 * sin(Double(day))) }
        let dir = try folder(with: [
            "rps.json": Self.daily(240, rps),
            "host.json": Self.daily(240) { 2e9 + 4e6 * rps($0) },
            "error.json": #"{"status":"error","errorType":"bad_data","error":"parse error"}"#,
            "cut.json": String(Self.daily(10) { _ in 1 }.prefix(50)),
        ])
        let ok = try capacity.run(["calibrate", "--prometheus", "rps=rps.json", "--prometheus", "host_memory=host.json",
                                   "--format", "json"], in: dir)
        #expect(ok.status == 0, "\(ok.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ok.standardOutput.utf8)) as? [String: Any])
        #expect(object["first_month"] as? String == "2026-01" && object["last_month"] as? String == "2026-08")
        #expect((object["fits"] as? [[String: Any]])?.map { $0["name"] as? String } == ["growth", "peak_factor", "memory outside the containers"])
        let error = try capacity.run(["calibrate", "--prometheus", "rps=error.json"], in: dir)
        #expect(error.status == 65)
        #expect(error.standardError == "error: error.json: Prometheus answered status \"error\" (bad_data: parse error); fix the query and save the response again\n")
        let cut = try capacity.run(["calibrate", "--prometheus", "rps=cut.json"], in: dir)
        #expect(cut.status == 65 && cut.standardError.hasPrefix("error: cut.json: not a complete JSON document"))
        #expect(try capacity.run(["calibrate", "--prometheus", "rps=none.json"], in: dir).status == 66)
        let name = try capacity.run(["calibrate", "--prometheus", "memory.nginx=rps.json"], in: dir)
        #expect(name.status == 64 && name.standardError.contains("unknown NAME `memory.nginx`; names are `rps`, `host_memory`, `memory.api`"))
    }

    @Test("the shipped synthetic history is what scripts/make-synthetic-history writes, byte for byte")
    func shippedHistory() throws {
        let process = Process()
        process.executableURL = capacity.executable.deletingLastPathComponent().appendingPathComponent("synthetic-history")
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let file = CommandRunner.packageRoot.appendingPathComponent("notebooks-data/4gb-stack-history.csv")
        #expect(String(decoding: output, as: UTF8.self) == (try String(contentsOf: file, encoding: .utf8)))
    }
}
