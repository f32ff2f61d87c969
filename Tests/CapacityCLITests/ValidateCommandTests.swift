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
            bad.yaml:31:5: unknown key `limit_mbb` in services[0]; did you mean `limit_mb`?
            bad.yaml:59:52: deployment.stages[0].failure_rate must be a probability in [0, 1] (0.2 or "20%"); got 120%
            error: the model has 2 problems

            """)
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
