import Foundation
import Testing
import CapacityTestSupport

/// Errors that name where the problem is (issue #13, "Located errors everywhere").
@Suite struct LocatedErrorTests {
    let capacity = CommandRunner()

    @Test("invalid UTF-8: the line and column of the first bad byte, exit 65")
    func invalidUTF8() throws {
        let folder = try CommandRunner.temporaryFolder()
        var bytes = Array("version: 1\nname: caf".utf8)
        bytes += [0xC3, 0x28]  // a lead byte followed by an ASCII byte
        bytes += Array("\nstart: 2026-12\n".utf8)
        try Data(bytes).write(to: folder.appendingPathComponent("bad.yaml"))
        let outcome = try capacity.run(["validate", "bad.yaml"], in: folder)
        #expect(outcome.status == 65)
        #expect(outcome.standardError == """
            bad.yaml:2:10: the model file is not UTF-8 text: byte 0xC3 at offset 20 is not valid UTF-8; save the file as UTF-8
            error: the model has 1 problem

            """)
    }

    @Test("a value holding a line break is quoted, so one error stays on one line")
    func newlineQuoted() throws {
        let folder = try CommandRunner.temporaryFolder()
        let text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("models/4gb-stack.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  memory_mb: 4000 ", with: "  memory_mb: \"40\\n00\" ")
        try text.write(to: folder.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        let outcome = try capacity.run(["validate", "m.yaml"], in: folder)
        #expect(outcome.status == 65)
        #expect(outcome.standardError == "m.yaml:17:14: host.memory_mb must be a number; got \"40\\n00\"\nerror: the model has 1 problem\n")
    }

    @Test("--seed -1 says what a seed must be, for deploy and sla", arguments: ["deploy", "sla"])
    func negativeSeed(_ command: String) throws {
        let outcome = try capacity.run([command, "--seed", "-1"])
        #expect(outcome.status == 64)
        #expect(outcome.standardError == "error: --seed must be a whole number ≥ 0 (at most 18446744073709551615); got -1\n")
    }

    @Test("deploy with a pipeline whose stage duration is 1e200 minutes: a located model error, not a trap")
    func hugeDuration() throws {
        let folder = try CommandRunner.temporaryFolder()
        let text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("models/4gb-stack.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "failure_rate: 4%}", with: "failure_rate: 4%, duration_minutes: {mean: 1e200}}")
        try text.write(to: folder.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        let outcome = try capacity.run(["deploy", "--model", "m.yaml"], in: folder)
        #expect(outcome.status == 65)
        #expect(outcome.standardError.hasPrefix("m.yaml:88:81: "))
        #expect(outcome.standardError.contains("deployment.stages[0].duration_minutes.mean must be ≥ 0.001 min and ≤ 1,000,000 min; got 1e200"))
    }

    @Test("the quick forms' reproducers are usage errors (exit 64), not traps, nan or ∞",
          arguments: [["deploy", "--stage", "x=4%", "--deploys-per-month", "1e308"],
                      ["deploy", "--stage", "x=100%:retries=1e14"],
                      ["sla", "--component", "db=mtbf:1e308h/mttr:1s"],
                      ["sla", "--component", "db=mtbf:1s/mttr:1e308h"],
                      ["sla", "--component", "db=99%:replicas=9223372036854775807"],
                      ["sla", "--component", "db=99%", "--assumed-mttr", "0.0001s"],
                      ["sla", "--paths", "1e7", "--years", "1000"]])
    func quickFormReproducers(_ arguments: [String]) throws {
        let outcome = try capacity.run(arguments)
        #expect(outcome.status == 64, "\(arguments): \(outcome.standardError)")
        #expect(outcome.standardOutput.isEmpty)
        #expect(outcome.standardError.hasPrefix("error: ") && outcome.standardError.filter { $0 == "\n" }.count == 1)
    }
}

/// No `nan` or `inf` in any output (issue #13): every model of the fuzzer's seed corpus,
/// through every command that takes a model, in every format.
@Suite struct NoNonFiniteOutputTests {
    let capacity = CommandRunner()

    @Test("models/ through forecast, deploy and sla in table, CSV, JSON and Markdown", arguments: ["forecast", "deploy", "sla"])
    func corpus(_ command: String) throws {
        let models = try FileManager.default.contentsOfDirectory(atPath: CommandRunner.packageRoot.appendingPathComponent("models").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(models.count >= 4)
        for model in models {
            for format in ["table", "csv", "json", "markdown"] {
                let outcome = try capacity.run([command, "--model", "models/\(model)", "--paths", "200", "--format", format],
                                               in: CommandRunner.packageRoot)
                #expect(outcome.status == 0, "\(command) \(model) \(format): \(outcome.standardError)")
                let words = Set(outcome.standardOutput.split { !$0.isLetter }.map(String.init))
                #expect(!words.contains("nan") && !words.contains("inf"), "\(command) \(model) \(format)")
            }
        }
    }
}
