import Foundation
import Testing
import CapacityTestSupport

/// `capacity validate` and `capacity init`, run as a user runs them.
@Suite struct ValidateCommandTests {
    let capacity = CommandRunner()

    @Test("the embedded default model validates with exit 0")
    func defaultModel() throws {
        let outcome = try capacity.run(["validate"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.hasPrefix("ok: <default model: 4gb-stack.yaml>\nmodel: 4GB production stack (starts 2026-12)\n"))
        #expect(outcome.standardOutput.contains("services: api, postgres, redis, prometheus, grafana"))
        #expect(outcome.standardError.isEmpty)
    }

    @Test("an invalid model lists every problem on stderr and exits 65")
    func invalidModel() throws {
        let folder = try CommandRunner.temporaryFolder()
        let file = folder.appendingPathComponent("bad.yaml")
        let text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("models/4gb-stack.yaml"),
                              encoding: .utf8)
            .replacingOccurrences(of: "    limit_mb: 500", with: "    limit_mbb: 500")
            .replacingOccurrences(of: "failure_rate: 4%", with: "failure_rate: 120%")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let outcome = try capacity.run(["validate", "bad.yaml"], in: folder)
        #expect(outcome.status == 65)
        #expect(outcome.standardOutput.isEmpty)
        #expect(outcome.standardError == """
            bad.yaml:39:5: unknown key `limit_mbb` in services[0]; did you mean `limit_mb`?
            bad.yaml:88:52: deployment.stages[0].failure_rate must be a probability in [0, 1] (0.2 or "20%"); got 120%
            error: the model has 2 problems

            """)
    }

    /// The default model with `old` replaced by `new`, written to a temporary folder as m.yaml.
    private func model(replacing old: String, with new: String) throws -> URL {
        let folder = try CommandRunner.temporaryFolder()
        let text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("models/4gb-stack.yaml"),
                              encoding: .utf8)
        precondition(text.contains(old), "test setup: \(old) is not in the default model")
        try text.replacingOccurrences(of: old, with: new)
            .write(to: folder.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test("warnings print located and exit 0; --strict turns them into errors (exit 65)")
    func warningsAndStrict() throws {
        let folder = try model(replacing: "size: 16", with: "size: 50")
        let outcome = try capacity.run(["validate", "m.yaml"], in: folder)
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.hasPrefix("ok: m.yaml\n"))
        #expect(outcome.standardError.hasPrefix("m.yaml:58:11: warning: pools[0] asks for 1 node × 1 instance × 50 connections = 50, more than the server accepts (max_connections 50 − reserved 3 = 47)"))
        let strict = try capacity.run(["validate", "--strict", "m.yaml"], in: folder)
        #expect(strict.status == 65)
        #expect(strict.standardOutput.isEmpty)
        #expect(strict.standardError.hasSuffix("error: the model has 1 warning (--strict)\n"))
    }

    @Test("a container whose base memory reaches its limit cannot start: exit 65 with its location")
    func baseAboveLimit() throws {
        let folder = try model(replacing: "base_mb: 220", with: "base_mb: 620")
        let outcome = try capacity.run(["validate", "m.yaml"], in: folder)
        #expect(outcome.status == 65)
        #expect(outcome.standardError.hasPrefix("m.yaml:39:15: services[0].limit_mb must be > memory.base_mb (620); got 500"))
    }

    @Test("growth written as 20 (2000 %/month) is refused with the `20%` hint: exit 65")
    func growthWithoutPercent() throws {
        let folder = try model(replacing: "mean: 20%", with: "mean: 20")
        let outcome = try capacity.run(["validate", "m.yaml"], in: folder)
        #expect(outcome.status == 65)
        #expect(outcome.standardError.contains("traffic.growth.mean reads as 2000 %/month (a fraction); got 20; did you mean `20%`?"))
    }

    @Test("a start month in the past is a note that depends on today, not on when the test runs")
    func startNote() throws {
        let outcome = try capacity.run(["validate"], environment: ["CAPACITY_TODAY": "2027-03"])
        #expect(outcome.status == 0)
        #expect(outcome.standardError == "<default model: 4gb-stack.yaml>:14:8: note: start 2026-12 is 3 months before "
            + "the current month 2027-03: forecasts begin at 2027-03 and the 3 months from 2026-12 to 2027-02 are "
            + "simulated (growth and its uncertainty) but not shown; inputs from 2026-12, 3 months old: recalibrate "
            + "(capacity calibrate) or give --start\n")
        let strict = try capacity.run(["validate", "--strict"], environment: ["CAPACITY_TODAY": "2027-03"])
        #expect(strict.status == 0, "a note is not a warning")
    }

    @Test("a missing model file exits 66")
    func missingFile() throws {
        let outcome = try capacity.run(["validate", "/nonexistent/model.yaml"])
        #expect(outcome.status == 66)
        #expect(outcome.standardError == "error: /nonexistent/model.yaml: no such model file\n")
    }

    @Test("init prints the default model; written with --output it validates; no silent overwrite")
    func initRoundTrip() throws {
        let printed = try capacity.run(["init"])
        #expect(printed.status == 0)
        #expect(printed.standardOutput == (try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("models/4gb-stack.yaml"), encoding: .utf8)))
        let folder = try CommandRunner.temporaryFolder()
        #expect(try capacity.run(["init", "--output", "mine.yaml"], in: folder).status == 0)
        #expect(try capacity.run(["validate", "mine.yaml"], in: folder).status == 0)
        let again = try capacity.run(["init", "--output", "mine.yaml"], in: folder)
        #expect(again.status == 64)
        #expect(again.standardError.contains("--output mine.yaml exists; add --force to replace it"))
        #expect(try capacity.run(["init", "--output", "mine.yaml", "--force"], in: folder).status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["mine.yaml"], "no temporary files are left behind")
    }

    @Test("init --output into a missing folder cannot be created: exit 73")
    func unwritableOutput() throws {
        let outcome = try capacity.run(["init", "--output", "/nonexistent/folder/model.yaml"])
        #expect(outcome.status == 73)
        #expect(outcome.standardError.contains("--output /nonexistent/folder/model.yaml: folder /nonexistent/folder does not exist"))
    }
}
