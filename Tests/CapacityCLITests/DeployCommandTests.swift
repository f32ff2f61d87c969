import Foundation
import Testing
import CapacityTestSupport

/// `capacity deploy`, run as a user runs it. Reference: seed 000 (shared/seeds/000_*.md), CI 4 %,
/// Docker build 2 %, deploy 3 %, health checks 1 %, configuration 1 %, rollback 95 %: by hand
/// 0.96 · 0.98 · 0.97 · 0.99 · 0.99 = 0.8944157376 and (1 − 0.8944157376) · 0.05 = 0.00527921312.
@Suite struct DeployCommandTests {
    let capacity = CommandRunner()
    static let seedStages = ["--stage", "ci=4%:phase=pre-release", "--stage", "build=2%:phase=pre-release",
                             "--stage", "deploy=3%", "--stage", "health=1%:phase=post-release",
                             "--stage", "config=1%:phase=post-release", "--rollback", "95%"]

    func json(_ arguments: [String]) throws -> [String: Any] {
        let outcome = try capacity.run(["deploy", "--format", "json"] + arguments)
        #expect(outcome.status == 0, "\(arguments): \(outcome.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
    }

    func number(_ object: [String: Any], _ path: String...) throws -> Double {
        var current: Any = object
        for key in path { current = try #require((current as? [String: Any])?[key], "no \(path)") }
        return try #require(current as? Double, "\(path) is not a number")
    }

    /// The main job's output for the default model, byte for byte. After a deliberate change,
    /// regenerate with `CAPACITY_UPDATE_GOLDEN=1 swift test --filter DeployCommandTests`.
    @Test("golden: the default model's table")
    func goldenTable() throws {
        let outcome = try capacity.run(["deploy"])
        #expect(outcome.status == 0)
        #expect(outcome.standardError.isEmpty)
        let drift = try Golden.mismatch(outcome.standardOutput, "deploy-default.txt")
        #expect(drift == nil, "\(drift ?? "")")
    }

    @Test("JSON of the default model: the seed pipeline at full precision, and what repeats the run")
    func defaultModelJSON() throws {
        let object = try json(["--paths", "20000", "--seed", "7", "--threads", "2"])
        #expect(abs(try number(object, "success_probability") - 0.8944157376) < 1e-15)
        #expect(abs(try number(object, "first_attempt_success") - 0.8944157376) < 1e-15)
        // CI and the image build are pre-release: their failures block the release (0.0592);
        // 0.9408 · (1 − 0.97 · 0.99 · 0.99) = 0.0463842624 is rolled back (95 %) or unrecoverable (5 %).
        #expect(abs(try number(object, "blocked_probability") - 0.0592) < 1e-15)
        #expect(abs(try number(object, "rollback_probability") - 0.04406504928) < 1e-15)
        #expect(abs(try number(object, "unrecoverable_probability") - 0.00231921312) < 1e-16)
        #expect(object["tool"] as? String == "capacity" && object["command"] as? String == "deploy")
        #expect(object["version"] as? String != nil)
        #expect(object["model"] as? String == "4GB production stack")
        #expect(object["seed"] as? Int == 7 && object["paths"] as? Int == 20_000 && object["threads"] as? Int == 2)
        let stages = try #require(object["stages"] as? [[String: Any]])
        #expect(stages.map { $0["name"] as? String } == ["ci", "docker build", "deploy", "health checks", "configuration"])
        // Known rates: no intervals; the simulated check carries its standard error.
        #expect(object["intervals"] == nil)
        let simulated = try number(object, "simulated", "success", "p"), se = try number(object, "simulated", "success", "se")
        #expect(abs(simulated - 0.8944157376) <= 5 * se, "simulated \(simulated) ± \(se), seed 7")
        // 1 − (1 − 0.00231921312)⁶⁰ = 0.130045527888… (DeploymentOddsTests).
        #expect(abs(try number(object, "over_time", "unrecoverable_in_quarter") - 0.13004552788836288) < 1e-14)
        #expect((object["over_time"] as? [String: Any])?["quarter_model"] as? String == "binomial")
        let fixFirst = try #require(object["fix_first"] as? [[String: Any]])
        #expect(fixFirst.first?["stage"] as? String == "ci")
    }

    @Test("the quick form of the seed pipeline gives the default model's odds and draws")
    func quickFormMatchesTheDefaultModel() throws {
        let common = ["--paths", "20000", "--deploys-per-month", "20"]
        let quick = try json(Self.seedStages + common)
        let model = try json(["--paths", "20000"])
        #expect(quick["model"] as? String == "quick form")
        #expect(abs(try number(quick, "success_probability") - 0.8944157376) < 1e-15)
        #expect(abs(try number(quick, "unrecoverable_probability") - 0.00231921312) < 1e-16)
        // Same rates, stage positions and seed: the same random streams, so the same simulation.
        for outcome in ["success", "rolled_back", "unrecoverable"] {
            #expect(try number(quick, "simulated", outcome, "p") == (try number(model, "simulated", outcome, "p")))
        }
        #expect(try number(quick, "over_time", "unrecoverable_in_quarter")
                == (try number(model, "over_time", "unrecoverable_in_quarter")))
    }

    @Test("quick form counts, retries and retryable shares mean what they mean in a model file")
    func quickFormKeys() throws {
        let object = try json(["--stage", "ci=4%", "--stage", "build=2/100", "--stage", "deploy=3%:retries=1:retryable=50%",
                               "--paths", "5000"])
        // ci 0.96 · build 99/102 (posterior mean 3/102) · deploy 0.97 · (1 + 0.03 · 0.5); rollback defaults to 100 %.
        #expect(abs(try number(object, "success_probability") - 0.96 * (99.0 / 102) * 0.97 * 1.015) < 1e-15)
        #expect(try number(object, "unrecoverable_probability") == 0)
        let stages = try #require(object["stages"] as? [[String: Any]])
        #expect(stages[1]["evidence"] as? String == "counts" && stages[1]["failures"] as? Int == 2)
        #expect(stages[1]["runs"] as? Int == 100 && stages[1]["failure_rate_percentiles"] != nil)
        #expect(stages[2]["retries"] as? Int == 1 && stages[2]["retryable"] as? Double == 0.5)
        #expect(object["intervals"] != nil && object["over_time"] == nil)
    }

    /// Issue 25: `--stage ci=4%` counted CI failures as rollbacks, and `retries=1` assumed silently that
    /// every failure can be retried. By hand: blocked 0.04; unrecoverable 0.96 · 0.03² · 0.05 = 0.0000432.
    @Test("quick form: a CI-like stage is pre-release, the output says how each stage was read and what retries assume")
    func quickFormSaysHowItRead() throws {
        let arguments = ["deploy", "--stage", "ci=4%", "--stage", "deploy=3%:retries=1", "--rollback", "95%", "--paths", "2000"]
        let table = try capacity.run(arguments)
        #expect(table.status == 0, "\(table.standardError)")
        #expect(table.standardOutput.contains("Phases as read: ci pre-release (CI-like name, before any release stage); "
            + "deploy release (the default). A pre-release failure blocks the release (nothing to roll back); "
            + "a release or post-release failure is rolled back."))
        #expect(table.standardOutput.contains("Retries assume every failure of deploy can be retried (retryable 100%): "
            + "success with retries is 1 − p^(retries+1). If some failures are permanent, give :retryable=SHARE"))
        let blocked = table.standardOutput.split(separator: "\n").first { $0.hasPrefix("blocked before release ") }
        #expect(blocked?.hasSuffix(" 4.000%") == true, "\(table.standardOutput)")
        let object = try json(Array(arguments.dropFirst()))
        #expect(try number(object, "blocked_probability") == 0.04)
        #expect(abs(try number(object, "unrecoverable_probability") - 0.0000432) < 1e-18)
        let stages = try #require(object["stages"] as? [[String: Any]])
        #expect(stages.map { $0["phase"] as? String } == ["pre-release", "release"])
        #expect(stages.map { $0["phase_source"] as? String } == ["ci-like name", "default"])
        // A model's pipeline has no quick-form reading; with retryable given, no retry note either.
        let model = try capacity.run(["deploy", "--paths", "2000"])
        #expect(!model.standardOutput.contains("Phases as read") && !model.standardOutput.contains("Retries assume"))
        let help = try capacity.run(["deploy", "--help"])
        #expect(help.standardOutput.contains("[:phase=PHASE]"))
    }

    /// Halving Docker build's 2 % gives 0.8944157376 · 0.99/0.98 = 0.9035424288, a gain of
    /// 0.0091266912 — which the CSV printed as 0.00912669119999998 before (issue 25).
    @Test("CSV: the default model's figures as the decimals they are, no float noise")
    func csvDecimals() throws {
        let outcome = try capacity.run(["deploy", "--paths", "2000", "--format", "csv"])
        #expect(outcome.status == 0)
        let lines = outcome.standardOutput.split(separator: "\n")
        #expect(lines.contains("docker build,0.02,,,0,1,,,,0.98,,,,,,0.9035424288,0.0091266912,pre-release"), "\(outcome.standardOutput)")
        #expect(lines.contains("ci,0.04,,,0,1,,,,0.96,,,,,,0.9130493988,0.0186336612,pre-release"))
        #expect(lines.contains { $0.hasPrefix("pipeline:success,,,,,,,,,0.8944157376,") })
    }

    @Test("CSV and JSON are byte-identical on 1 and 2 threads and any chunk size")
    func threadInvariance() throws {
        // Chat-bots' pipeline (retries, durations) with one counted stage: every Monte Carlo figure.
        let folder = try CommandRunner.temporaryFolder()
        let text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("models/chat-bots.yaml"),
                              encoding: .utf8)
            .replacingOccurrences(of: "{name: integration tests, phase: pre-release, failure_rate: 5%,", with: "{name: integration tests, phase: pre-release, failures: 5, runs: 100,")
        #expect(text.contains("failures: 5, runs: 100"))
        try text.write(to: folder.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        var outputs: Set<String> = []
        for arguments in [["--threads", "1"], ["--threads", "2"], ["--threads", "2", "--chunk-size", "777"]] {
            let csv = try capacity.run(["deploy", "--model", "m.yaml", "--paths", "6000", "--format", "csv"] + arguments,
                                       in: folder)
            let json = try capacity.run(["deploy", "--model", "m.yaml", "--paths", "6000", "--format", "json"] + arguments,
                                        in: folder)
            #expect(csv.status == 0 && json.status == 0, "\(csv.standardError)\(json.standardError)")
            #expect(json.standardOutput.contains("\"duration_minutes\"") && json.standardOutput.contains("\"intervals\""))
            let lines = json.standardOutput.split(separator: "\n").filter { !$0.contains("\"threads\"") }
            outputs.insert(csv.standardOutput + lines.joined(separator: "\n"))
        }
        #expect(outputs.count == 1)
    }

    @Test("Markdown and --output")
    func markdownToAFile() throws {
        let folder = try CommandRunner.temporaryFolder()
        let outcome = try capacity.run(["deploy", "--paths", "2000", "--format", "markdown", "--output", "d.md"], in: folder)
        #expect(outcome.status == 0 && outcome.standardOutput.isEmpty)
        let text = try String(contentsOf: folder.appendingPathComponent("d.md"), encoding: .utf8)
        #expect(text.hasPrefix("## Deployment odds: 4GB production stack\n"))
        #expect(text.contains("| succeeds at the first attempt | 89.44% |"))
        #expect(text.contains("| unrecoverable | 0.2319% |"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["d.md"])
    }

    @Test("bad input: one clear line and a sysexits code", arguments: [
        (["--stage", "ci=1.2"], 64, "error: --stage ci=1.2: failure rate must be a probability in [0, 1]; got 1.2\n"),
        (["--stage", "ci=-0.1"], 64, "error: --stage ci=-0.1: failure rate must be a probability in [0, 1]; got -0.1\n"),
        (["--stage", "ci=120%"], 64, "error: --stage ci=120%: failure rate must be a probability in [0, 1]; got 120%\n"),
        (["--stage", "build=5/3"], 64, "error: --stage build=5/3: failures must be ≤ runs (3); got 5\n"),
        (["--stage", "build=2/0"], 64, "error: --stage build=2/0: runs must be ≥ 1 and ≤ 1,000,000,000; got 0\n"),
        (["--stage", "deploy=3%:retries=-1"], 64, "error: --stage deploy=3%:retries=-1: retries must be ≥ 0 and ≤ 100; got -1\n"),
        (["--stage", "deploy=3%:retryable=1.5"], 64,
         "error: --stage deploy=3%:retryable=1.5: retryable share must be a probability in [0, 1]; got 1.5\n"),
        (["--stage", "deploy=3%:retires=1"], 64, "error: --stage deploy=3%:retires=1: unknown option `retires`; did you mean `retries`?\n"),
        (["--rollback", "95%"], 64,
         "error: the quick form needs at least one --stage NAME=RATE (e.g. --stage ci=4%); --rollback and --deploys-per-month describe its pipeline\n"),
        (["--stage", "x"], 64, "error: --stage x: expected NAME=RATE[:retries=N][:retryable=SHARE][:phase=PHASE], e.g. ci=4%, build=2/100 or deploy=3%:retries=1\n"),
        (["--stage", "ci=4%", "--stage", "ci=2%"], 64, "error: --stage ci=2%: stage `ci` is given twice; names must be unique\n"),
        (["--stage", "ci=4%", "--rollback", "-5%"], 64,
         "error: --rollback -5%: rollback success rate must be a probability in [0, 1]; got -5%\n"),
        (["--stage", "ci=4%", "--deploys-per-month", "-1"], 64, "error: --deploys-per-month -1: deployments per month must be ≥ 0 and ≤ 100,000; got -1\n"),
        (["--stage", "ci=4%", "--model", "m.yaml"], 64,
         "error: --stage, --rollback and --deploys-per-month describe a pipeline without a model; --model m.yaml has its own deployment: section\n"),
        (["--paths", "0"], 64, "error: --paths must be between 1 and 100000000; got 0\n"),
        (["--threads", "0"], 64, "error: --threads must be between 1 and 512; got 0\n"),
        (["--model", "/nonexistent/m.yaml"], 66, "error: /nonexistent/m.yaml: no such model file\n"),
    ] as [([String], Int32, String)])
    func badInput(arguments: [String], status: Int32, message: String) throws {
        let outcome = try capacity.run(["deploy"] + arguments)
        #expect(outcome.status == status, "\(arguments)")
        #expect(outcome.standardError == message, "\(arguments)")
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test("a model without a deployment: section is refused with exit 65")
    func modelWithoutDeployment() throws {
        let folder = try CommandRunner.temporaryFolder()
        let text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("models/4gb-stack.yaml"), encoding: .utf8)
            .replacingOccurrences(of: #"(?s)deployment:\n.*?\n\n"#, with: "", options: .regularExpression)
        #expect(!text.contains("deployment:"))
        try text.write(to: folder.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        let outcome = try capacity.run(["deploy", "--model", "m.yaml"], in: folder)
        #expect(outcome.status == 65)
        #expect(outcome.standardError
                == "m.yaml:1:1: the model has no `deployment:` section; add one (stages with failure rates, see "
                    + "`capacity init`) or give the pipeline with --stage NAME=RATE\n")
        #expect(outcome.standardOutput.isEmpty)
    }
}
