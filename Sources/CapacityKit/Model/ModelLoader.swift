import Foundation
import Yams

/// Turns model-file text (YAML, contract version 1 of DESIGN.md) into a validated ``Model``.
///
/// All problems are collected and thrown together as a ``ModelError`` whose
/// diagnostics name file, line, column, key path, the value, what is allowed
/// and, for unknown keys, the closest allowed key.
public enum ModelLoader {
    /// The keys each section allows, in contract order (for "did you mean" hints).
    static let topKeys = ["version", "name", "start", "host", "thresholds", "traffic", "services",
                          "pools", "deployment", "availability", "scaling", "correlations", "calibration", "scenarios"]

    /// Reads and validates the model file at `path`.
    public static func load(path: String) throws -> Model {
        try validate(path: path, today: nil).model
    }

    /// Validates model text; `file` names it in diagnostics.
    public static func parse(_ text: String, file: String) throws -> Model {
        try validate(text, file: file, today: nil).model
    }

    /// Reads and validates the model file at `path`, with its warnings and notes,
    /// after applying `overrides` (`--set`) to its values. `today`, the current
    /// calendar month, decides the start-in-the-past note, and a model whose `start`
    /// is before it is forecast from it (``ValidatedModel/forecastingFrom(today:)``).
    public static func validate(path: String, today: YearMonth?, overrides: [ModelOverride] = []) throws -> ValidatedModel {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ModelFileError(path: path, reason: "no such model file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelFileError(path: path, reason: "cannot read the model file")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ModelError(diagnostics: [invalidUTF8Diagnostic(data, file: path)])
        }
        return try validate(text, file: path, today: today, overrides: overrides)
    }

    /// Validates model text; `file` names it in diagnostics. Errors are thrown
    /// together as a ``ModelError``; warnings and notes come with the model.
    ///
    /// `overrides` (`--set KEY=VALUE`) change the file's values before it is
    /// read, so the file's own rules check them: a key path that leads nowhere
    /// throws ``ModelOverrideError``; a value a rule refuses is an error located
    /// at the flag, and the ``ModelError`` is ``ModelError/fromCommandLine`` when
    /// the file alone is valid. Each of the file's scenarios is then read with its
    /// own overrides on top (errors located at the scenario's entries). With `today`,
    /// a `start` before it is forecast from it (``ValidatedModel/forecastingFrom(today:)``).
    public static func validate(_ text: String, file: String, today: YearMonth?,
                                overrides: [ModelOverride] = []) throws -> ValidatedModel {
        let root: Node
        do {
            // Scalars are read as text by the model's own rules (YAMLReader), so the tags need no
            // resolving: the basic resolver spares compiling and matching Yams's implicit-type
            // regular expressions at every key lookup (a few ms of every command's start).
            guard let composed = try Yams.compose(yaml: text, .basic) else {
                let reader = YAMLReader(file: file)
                reader.report(nil, "", "the model file is empty", hint: "start from `capacity init`")
                throw ModelError(diagnostics: reader.diagnostics)
            }
            root = composed
        } catch let error as YamlError {
            throw ModelError(diagnostics: [syntaxDiagnostic(error, file: file)])
        }
        var tree = root
        var applied: [ModelOverride] = []
        for (index, override) in overrides.enumerated() {
            let value: Node
            do {
                value = try Yams.compose(yaml: override.value, .basic) ?? Node("")
            } catch {
                throw ModelOverrideError(argument: override.description,
                                         message: "--set \(override): the value is not YAML (\(error))",
                                         hint: "quote it, e.g. --set '\(override.keyPath)=\"…\"'")
            }
            do {
                let (patched, previous) = try OverrideTree.set(value, at: override.keyPath, in: tree, tag: OverrideTree.tag(index))
                tree = patched
                var override = override
                override.previous = previous.map(OverrideTree.text(of:))
                applied.append(override)
            } catch {
                throw ModelOverrideError(argument: override.description, message: "--set \(override): \(error.message)",
                                         hint: error.hint)
            }
        }
        let flags = Dictionary(uniqueKeysWithValues: overrides.enumerated().map { ($0.offset, $0.element.description) })
        let checked = check(tree, file: file, today: today, commandLine: flags)
        let errors = checked.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            guard !overrides.isEmpty else { throw ModelError(diagnostics: errors) }
            throw commandLineError(errors, file: file, root: root, overrides: overrides)
        }
        let scenarios = try resolve(checked.scenarios, in: tree, file: file, base: applied,
                                    firstTag: overrides.count, root: root)
        let validated = ValidatedModel(checked: checked.model!, findings: checked.diagnostics, overrides: applied,
                                       scenarios: scenarios)
        return today.map(validated.forecastingFrom(today:)) ?? validated
    }

    /// Reads a (patched) tree and checks the model's rules: the model (nil when invalid), every
    /// diagnostic in file order, and the scenarios' entries as the file gives them.
    static func check(_ root: Node, file: String, today: YearMonth?, commandLine: [Int: String] = [:],
                              scenario: (name: String, tags: Set<Int>, anchor: Node)? = nil)
        -> (model: Model?, diagnostics: [Diagnostic], scenarios: [ScenarioSource]) {
        let reader = YAMLReader(file: file)
        reader.commandLineOverrides = commandLine
        reader.scenario = scenario
        let (model, scenarios) = read(root, reader)
        if let model {
            for finding in ModelRules.findings(model, today: today) {
                reader.report(locate(finding.path, reader), finding.path, finding.message, hint: finding.hint,
                              severity: finding.severity)
            }
        }
        let sorted = reader.diagnostics.enumerated().sorted {
            ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
        }.map(\.element)
        return (sorted.contains { $0.severity == .error } ? nil : model, sorted, scenarios)
    }

    /// The errors of a model with `--set` overrides. Those the file alone also has are
    /// the file's; the others come from the overrides: when one is located in the file
    /// (a rule across keys, such as a limit below a base the override raised) it is
    /// located at the flags instead, with the file's place in its message.
    private static func commandLineError(_ errors: [Diagnostic], file: String, root: Node,
                                         overrides: [ModelOverride]) -> ModelError {
        let own = Set(check(root, file: file, today: nil).diagnostics.filter { $0.severity == .error }
            .map { "\($0.path)\n\($0.message)" })
        let flags = overrides.map { "--set \($0)" }.joined(separator: " ")
        var fromFlags = false
        let located = errors.map { error -> Diagnostic in
            if error.line == 0 { fromFlags = true; return error }
            guard !own.contains("\(error.path)\n\(error.message)") else { return error }
            fromFlags = true
            var moved = error
            moved.message += " (\(error.file):\(error.line):\(error.column))"
            (moved.file, moved.line, moved.column) = (flags, 0, 0)
            return moved
        }
        return ModelError(diagnostics: located, fromCommandLine: fromFlags && own.isEmpty)
    }

    /// The node of `path`, or of its nearest enclosing key that the file has.
    private static func locate(_ path: String, _ reader: YAMLReader) -> Node? {
        var path = path
        while !path.isEmpty {
            if let node = reader.nodes[path] { return node }
            if let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) { path = String(path[..<cut]) } else { break }
        }
        return reader.nodes[path]
    }

    /// Where the first byte that is not UTF-8 is: line (1-based, counting LF)
    /// and column (1-based, counting the Unicode scalars before it on its line).
    static func invalidUTF8Diagnostic(_ data: Data, file: String) -> Diagnostic {
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = data.makeIterator()
        var (line, column, offset) = (1, 1, 0)
        parsing: while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let scalar):
                offset += scalar.count
                if scalar.count == 1 && scalar.first == UInt8(ascii: "\n") { (line, column) = (line + 1, 1) } else { column += 1 }
            case .emptyInput:
                break parsing
            case .error:
                break parsing
            }
        }
        let byte = offset < data.count ? String(format: "0x%02X", data[data.startIndex + offset]) : "?"
        return Diagnostic(file: file, line: line, column: column, path: "",
                          message: "the model file is not UTF-8 text: byte \(byte) at offset \(offset) is not valid UTF-8",
                          hint: "save the file as UTF-8")
    }

    private static func syntaxDiagnostic(_ error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return Diagnostic(file: file, line: mark.line, column: mark.column, path: "",
                              message: "YAML syntax error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "`\($0)`" }.joined(separator: ", ")
            return Diagnostic(file: file, line: context.mark.line, column: context.mark.column, path: "",
                              message: "key \(keys) is given twice in one mapping", hint: "keep one of them")
        case .reader(let problem, _, _, _):
            return Diagnostic(file: file, line: 1, column: 1, path: "", message: "cannot read YAML: \(problem)")
        default:
            return Diagnostic(file: file, line: 1, column: 1, path: "", message: "YAML error: \(error)")
        }
    }

    // MARK: - Sections

    private static func read(_ root: Node, _ reader: YAMLReader) -> (Model?, [ScenarioSource]) {
        guard let top = reader.fields(root, at: "", allowed: topKeys) else { return (nil, []) }
        if let versionNode = top.value("version", required: true, hint: "add `version: 1`"),
           let version = Fields.number(versionNode, at: "version", .any, percent: false, reader: reader),
           version != 1 {
            reader.report(versionNode, "version", "version must be 1; got \(YAMLReader.describe(versionNode))",
                          hint: "this capacity reads contract version 1")
        }
        let name = top.string("name")
        var start: YearMonth?
        if let node = top.value("start", required: true, hint: "add `start: 2026-12` (the calendar month of forecast month 1)") {
            start = node.scalar.flatMap { YearMonth(parsing: $0.string) }
            if start == nil {
                reader.report(node, "start", "start must be a calendar month YYYY-MM; got \(YAMLReader.describe(node))",
                              hint: "for example `start: 2026-12`")
            }
        }
        let host = readHost(top, reader)
        let thresholds = readThresholds(top, reader)
        let traffic = readTraffic(top, reader)
        let services = readServices(top, defaults: thresholds, reader)
        let pools = readPools(top, services: services, defaults: thresholds, reader)
        let deployment = top.fields("deployment", allowed: ["deploys_per_month", "stages", "rollback"])
            .map { readDeployment($0, reader) }
        let availability = top.fields("availability", allowed: ["target", "components"])
            .map { readAvailability($0, reader) }
        let scaling = top.fields("scaling", allowed: ["lead_time_days", "allow_overcommit", "options"])
            .map { readScaling($0, host: host, services: services, pools: pools, reader) }
        let correlations = top.fields("correlations", allowed: ["inputs", "matrix"])
            .flatMap { readCorrelations($0, services: services, reader) }
        if let calibration = top.fields("calibration", allowed: calibrationKeys) { checkCalibration(calibration, reader) }
        let scenarios = readScenarios(top, reader)

        guard reader.diagnostics.isEmpty, let name, let start, let host, let thresholds, let traffic else {
            return (nil, scenarios)
        }
        return (Model(version: 1, name: name, start: start, host: host, thresholds: thresholds, traffic: traffic,
                      services: services, pools: pools, deployment: deployment, availability: availability,
                      scaling: scaling, correlations: correlations,
                      scenarios: scenarios.map { Model.Scenario(name: $0.name, overrides: $0.overrides) }), scenarios)
    }

    private static func readHost(_ top: Fields, _ reader: YAMLReader) -> Model.Host? {
        guard let host = top.fields("host", allowed: ["memory_mb", "reserved_mb", "nodes", "cost_per_month"],
                                    required: true) else { return nil }
        let memory = host.number("memory_mb", .memoryMB)
        let reserved = host.number("reserved_mb", .memoryOrZeroMB, fallback: 0)
        let nodes = host.integer("nodes", .nodes, fallback: 1)
        let cost = host.number("cost_per_month", .cost, fallback: 0)
        guard let memory, let reserved, let nodes, let cost else { return nil }
        return Model.Host(memoryMB: memory, reservedMB: reserved, nodes: nodes, costPerMonth: cost)
    }

    private static func readThresholds(_ top: Fields, _ reader: YAMLReader) -> Model.Thresholds? {
        guard let fields = top.fields("thresholds", allowed: ["warn", "critical", "risk"]) else { return Model.Thresholds() }
        let warn = fields.number("warn", .probability, percent: true, fallback: 0.75)
        let critical = fields.number("critical", .probability, percent: true, fallback: 0.85)
        let risk = fields.number("risk", .probability, percent: true, fallback: 0.01)
        guard let warn, let critical, let risk else { return nil }
        return Model.Thresholds(warn: warn, critical: critical, risk: risk)
    }

    /// An optional per-resource `thresholds: {warn, critical}`, each defaulting to the model's:
    /// `.some(nil)` when absent, nil when invalid (reported).
    private static func readLevels(_ fields: Fields, defaults: Model.Thresholds?) -> Model.Levels?? {
        guard fields.has("thresholds") else { return .some(nil) }
        guard let levels = fields.fields("thresholds", allowed: ["warn", "critical"]) else { return nil }
        let warn = levels.number("warn", .probability, percent: true, fallback: defaults?.warn ?? 0.75)
        let critical = levels.number("critical", .probability, percent: true, fallback: defaults?.critical ?? 0.85)
        guard let warn, let critical else { return nil }
        return .some(Model.Levels(warn: warn, critical: critical))
    }

    private static func readTraffic(_ top: Fields, _ reader: YAMLReader) -> Model.Traffic? {
        guard let traffic = top.fields("traffic", allowed: ["rps", "growth", "peak_factor"], required: true) else {
            return nil
        }
        let rps = traffic.number("rps", .rps)
        var growth: Model.Growth?
        if let fields = traffic.fields("growth", allowed: ["mean", "sd", "volatility"], required: true) {
            // A rate above 1 written without `%` is a percentage taken for a fraction:
            // `mean: 20` would read as 2000 %/month. Say so instead of only quoting the range.
            let percentLike = ["mean", "sd", "volatility"].filter { key in
                guard let node = fields[key], let text = node.scalar?.string, !text.contains("%"),
                      let value = Fields.parse(text), value > 1 else { return false }
                reader.report(node, fields.path(key),
                              "\(fields.path(key)) reads as \(NumberFormat.exact(value * 100)) %/month (a fraction); got \(text)",
                              hint: "did you mean `\(text)%`? (a rate is a fraction, 0.2, or a percentage, \"20%\")")
                return true
            }
            let mean = percentLike.contains("mean") ? nil : fields.number("mean", .growthRate, percent: true)
            let sd = percentLike.contains("sd") ? nil : fields.number("sd", .growthSD, percent: true, fallback: 0)
            let volatility = percentLike.contains("volatility") ? nil
                : fields.number("volatility", .growthSD, percent: true, fallback: 0)
            if let mean, let sd, let volatility { growth = Model.Growth(mean: mean, sd: sd, volatility: volatility) }
        }
        var peak: Model.MeanAndSD? = Model.MeanAndSD(mean: 1, sd: 0)
        if let node = traffic["peak_factor"] {
            let rule = NumberRule.peakFactor
            if node.mapping != nil, let fields = traffic.fields("peak_factor", allowed: ["mean", "sd"]) {
                let mean = fields.number("mean", rule)
                let sd = fields.number("sd", .peakFactorSD, fallback: 0)
                peak = mean.flatMap { mean in sd.map { Model.MeanAndSD(mean: mean, sd: $0) } }
            } else {
                peak = Fields.number(node, at: traffic.path("peak_factor"), rule, percent: false, reader: reader)
                    .map { Model.MeanAndSD(mean: $0, sd: 0) }
            }
        }
        guard let rps, let growth, let peak else { return nil }
        return Model.Traffic(rps: rps, growth: growth, peakFactor: peak)
    }

    private static func readServices(_ top: Fields, defaults: Model.Thresholds?, _ reader: YAMLReader) -> [Model.Service] {
        var services: [Model.Service] = []
        var seen: [String: String] = [:], columns: [String: String] = [:]
        for (node, path) in top.list("services", required: true, nonEmpty: true) {
            guard let fields = reader.fields(node, at: path, allowed: ["name", "memory", "limit_mb", "thresholds"])
            else { continue }
            let name = fields.string("name")
            if let name { checkUnique(name, at: fields, in: &seen, columns: &columns, reader) }
            var memory: Model.Memory?
            if let m = fields.fields("memory", allowed: ["base_mb", "per_rps_mb", "per_connection_mb", "noise"],
                                     required: true) {
                let base = m.number("base_mb", .memoryOrZeroMB)
                let perRPS = m.number("per_rps_mb", .perUnitMB, fallback: 0)
                let perConnection = m.number("per_connection_mb", .perUnitMB, fallback: 0)
                let noise = m.number("noise", .noise, percent: true, fallback: 0)
                if let base, let perRPS, let perConnection, let noise {
                    memory = Model.Memory(baseMB: base, perRPSMB: perRPS, perConnectionMB: perConnection, noise: noise)
                }
            }
            let limit = fields.has("limit_mb") ? fields.number("limit_mb", .memoryMB) : nil
            let levels = readLevels(fields, defaults: defaults)
            if fields.has("thresholds") && !fields.has("limit_mb") {
                reader.report(fields["thresholds"], fields.path("thresholds"),
                              "\(fields.path("thresholds")) needs `limit_mb`: the levels are fractions of the container limit")
            }
            if let name, let memory, let levels {
                services.append(Model.Service(name: name, memory: memory, limitMB: limit, thresholds: levels))
            }
        }
        return services
    }

    private static func readPools(_ top: Fields, services: [Model.Service], defaults: Model.Thresholds?,
                                  _ reader: YAMLReader) -> [Model.Pool] {
        var pools: [Model.Pool] = []
        var seen: [String: String] = [:], columns: [String: String] = [:]
        let allowed = ["name", "service", "size", "instances_per_node", "max_connections", "reserved_connections",
                       "queries_per_request", "hold_ms", "timeout_ms", "thresholds", "server", "pgbouncer"]
        for (node, path) in top.list("pools") {
            guard let fields = reader.fields(node, at: path, allowed: allowed) else { continue }
            let name = fields.string("name")
            if let name { checkUnique(name, at: fields, in: &seen, columns: &columns, reader) }
            let service = fields.string("service")
            if let service, !services.isEmpty, !services.contains(where: { $0.name == service }) {
                reader.report(fields["service"], fields.path("service"),
                              "\(fields.path("service")) names no service; got \(YAMLReader.shown(service))",
                              hint: YAMLReader.suggestion(for: service, among: services.map(\.name))
                                .replacingOccurrences(of: "allowed keys", with: "services are"))
            }
            let size = fields.integer("size", .poolSize)
            let instances = fields.integer("instances_per_node", .instancesPerNode, fallback: 1)
            let maxConnections = fields.integer("max_connections", .maxConnections)
            let reserved = fields.integer("reserved_connections", .reservedConnections, fallback: 3)
            let queries = fields.number("queries_per_request", .queriesPerRequest, fallback: 1)
            let hold = fields.number("hold_ms", .holdMS)
            let timeout = fields.number("timeout_ms", .timeoutMS, fallback: 30_000)
            let levels = readLevels(fields, defaults: defaults)
            let server = fields.has("server") ? fields.string("server") : nil
            let pgbouncer = readPgBouncer(fields)
            if let name, let service, let size, let instances, let maxConnections, let reserved, let queries,
               let hold, let timeout, let levels, fields.has("server") == (server != nil), let pgbouncer {
                pools.append(Model.Pool(name: name, service: service, size: size, instancesPerNode: instances,
                                        maxConnections: maxConnections, reservedConnections: reserved,
                                        queriesPerRequest: queries, holdMS: hold, timeoutMS: timeout, thresholds: levels,
                                        server: server, pgbouncer: pgbouncer))
            }
        }
        return pools
    }

    /// A pool's optional `pgbouncer: {pool_size, max_client_conn}`: `.some(nil)` when
    /// absent, nil when invalid (reported). ``ModelRules`` checks pool_size against the server.
    private static func readPgBouncer(_ pool: Fields) -> Model.PgBouncer?? {
        guard pool.has("pgbouncer") else { return .some(nil) }
        guard let fields = pool.fields("pgbouncer", allowed: ["pool_size", "max_client_conn"]) else { return nil }
        let size = fields.integer("pool_size", .poolSize)
        let clients = fields.integer("max_client_conn", .clientConnections, fallback: 100)
        guard let size, let clients else { return nil }
        return .some(Model.PgBouncer(poolSize: size, maxClientConnections: clients))
    }

    private static func readDeployment(_ fields: Fields, _ reader: YAMLReader) -> Model.Deployment {
        let deploys = fields.number("deploys_per_month", .deploysPerMonth, fallback: 0) ?? 0
        var stages: [Model.Stage] = []
        var seen: [String: String] = [:]
        let allowed = ["name", "phase", "failure_rate", "failures", "runs", "retries", "retryable", "duration_minutes"]
        for (node, path) in fields.list("stages", required: true, nonEmpty: true) {
            guard let stage = reader.fields(node, at: path, allowed: allowed) else { continue }
            let name = stage.string("name")
            if let name { checkUnique(name, at: stage, in: &seen, reader) }
            let failure = readFailureEvidence(stage, reader)
            let retries = stage.integer("retries", .retries, fallback: 0)
            let retryable = stage.number("retryable", .probability, percent: true, fallback: 1)
            let duration = readMeanAndSD(stage, "duration_minutes", reader)
            let phase = readPhase(stage, after: stages.last?.phase, reader)
            if let name, let failure, let retries, let retryable, let duration, let phase {
                stages.append(Model.Stage(name: name, failure: failure, retries: retries, retryable: retryable,
                                          durationMinutes: duration, phase: phase))
            }
        }
        var rollback = Model.Rollback()
        if let fields = fields.fields("rollback", allowed: ["success_rate", "duration_minutes"]) {
            rollback.successRate = fields.number("success_rate", .probability, percent: true, fallback: 1) ?? 1
            rollback.durationMinutes = readMeanAndSD(fields, "duration_minutes", reader) ?? nil
        }
        return Model.Deployment(deploysPerMonth: deploys, stages: stages, rollback: rollback)
    }

    /// `phase: pre-release | release | post-release` (default `release`), in
    /// phase order: a stage's phase may not come before the previous stage's.
    private static func readPhase(_ stage: Fields, after previous: Model.Phase?, _ reader: YAMLReader) -> Model.Phase? {
        guard let text = stage.string("phase", fallback: Model.Phase.release.rawValue) else { return nil }
        let names = Model.Phase.allCases.map(\.rawValue)
        guard let phase = Model.Phase(rawValue: text) else {
            reader.report(stage["phase"], stage.path("phase"),
                          "\(stage.path("phase")) must be \(names.map { "`\($0)`" }.joined(separator: ", ")); got \(YAMLReader.shown(text))",
                          hint: YAMLReader.suggestion(for: text, among: names).replacingOccurrences(of: "allowed keys", with: "phases"))
            return nil
        }
        if let previous, let order = names.firstIndex(of: phase.rawValue), order < names.firstIndex(of: previous.rawValue)! {
            reader.report(stage["phase"], stage.path("phase"),
                          "\(stage.path("phase")) is \(phase.rawValue) but follows a \(previous.rawValue) stage",
                          hint: "list stages in phase order: pre-release, release, post-release")
            return nil
        }
        return phase
    }

    /// `failure_rate`, or `failures` with `runs` (failures ≤ runs) — exactly one of the two forms.
    private static func readFailureEvidence(_ stage: Fields, _ reader: YAMLReader) -> Model.FailureEvidence? {
        let hasRate = stage.has("failure_rate")
        let hasCounts = stage.has("failures") || stage.has("runs")
        switch (hasRate, hasCounts) {
        case (true, true):
            reader.report(stage["failure_rate"], stage.path("failure_rate"),
                          "\(stage.path).failure_rate and failures/runs are both given",
                          hint: "give either `failure_rate` or `failures` with `runs`")
            return nil
        case (false, false):
            reader.report(stage.node, stage.path("failure_rate"), "\(stage.path) is missing `failure_rate`",
                          hint: "give `failure_rate: 2%` or counts `failures: 2, runs: 100`")
            return nil
        case (true, false):
            return stage.number("failure_rate", .probability, percent: true).map { .rate($0) }
        case (false, true):
            let failures = stage.integer("failures", .failures)
            let runs = stage.integer("runs", .runs)
            guard let failures, let runs else { return nil }
            guard failures <= runs else {
                reader.report(stage["failures"], stage.path("failures"),
                              "\(stage.path("failures")) must be ≤ runs (\(runs)); got \(failures)")
                return nil
            }
            return .counts(failures: failures, runs: runs)
        }
    }

    /// An optional duration `{mean, sd}` in minutes (``NumberRule/durationMeanMinutes``, ``NumberRule/durationSDMinutes``): `.some(nil)` when absent,
    /// nil when invalid (reported).
    private static func readMeanAndSD(_ fields: Fields, _ key: String, _ reader: YAMLReader) -> Model.MeanAndSD?? {
        guard fields.has(key) else { return .some(nil) }
        guard let inner = fields.fields(key, allowed: ["mean", "sd"]) else { return nil }
        let mean = inner.number("mean", .durationMeanMinutes)
        let sd = inner.number("sd", .durationSDMinutes, fallback: 0)
        guard let mean, let sd else { return nil }
        return .some(Model.MeanAndSD(mean: mean, sd: sd))
    }

    private static func readAvailability(_ fields: Fields, _ reader: YAMLReader) -> Model.Availability {
        let target = fields.number("target", .probability, percent: true) ?? 0
        var components: [Model.Component] = []
        var seen: [String: String] = [:]
        let allowed = ["name", "availability", "mtbf_hours", "mttr_minutes", "replicas", "required",
                       "critical_path", "failover"]
        for (node, path) in fields.list("components", required: true, nonEmpty: true) {
            guard let component = reader.fields(node, at: path, allowed: allowed) else { continue }
            let name = component.string("name")
            if let name { checkUnique(name, at: component, in: &seen, reader) }
            var reliability: Model.Reliability?
            let hasRepair = component.has("mtbf_hours") || component.has("mttr_minutes")
            if component.has("availability") && hasRepair {
                reader.report(component["availability"], component.path("availability"),
                              "\(path).availability and mtbf_hours/mttr_minutes are both given",
                              hint: "give either `availability` or `mtbf_hours` with `mttr_minutes`")
            } else if component.has("availability") {
                reliability = component.number("availability", .probability, percent: true).map { .availability($0) }
            } else if hasRepair {
                let mtbf = component.number("mtbf_hours", .mtbfHours)
                let mttr = component.number("mttr_minutes", .mttrMinutes)
                if let mtbf, let mttr { reliability = .failureAndRepair(mtbfHours: mtbf, mttrMinutes: mttr) }
            } else {
                reader.report(component.node, component.path("availability"), "\(path) is missing `availability`",
                              hint: "give `availability: 99.9%` or `mtbf_hours` with `mttr_minutes`")
            }
            let replicas = component.integer("replicas", .replicas, fallback: 1)
            let required = component.integer("required", .replicas, fallback: 1)
            if let replicas, let required, required > replicas {
                reader.report(component["required"], component.path("required"),
                              "\(component.path("required")) must be ≤ replicas (\(replicas)); got \(required)",
                              hint: "k-of-n needs k ≤ n")
            }
            let critical = component.bool("critical_path", fallback: true)
            var failover: Double??  = .some(nil)
            if let fields = component.fields("failover", allowed: ["success_rate"]) {
                failover = fields.number("success_rate", .probability, percent: true).map { .some($0) }
            }
            if let name, let reliability, let replicas, let required, required <= replicas, let critical,
               let failover {
                components.append(Model.Component(name: name, reliability: reliability, replicas: replicas,
                                                  required: required, criticalPath: critical,
                                                  failoverSuccessRate: failover))
            }
        }
        return Model.Availability(target: target, components: components)
    }

    /// `scaling`: a default lead time, `allow_overcommit`, and options of five kinds, each with the keys its kind needs:
    /// vertical `memory_mb` and `cost_per_month` (a node size); horizontal optional `memory_mb` and `cost_per_month`
    /// (equal to the host's when given: nodes are alike) and `max_nodes`; limit `service` and `limit_mb` (MB or `auto`);
    /// pool `pool` and `size`; connections `server` and `max_connections`, or `pool` and `pgbouncer`; any `lead_time_days`.
    /// The most infrastructure states (node sizes × node counts × sets of connection options) a plan searches.
    static let maximumPlanStates = 512

    private static func readScaling(_ fields: Fields, host: Model.Host?, services: [Model.Service], pools: [Model.Pool],
                                    _ reader: YAMLReader) -> Model.Scaling {
        let lead = fields.number("lead_time_days", .leadTimeDays) ?? 0
        let overcommit = fields.bool("allow_overcommit", fallback: false) ?? false
        var options: [Model.ScalingOption] = []
        var seen: [String: String] = [:]
        var horizontal: String?
        let kinds = Model.ScalingOption.Kind.allCases.map { "`\($0.rawValue)`" }
        for (node, path) in fields.list("options", required: true, nonEmpty: true) {
            guard let option = reader.fields(node, at: path, allowed: ["name", "kind", "memory_mb", "cost_per_month",
                                                                       "lead_time_days", "service", "limit_mb",
                                                                       "pool", "size", "max_nodes", "server",
                                                                       "max_connections", "pgbouncer"])
            else { continue }
            let name = option.string("name")
            if let name { checkUnique(name, at: option, in: &seen, reader) }
            var kind: Model.ScalingOption.Kind?
            if let text = option.string("kind") {
                kind = Model.ScalingOption.Kind(rawValue: text)
                if kind == nil {
                    reader.report(option["kind"], option.path("kind"),
                                  "\(option.path("kind")) must be one of \(kinds.joined(separator: ", ")); got \(YAMLReader.shown(text))")
                }
            }
            let optionLead = option.has("lead_time_days") ? option.number("lead_time_days", .leadTimeDays) : nil
            guard let name, let kind else { continue }
            /// Reports a key this kind does not take.
            func refuse(_ keys: [String]) {
                for key in keys where option.has(key) {
                    reader.report(option[key], option.path(key), "\(option.path(key)) does not apply to a `\(kind.rawValue)` option",
                                  hint: "remove it, or choose the kind it belongs to")
                }
            }
            /// The pool named by `pool`, reported when it names none.
            func namedPool() -> Model.Pool? {
                guard let pool = option.string("pool", hint: "name the pool") else { return nil }
                guard let found = pools.first(where: { $0.name == pool }) else {
                    reader.report(option["pool"], option.path("pool"), "\(option.path("pool")) names no pool; got \(pool)",
                                  hint: YAMLReader.suggestion(for: pool, among: pools.map(\.name))
                                    .replacingOccurrences(of: "allowed keys", with: "pools are"))
                    return nil
                }
                return found
            }
            switch kind {
            case .vertical:
                refuse(["service", "limit_mb", "pool", "size", "max_nodes", "server", "max_connections", "pgbouncer"])
                let memory = option.number("memory_mb", .memoryMB)
                let cost = option.number("cost_per_month", .cost)
                if let memory, let cost {
                    options.append(Model.ScalingOption(name: name, kind: kind, memoryMB: memory, costPerMonth: cost,
                                                       leadTimeDays: optionLead))
                }
            case .horizontal:
                refuse(["service", "limit_mb", "pool", "size", "server", "max_connections", "pgbouncer"])
                if let first = horizontal {
                    reader.report(option.node, path, "\(path) is a second `horizontal` option (the first is `\(first)`)",
                                  hint: "nodes are alike: one horizontal option adds a node of the size in force, up to its max_nodes")
                }
                horizontal = name
                // Nodes are alike: a new node has the size and per-node cost in force (the vertical options are the sizes).
                for (key, expected, unit) in [("memory_mb", host?.memoryMB, " MB"), ("cost_per_month", host?.costPerMonth, "")] {
                    if option.has(key), let value = option.number(key, key == "memory_mb" ? .memoryMB : .cost),
                       let expected, value != expected {
                        reader.report(option[key], option.path(key),
                                      "\(option.path(key)) must equal host.\(key) (\(NumberFormat.exact(expected))\(unit)) when given; got \(NumberFormat.exact(value))",
                                      hint: "nodes are alike: a new node has the size and per-node cost in force; "
                                        + "give larger sizes as `vertical` options, or leave the key out")
                    }
                }
                let nodes = host?.nodes ?? 1
                let maxNodes = option.integer("max_nodes", .nodes, fallback: min(nodes + 3, 1_000))
                if let maxNodes, maxNodes <= nodes {
                    reader.report(option["max_nodes"] ?? option.node, option.has("max_nodes") ? option.path("max_nodes") : path,
                                  option.has("max_nodes")
                                    ? "\(option.path("max_nodes")) must be > host.nodes (\(nodes)); got \(maxNodes)"
                                    : "\(path) adds nodes, but host.nodes is already \(nodes), the most",
                                  hint: "the option adds nodes up to max_nodes")
                }
                if let host, let maxNodes, maxNodes > nodes {
                    options.append(Model.ScalingOption(name: name, kind: kind, memoryMB: host.memoryMB, costPerMonth: host.costPerMonth,
                                                       leadTimeDays: optionLead, maxNodes: maxNodes))
                }
            case .limit:
                refuse(["memory_mb", "pool", "size", "max_nodes", "server", "max_connections", "pgbouncer"])
                let cost = option.number("cost_per_month", .cost, fallback: 0)
                let service = option.string("service", hint: "name the service whose limit_mb changes")
                if let service, !services.contains(where: { $0.name == service && $0.limitMB != nil }) {
                    let limited = services.filter { $0.limitMB != nil }.map(\.name)
                    reader.report(option["service"], option.path("service"),
                                  "\(option.path("service")) must name a service with a limit_mb; got \(service)",
                                  hint: YAMLReader.suggestion(for: service, among: limited)
                                    .replacingOccurrences(of: "allowed keys", with: "services with a limit are"))
                }
                var target: Model.ScalingOption.LimitTarget?
                if let node = option.value("limit_mb", required: true, hint: "a number of MB, or `auto` (what the forecast says it needs)") {
                    if node.scalar?.string == "auto" {
                        target = .auto
                    } else if let value = Fields.number(node, at: option.path("limit_mb"), .memoryMB, percent: false, reader: reader) {
                        target = .megabytes(value)
                        if let base = services.first(where: { $0.name == service })?.memory.baseMB, value <= base {
                            reader.report(node, option.path("limit_mb"),
                                          "\(option.path("limit_mb")) must be > memory.base_mb of `\(service ?? "")` (\(NumberFormat.exact(base))); got \(NumberFormat.exact(value))",
                                          hint: "the container could not start")
                        }
                    }
                }
                if let service, let target, let cost {
                    options.append(Model.ScalingOption(name: name, kind: kind, costPerMonth: cost, leadTimeDays: optionLead,
                                                       service: service, limit: target))
                }
            case .pool:
                refuse(["memory_mb", "service", "limit_mb", "max_nodes", "server", "max_connections", "pgbouncer"])
                let cost = option.number("cost_per_month", .cost, fallback: 0)
                let pool = namedPool()
                let size = option.integer("size", .poolSize)
                if let pool, let size, let cost {
                    options.append(Model.ScalingOption(name: name, kind: kind, costPerMonth: cost, leadTimeDays: optionLead,
                                                       pool: pool.name, size: size))
                }
            case .connections:
                refuse(["memory_mb", "service", "limit_mb", "size", "max_nodes"])
                let cost = option.number("cost_per_month", .cost, fallback: 0)
                if option.has("pgbouncer") {
                    refuse(["server", "max_connections"])
                    let pool = namedPool()
                    var bouncer: Model.PgBouncer?
                    if let fields = option.fields("pgbouncer", allowed: ["pool_size", "max_client_conn"]) {
                        let size = fields.integer("pool_size", .poolSize, fallback: 10_000)
                        let clients = fields.integer("max_client_conn", .clientConnections, fallback: 100)
                        if let size, let clients { bouncer = Model.PgBouncer(poolSize: size, maxClientConnections: clients) }
                    }
                    if let pool, pool.pgbouncer != nil {
                        reader.report(option["pgbouncer"], option.path("pgbouncer"),
                                      "\(option.path("pgbouncer")) puts a PgBouncer in front of pool `\(pool.name)`, which has one already",
                                      hint: "raise the server's max_connections instead (`server:` and `max_connections:`)")
                    } else if let pool, let bouncer, let cost {
                        options.append(Model.ScalingOption(name: name, kind: kind, costPerMonth: cost, leadTimeDays: optionLead,
                                                           pool: pool.name, pgbouncer: bouncer))
                    }
                } else {
                    refuse(["pool"])
                    let servers = pools.map(\.serverName)
                    let server = option.string("server", hint: "name the database server (a pool's `server`, or its name), "
                                                + "or give `pool` and `pgbouncer: {pool_size}`")
                    if let server, !servers.contains(server) {
                        reader.report(option["server"], option.path("server"), "\(option.path("server")) names no database server; got \(server)",
                                      hint: YAMLReader.suggestion(for: server, among: servers)
                                        .replacingOccurrences(of: "allowed keys", with: "servers are"))
                    }
                    let connections = option.integer("max_connections", .maxConnections)
                    if let server, let current = pools.first(where: { $0.serverName == server }), let connections,
                       connections <= current.maxConnections {
                        reader.report(option["max_connections"], option.path("max_connections"),
                                      "\(option.path("max_connections")) must be > the server's max_connections (\(current.maxConnections)); got \(connections)",
                                      hint: "the option raises it")
                    } else if let server, servers.contains(server), let connections, let cost {
                        options.append(Model.ScalingOption(name: name, kind: kind, costPerMonth: cost, leadTimeDays: optionLead,
                                                           server: server, maxConnections: connections))
                    }
                }
            }
        }
        // The plan searches every node size × node count × set of connection options: keep that bounded.
        let sizes = 1 + options.filter { $0.kind == .vertical && $0.memoryMB > (host?.memoryMB ?? 0) }.count
        let counts = (options.first { $0.kind == .horizontal }?.maxNodes).map { $0 - (host?.nodes ?? 1) + 1 } ?? 1
        let connections = options.filter { $0.kind == .connections }.count
        let states = connections > 20 ? Int.max : sizes * counts << connections
        if states > maximumPlanStates {
            reader.report(fields["options"], fields.path("options"),
                          "\(fields.path("options")) give the plan \(states == Int.max ? "more than 10⁶" : NumberFormat.grouped(states)) "
                            + "infrastructure states to search (\(sizes) node sizes × \(counts) node counts × 2^\(connections) "
                            + "sets of connection options); at most \(NumberFormat.grouped(maximumPlanStates))",
                          hint: "fewer vertical or connections options, or a smaller max_nodes")
        }
        return Model.Scaling(leadTimeDays: lead, options: options, allowOvercommit: overcommit)
    }

    private static func readCorrelations(_ fields: Fields, services: [Model.Service],
                                         _ reader: YAMLReader) -> Model.Correlations? {
        let known = ["growth", "peak_factor"] + services.map { "\($0.name).noise" }
        var inputs: [String] = []
        var valid = true
        for (node, path) in fields.list("inputs", required: true, nonEmpty: true) {
            let name = node.scalar?.string ?? ""
            if !known.contains(name) {
                reader.report(node, path, "\(path) names no random input; got \(YAMLReader.describe(node))",
                              hint: YAMLReader.suggestion(for: name, among: known)
                                .replacingOccurrences(of: "allowed keys", with: "inputs are"))
                valid = false
            } else if inputs.contains(name) {
                reader.report(node, path, "\(path) repeats input `\(name)`")
                valid = false
            }
            inputs.append(name)
        }
        let rows = fields.list("matrix", required: true)
        guard valid, !inputs.isEmpty else { return nil }
        let n = inputs.count
        if !rows.isEmpty && rows.count != n {
            reader.report(fields["matrix"], fields.path("matrix"),
                          "\(fields.path("matrix")) must have \(n) rows, one per input; got \(rows.count)")
            return nil
        }
        var matrix: [Double] = []
        for (row, (node, path)) in rows.enumerated() {
            guard let entries = node.sequence, entries.count == n else {
                reader.report(node, path, "\(path) must be a list of \(n) numbers; got \(YAMLReader.describe(node))")
                return nil
            }
            for (column, entry) in entries.enumerated() {
                let entryPath = "\(path)[\(column)]"
                guard let value = Fields.number(entry, at: entryPath, .correlation, percent: false, reader: reader)
                else { valid = false; matrix.append(0); continue }
                if row == column && value != 1 {
                    reader.report(entry, entryPath, "\(entryPath) is on the diagonal and must be 1; got \(NumberFormat.exact(value))")
                    valid = false
                }
                matrix.append(value)
            }
        }
        guard valid, matrix.count == n * n else { return nil }
        for row in 0..<n {
            for column in (row + 1)..<n where matrix[row * n + column] != matrix[column * n + row] {
                reader.report(rows[column].node, "\(fields.path("matrix"))[\(column)][\(row)]",
                              "correlation matrix must be symmetric: [\(row)][\(column)] = \(NumberFormat.exact(matrix[row * n + column])) but [\(column)][\(row)] = \(NumberFormat.exact(matrix[column * n + row]))")
                valid = false
            }
        }
        guard valid else { return nil }
        let correlations = Model.Correlations(inputs: inputs, matrix: matrix)
        checkSemiDefinite(correlations, at: fields, reader)
        return correlations
    }

    /// A correlation matrix must be positive semi-definite; if not, say so and
    /// suggest the nearest valid one.
    private static func checkSemiDefinite(_ correlations: Model.Correlations, at fields: Fields,
                                          _ reader: YAMLReader) {
        let n = correlations.inputs.count
        guard let smallest = try? correlations.smallestEigenvalue(), smallest < -1e-12 * Double(n),
              let nearest = try? correlations.nearestValid() else { return }
        let rows = (0..<n).map { i in "[" + (0..<n).map { NumberFormat.exact(nearest[i * n + $0]) }.joined(separator: ", ") + "]" }
        reader.report(fields["matrix"], fields.path("matrix"),
                      "correlations.matrix over (\(correlations.inputs.joined(separator: ", "))) is not positive semi-definite "
                        + "(smallest eigenvalue \(String(format: "%.4g", smallest))): no random inputs can have these correlations",
                      hint: "the nearest valid matrix is [\(rows.joined(separator: ", "))]")
    }

    // MARK: - Helpers

    /// Services and pools name CSV columns and JSON keys (`<name>_memory_p90_mb`):
    /// two names that normalise to the same column (`API V2`, `api-v2`, `api_v2`)
    /// would give a CSV with repeated columns, so they are refused too.
    private static func checkUnique(_ name: String, at fields: Fields, in seen: inout [String: String],
                                    columns: inout [String: String], _ reader: YAMLReader) {
        let column = ForecastWriter.columnName(name)
        if seen[name] == nil, let first = columns[column] {
            reader.report(fields["name"], fields.path("name"),
                          "\(fields.path("name")) `\(YAMLReader.shown(name))` gives the same column name `\(column)` as \(first)",
                          hint: "CSV columns and JSON keys use lowercase letters, digits and `_`; rename one of them")
        } else if seen[name] == nil {
            columns[column] = "\(fields.path) `\(YAMLReader.shown(name))`"
        }
        checkUnique(name, at: fields, in: &seen, reader)
    }

    private static func checkUnique(_ name: String, at fields: Fields, in seen: inout [String: String],
                                    _ reader: YAMLReader) {
        if let first = seen[name] {
            reader.report(fields["name"], fields.path("name"),
                          "\(fields.path("name")) repeats the name `\(YAMLReader.shown(name))` of \(first)", hint: "names must be unique")
        } else {
            seen[name] = fields.path
        }
    }
}
