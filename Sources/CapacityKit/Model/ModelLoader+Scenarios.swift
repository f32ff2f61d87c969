import Yams

/// One scenario as the file writes it: its name (where its problems are
/// located when they concern no entry of its own) and its entries.
struct ScenarioSource {
    var name: String
    var anchor: Node
    var entries: [(keyPath: String, key: Node, value: Node)]

    var overrides: [ModelOverride] {
        entries.map { ModelOverride(keyPath: $0.keyPath, value: OverrideTree.text(of: $0.value), origin: .scenario(name)) }
    }
}

extension ModelLoader {
    /// The name the model itself goes by in a comparison: no scenario may take it.
    public static let baseScenarioName = "base"

    /// "did you mean `growth 30 %`?" for the closest of `names`, else the list of them.
    public static func suggestion(for name: String, among names: [String]) -> String {
        YAMLReader.suggestion(for: name, among: names).replacingOccurrences(of: "allowed keys", with: "scenarios are")
    }

    /// `scenarios:` — a mapping of names to mappings of key path → value:
    ///
    ///     scenarios:
    ///       fast growth: {traffic.growth.mean: 30%}
    ///       two nodes:
    ///         host.nodes: 2
    ///
    /// Checked here: the shapes, the names (unique, not `base`, distinct as CSV
    /// columns) and that each key is a key path; what the values do to the
    /// model is checked by ``resolve(_:in:file:base:firstTag:root:)``.
    static func readScenarios(_ top: Fields, _ reader: YAMLReader) -> [ScenarioSource] {
        guard let node = top.value("scenarios", required: false) else { return [] }
        guard let mapping = node.mapping else {
            reader.report(node, "scenarios", "scenarios must be a mapping of names to overrides; got \(YAMLReader.describe(node))",
                          hint: "for example `scenarios: {fast growth: {traffic.growth.mean: 30%}}`")
            return []
        }
        if mapping.count > NumberRule.maximumListLength {
            reader.report(node, "scenarios", "scenarios must hold at most \(NumberRule.maximumListLength) entries; got \(mapping.count)")
            return []
        }
        var sources: [ScenarioSource] = []
        var columns: [String: String] = [:]
        for (nameNode, value) in mapping {
            let name = nameNode.scalar?.string.trimmingCharacters(in: .whitespaces) ?? ""
            let path = "scenarios.\(name)"
            guard !name.isEmpty else {
                reader.report(nameNode, "scenarios", "a scenario's name must be non-empty text; got \(YAMLReader.describe(nameNode))")
                continue
            }
            if name == baseScenarioName {
                reader.report(nameNode, path, "scenario name `\(baseScenarioName)` is the model as it is",
                              hint: "choose another name")
                continue
            }
            let column = ColumnName.of(name)
            if let first = columns[column] {
                reader.report(nameNode, path, "scenario `\(YAMLReader.shown(name))` gives the same column name `\(column)` as `\(first)`",
                              hint: "CSV columns and JSON keys use lowercase letters, digits and `_`; rename one of them")
                continue
            }
            columns[column] = YAMLReader.shown(name)
            guard let overrides = value.mapping, !overrides.isEmpty else {
                reader.report(value, path, "\(path) must be a mapping of key paths to values; got "
                                + (value.mapping != nil ? "an empty one" : YAMLReader.describe(value)),
                              hint: "for example `\(name): {traffic.growth.mean: 30%}`")
                continue
            }
            var entries: [(keyPath: String, key: Node, value: Node)] = []
            for (keyNode, entry) in overrides {
                let keyPath = keyNode.scalar?.string ?? ""
                if OverrideTree.steps(keyPath) == nil {
                    reader.report(keyNode, path, "\(path): `\(YAMLReader.shown(keyPath))` is not a key path",
                                  hint: "keys joined by `.`, list items by name: traffic.growth.mean, services.api.limit_mb")
                } else if keyPath.hasPrefix("scenarios") {
                    reader.report(keyNode, path, "\(path): a scenario cannot change `scenarios`")
                } else {
                    entries.append((keyPath, keyNode, entry))
                }
            }
            if entries.count == overrides.count {
                sources.append(ScenarioSource(name: name, anchor: nameNode, entries: entries))
            }
        }
        return sources
    }

    /// Each scenario as a model: `tree` (the file with the command line's overrides)
    /// with the scenario's entries on top, read and checked like the file. Errors are
    /// located at the entry that brings the value, or at the scenario's name, and
    /// thrown together; a scenario whose entries are only wrong with the command
    /// line's overrides is a command-line error.
    static func resolve(_ sources: [ScenarioSource], in tree: Node, file: String, base: [ModelOverride],
                        firstTag: Int, root: Node) throws -> [ModelScenario] {
        var diagnostics: [Diagnostic] = []
        var scenarios: [ModelScenario] = []
        var tag = firstTag
        for source in sources {
            var patched = tree
            var applied: [ModelOverride] = []
            var tags: Set<Int> = []
            let reader = YAMLReader(file: file)
            for (entry, override) in zip(source.entries, source.overrides) {
                do {
                    let (next, previous) = try OverrideTree.set(entry.value, at: entry.keyPath, in: patched,
                                                                tag: OverrideTree.tag(tag), mark: entry.key.mark)
                    patched = next
                    var override = override
                    override.previous = previous.map(OverrideTree.text(of:))
                    applied.append(override)
                    tags.insert(tag)
                } catch {
                    reader.report(entry.key, "scenarios.\(source.name)",
                                  "scenario `\(YAMLReader.shown(source.name))`: \(error.message)", hint: error.hint)
                }
                tag += 1
            }
            guard reader.diagnostics.isEmpty else {
                diagnostics += reader.diagnostics
                continue
            }
            let checked = check(patched, file: file, today: nil, scenario: (source.name, tags, source.anchor))
            let errors = checked.diagnostics.filter { $0.severity == .error }
            if let model = checked.model, errors.isEmpty {
                scenarios.append(ModelScenario(name: source.name,
                                               model: ValidatedModel(checked: model, findings: checked.diagnostics, overrides: base + applied)))
            } else {
                diagnostics += errors
            }
        }
        guard diagnostics.isEmpty else {
            let sorted = diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
            if !base.isEmpty, (try? resolve(sources, in: root, file: file, base: [], firstTag: firstTag, root: root)) != nil {
                throw ModelError(diagnostics: sorted.map { error in
                    var moved = error
                    moved.message += " (with " + base.map { "--set \($0)" }.joined(separator: " ") + ")"
                    return moved
                }, fromCommandLine: true)
            }
            throw ModelError(diagnostics: sorted)
        }
        return scenarios
    }
}
