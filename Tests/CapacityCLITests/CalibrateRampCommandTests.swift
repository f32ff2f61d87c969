import Foundation
import Testing
import CapacityTestSupport

/// `capacity calibrate --ramp` (issue #22 item 6), run as a user runs it on seed 000's ramp.
@Suite struct CalibrateRampCommandTests {
    let capacity = CommandRunner()
    static let ramp = try! String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("notebooks-data/4gb-stack-ramp.csv"),
                                  encoding: .utf8)
    static let model = """
    version: 1
    name: ramp
    start: 2026-12
    host: {memory_mb: 4000, reserved_mb: 500}
    traffic: {rps: 100, growth: {mean: 0.2}}
    services:
      - {name: api, memory: {base_mb: 250, per_rps_mb: 1.2}}
    workers:
      - {name: web, service: api, per_node: 8, service_ms: 40, slo: {p95_ms: 200}}

    """

    func folder(with files: [String: String]) throws -> URL {
        let folder = try CommandRunner.temporaryFolder()
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    @Test("seed 000's ramp writes per_node 125 and service_ms ≈ 102.6 into the model, with its comment and fit")
    func writesTheModel() throws {
        let dir = try folder(with: ["model.yaml": Self.model, "ramp.csv": Self.ramp])
        let outcome = try capacity.run(["calibrate", "--model", "model.yaml", "--ramp", "ramp.csv", "--output", "out.yaml",
                                        "--date", "2026-12-01", "--format", "json"], in: dir)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let written = try String(contentsOf: dir.appendingPathComponent("out.yaml"), encoding: .utf8)
        let line = try #require(written.split(separator: "\n").first { $0.contains("name: web") })
        #expect(line.contains("per_node: 125,") && line.contains("service_ms: 10") && line.contains("# calibrated from ramp.csv, n=5"))
        #expect(written.contains("key: \"workers[0].per_node\", value: 125,"))
        let validate = try capacity.run(["validate", "out.yaml"], in: dir)
        #expect(validate.status == 0, "\(validate.standardError)")
    }

    @Test("--worker without --ramp, and a model without workers, are refused")
    func refusals() throws {
        let dir = try folder(with: ["model.yaml": Self.model.components(separatedBy: "workers:")[0], "ramp.csv": Self.ramp])
        let noRamp = try capacity.run(["calibrate", "--model", "model.yaml", "--worker", "web"], in: dir)
        #expect(noRamp.status == 64 && noRamp.standardError.contains("--worker names the worker pool a --ramp measured"))
        let none = try capacity.run(["calibrate", "--model", "model.yaml", "--ramp", "ramp.csv"], in: dir)
        #expect(none.status != 0 && none.standardError.contains("measures a worker pool, and the model has none"))
    }
}
