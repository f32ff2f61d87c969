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
                          "pools", "workers", "deployment", "availability", "scaling", "correlations", "calibration", "scenarios"]

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
        let (workers, workerNames) = readWorkers(top, services: services, reader)
        let pools = readPools(top, services: services, workers: workers, workerNames: workerNames, defaults: thresholds, reader)
        let deployment = top.fields("deployment", allowed: ["deploys_per_month", "stages", "rollback"])
            .map { readDeployment($0, reader) }
        let availability = top.fields("availability", allowed: ["target", "components"])
            .map { readAvailability($0, reader) }
        let scaling = top.fields("scaling", allowed: ["lead_time_days", "allow_overcommit", "options"])
            .map { readScaling($0, host: host, services: services, pools: pools, workers: workers, workerNames: workerNames, reader) }
        let correlations = top.fields("correlations", allowed: ["inputs", "matrix"])
            .flatMap { readCorrelations($0, services: services, reader) }
        if let calibration = top.fields("calibration", allowed: calibrationKeys) { checkCalibration(calibration, reader) }
        let scenarios = readScenarios(top, reader)

        guard reader.diagnostics.isEmpty, let name, let start, let host, let thresholds, let traffic else {
            return (nil, scenarios)
        }
        return (Model(version: 1, name: name, start: start, host: host, thresholds: thresholds, traffic: traffic,
                      services: services, pools: pools, workers: workers, deployment: deployment, availability: availability,
                      scaling: scaling, correlations: correlations,
                      scenarios: scenarios.map { Model.Scenario(name: $0.name, overrides: $0.overrides) }), scenarios)
    }
}
