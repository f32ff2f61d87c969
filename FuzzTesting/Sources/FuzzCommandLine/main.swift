import CapacityKit
import Foundation

/// One fuzz input: a command line, one argument per line (the first names the
/// subcommand), as `capacity` would receive it.
///
/// In process (coverage-guided), the quick forms every command reads from its
/// flags — `sla --component`/`--target`/`--assumed-mttr`, `deploy --stage`/
/// `--rollback`/`--deploys-per-month`, the pools flags, `--set` — go through
/// the same CapacityKit parsers the commands call, and whatever they accept
/// runs through its engine at tiny sizes and every writer: no trap, no `nan`
/// or `inf`, and a refusal always says why.
///
/// Out of process, when `CAPACITY_FUZZ_BINARY` names the built `capacity`
/// (scripts/fuzz sets it), the whole command line runs through the real
/// argument parser and command, at tiny sizes (`--paths` is pinned small and
/// `--output`/`--samples` dropped), in a scratch folder: it must exit 0, or
/// 64–74 with an `error` line on standard error; never a signal, never `nan`
/// or `inf` in its output (unless the command line itself has the word). A
/// run past 10 s is stopped and not counted (the work budget bounds it, not
/// the fuzzer). A violation stops the process (libFuzzer reports a crash).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommandLine(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    guard let text = String(validating: data, as: UTF8.self) else { return 0 }
    let argv = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(32).map { String($0.prefix(256)) }
    guard let command = argv.first, !command.isEmpty, !argv.contains(where: { $0.contains("\0") }) else { return 0 }
    let flags = Flags(Array(argv.dropFirst()))
    let given = Set(text.split(whereSeparator: { !$0.isLetter }))
    var outputs: [String] = []

    switch command {
    case "sla":
        let components = flags.all("--component")
        if !components.isEmpty {
            do {
                let section = try AvailabilityShorthand.availability(components: components,
                                                                     target: flags.last("--target") ?? "99.9%")
                let options = OutageSimulation.Options(years: 1, paths: 4)
                if !OutageSimulation.workEstimate(section, options: options).isRefused {
                    let analysis = AvailabilityAnalysis(section)
                    precondition(abs(analysis.availability + analysis.unavailability - 1) < 1e-9, "A + U ≠ 1")
                    let writer = SLAWriter(modelName: "quick form", analysis: analysis,
                                           simulation: OutageSimulation(section, options: options), width: 80)
                    outputs += OutputFormat.allCases.map { writer.render($0) }
                }
            } catch {
                precondition(!error.description.isEmpty, "a refused --component must say why")
            }
        }
        if let mttr = flags.last("--assumed-mttr") {
            do {
                let minutes = try AvailabilityShorthand.assumedRepairMinutes(mttr)
                precondition(minutes.isFinite && minutes > 0, "--assumed-mttr accepted \(minutes)")
            } catch {
                precondition(!error.description.isEmpty, "a refused --assumed-mttr must say why")
            }
        }
    case "deploy":
        let stages = flags.all("--stage")
        if !stages.isEmpty {
            do {
                let deployment = try DeploymentQuickForm.deployment(stages: stages, rollback: flags.last("--rollback"),
                                                                     deploysPerMonth: flags.last("--deploys-per-month"))
                let options = DeploymentOddsOptions(paths: 64, seed: 1, threads: 1)
                if !DeploymentOdds.workEstimate(deployment, options: options).isRefused,
                   let result = try? DeploymentOdds.run(deployment, options: options) {
                    let outcomes = result.outcomes
                    let total = outcomes.success + outcomes.blocked + outcomes.rolledBack + outcomes.unrecoverable
                    precondition(abs(total - 1) < 1e-9, "deployment outcomes sum to \(total)")
                    let writer = DeploymentWriter(result, modelName: DeploymentWriter.quickForm, width: 80)
                    outputs += OutputFormat.allCases.map { writer.render($0) }
                }
            } catch {
                precondition(!error.description.isEmpty, "a refused --stage must say why")
            }
        }
    case "pools":
        if let rps = flags.last("--rps") {
            do {
                let form = try PoolQuickForm.parse(
                    rps: rps, queriesPerRequest: flags.last("--queries-per-request"), holdMS: flags.last("--hold-ms"),
                    size: flags.last("--size"), instances: flags.last("--instances"),
                    maxConnections: flags.last("--max-connections"), reservedConnections: flags.last("--reserved-connections"),
                    timeoutMS: flags.last("--timeout-ms"), waitMS: flags.last("--wait-ms"), target: flags.last("--target"))
                let analysis = PoolAnalysis(pool: form.pool, among: [form.pool], nodes: 1, rps: form.rps,
                                            perConnectionMB: nil, waitMS: form.waitMS, target: form.target)
                var writer = PoolsWriter(analysis, modelName: PoolsWriter.quickForm)
                writer.width = 80
                outputs += OutputFormat.allCases.map { writer.render($0) }
            } catch {
                precondition(!error.description.isEmpty, "a refused pools flag must say why")
            }
        }
    case "workers":
        if let rps = flags.last("--rps") {
            do {
                let form = try WorkerQuickForm.parse(
                    rps: rps, workers: flags.last("--workers"), serviceMS: flags.last("--service-ms"),
                    serviceP50MS: flags.last("--service-p50-ms"), serviceP95MS: flags.last("--service-p95-ms"),
                    sloP95MS: flags.last("--slo-p95-ms"), sloP99MS: flags.last("--slo-p99-ms"),
                    sizeForRPS: flags.last("--size-for-rps"), cpuMS: flags.last("--cpu-ms"), cores: flags.last("--cores"))
                let analysis = WorkerAnalysis(worker: form.worker, rps: form.rps, sizeForRPS: form.sizeForRPS, cores: form.cores)
                var writer = WorkersWriter(analysis, modelName: PoolsWriter.quickForm)
                writer.width = 80
                outputs += OutputFormat.allCases.map { writer.render($0) }
            } catch {
                precondition(!error.description.isEmpty, "a refused workers flag must say why")
            }
        }
    default:
        break
    }
    // `--set` on any command: the default model with the overrides, a 3-month forecast.
    let sets = flags.all("--set")
    if !sets.isEmpty {
        var overrides: [ModelOverride] = []
        for argument in sets {
            do {
                overrides.append(try ModelOverride(parsing: argument))
            } catch {
                precondition(!error.description.isEmpty, "a refused --set must say why")
            }
        }
        do {
            let validated = try DefaultModel.validate(today: YearMonth(year: 2026, month: 11), overrides: overrides)
            if let result = try? MemoryForecast.run(validated, options: ForecastOptions(months: 3, paths: 64, seed: 1, threads: 1)) {
                let writer = ForecastWriter(result, width: 80)
                outputs += OutputFormat.allCases.map { writer.render($0) }
            }
        } catch let error as ModelError {
            precondition(!error.diagnostics.isEmpty, "a refused --set must say why")
        } catch {
            precondition(!"\(error)".isEmpty, "a refused --set must say why")
        }
    }
    for output in outputs { checkFinite(output, given: given) }
    if let binary = ProcessInfo.processInfo.environment["CAPACITY_FUZZ_BINARY"] {
        runBinary(binary, arguments: argv, given: given)
    }
    return 0
}

/// The flags of a command line: `--name value` and `--name=value`.
struct Flags {
    var pairs: [(String, String)] = []

    init(_ arguments: [String]) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                pairs.append((String(argument[..<equals]), String(argument[argument.index(after: equals)...])))
            } else if argument.hasPrefix("--"), index + 1 < arguments.count {
                pairs.append((argument, arguments[index + 1]))
                index += 1
            }
            index += 1
        }
    }

    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }
    func last(_ name: String) -> String? { all(name).last }
}

/// No `nan` or `inf` in an output unless the input itself has the word (a name).
func checkFinite(_ output: String, given: Set<Substring>) {
    for word in output.split(whereSeparator: { !$0.isLetter })
    where (word == "nan" || word == "inf" || word == "infinity") && !given.contains(word) {
        preconditionFailure("`\(word)` in an output:\n\(output)")
    }
}

/// Flags that write files or make a run long: dropped with their value, then `--paths` pinned.
let droppedFlags: Set<String> = ["--output", "--samples", "--paths", "--precision", "--threads", "--years", "--chunk-size",
                                 "--history", "--load-test", "--prometheus", "--forecast", "--compare"]

/// Runs the real `capacity` on `arguments` (see the file's comment for what must hold).
func runBinary(_ binary: String, arguments: [String], given: Set<Substring>) {
    var kept: [String] = []
    var index = 0
    while index < arguments.count {
        let argument = arguments[index]
        let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
        if droppedFlags.contains(name) {
            index += argument.contains("=") ? 1 : 2
            continue
        }
        kept.append(argument)
        index += 1
    }
    let command = kept.first ?? ""
    if ["forecast", "pools", "timeline", "sensitivity", "report", "deploy"].contains(command) { kept += ["--paths", "64"] }
    if command == "sla" { kept += ["--paths", "8", "--years", "1"] }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("capacity-fuzz-\(getpid())")
    try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    let outPath = scratch.appendingPathComponent("stdout").path, errPath = scratch.appendingPathComponent("stderr").path
    // posix_spawn, not Foundation's Process (whose run() leaks a weak reference under LeakSanitizer);
    // `env -C` runs it in the scratch folder (report and init write there).
    var environment = ProcessInfo.processInfo.environment
    environment["CAPACITY_TODAY"] = "2026-11"
    environment["COLUMNS"] = "80"
    let argv = ["/usr/bin/env", "-C", scratch.path, binary] + kept
    let envp = environment.map { "\($0.key)=\($0.value)" }
    var cArgv = argv.map { strdup($0) } + [nil]
    var cEnvp = envp.map { strdup($0) } + [nil]
    defer { for pointer in cArgv + cEnvp { free(pointer) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, &cArgv, &cEnvp)
    precondition(spawned == 0, "cannot run \(binary): posix_spawn \(spawned)")
    var status: Int32 = 0, waited = 0
    while waitpid(pid, &status, WNOHANG) == 0 {
        if waited >= 10_000 {
            kill(pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
            return
        }
        usleep(10_000)
        waited += 10
    }
    let out = readFile(outPath), err = readFile(errPath)
    let signal = status & 0x7f
    let exited = signal == 0
    let standardError = String(decoding: err, as: UTF8.self)
    precondition(exited, "capacity \(kept) was killed by signal \(signal):\n\(standardError)")
    let code = (status >> 8) & 0xff
    precondition(code == 0 || (64...74).contains(code), "capacity \(kept) exited \(code):\n\(standardError)")
    if code != 0 {
        precondition(standardError.contains("error") || standardError.contains("Error"),
                     "capacity \(kept) exited \(code) without an error line:\n\(standardError)")
    }
    checkFinite(String(decoding: out, as: UTF8.self), given: given)
}

/// A file's bytes through POSIX read (no Foundation reader).
func readFile(_ path: String) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return [] }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        bytes += buffer[0..<count]
    }
    return bytes
}
