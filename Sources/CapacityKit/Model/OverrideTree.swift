import Yams

/// Puts an override's value into a composed YAML tree, before the model is read.
///
/// The key path is walked from the root: a mapping by its key (a key the file
/// does not have is added, with mappings for the steps below it), a list by an
/// item's `name` (names may hold dots and spaces: the longest run of steps
/// that names an item wins) or by `[index]`. Every node the override brings —
/// the value and the keys it adds — is tagged `tag:capacity.override:<n>`, so
/// ``YAMLReader`` can say which override a problem comes from.
enum OverrideTree {
    static let tagPrefix = "tag:capacity.override:"

    /// The tag of the nodes override number `index` brings.
    static func tag(_ index: Int) -> Tag { Tag(Tag.Name(rawValue: "\(tagPrefix)\(index)")) }

    /// The number of the override that brought `node`, or nil for the file's own nodes.
    static func origin(of node: Node?) -> Int? {
        guard let node, case let name = node.tag.description, name.hasPrefix(tagPrefix) else { return nil }
        return Int(name.dropFirst(tagPrefix.count))
    }

    /// Why a key path leads nowhere.
    struct Problem: Error, Equatable {
        var message: String
        var hint: String?
    }

    /// One step of a key path: a mapping key (or part of a list item's name), or a list index.
    enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    /// `services.api.limit_mb` → key services, key api, key limit_mb; `services[0].limit_mb` →
    /// key services, index 0, key limit_mb. Nil for an empty step (`a..b`) or a malformed index.
    static func steps(_ keyPath: String) -> [Step]? {
        var steps: [Step] = []
        for part in keyPath.split(separator: ".", omittingEmptySubsequences: false) {
            var text = Substring(part)
            var indices: [Int] = []
            while text.hasSuffix("]"), let open = text.lastIndex(of: "[") {
                guard let index = Int(text[text.index(after: open)..<text.index(before: text.endIndex)]), index >= 0
                else { return nil }
                indices.insert(index, at: 0)
                text = text[..<open]
            }
            let key = text.trimmingCharacters(in: .whitespaces)
            if key.isEmpty && indices.isEmpty { return nil }
            if !key.isEmpty { steps.append(.key(key)) }
            steps += indices.map(Step.index)
        }
        return steps.isEmpty ? nil : steps
    }

    /// `root` with `value` (tagged with `tag`, marks kept) at `keyPath`, and the node that was there.
    /// Keys and mappings the override adds get `mark` (a scenario entry's place in the file).
    static func set(_ value: Node, at keyPath: String, in root: Node, tag: Tag,
                    mark: Mark? = nil) throws(Problem) -> (root: Node, previous: Node?) {
        guard let steps = steps(keyPath) else {
            throw Problem(message: "`\(keyPath)` is not a key path", hint: "keys joined by `.`, e.g. traffic.growth.mean or services.api.limit_mb")
        }
        if case .key(let first) = steps[0], first == "scenarios" {
            throw Problem(message: "overrides cannot change `scenarios`", hint: "edit the scenarios in the model file")
        }
        if steps.count > 2, steps.last == .key("name") {
            // A list item's name is how overrides, scenarios and random streams find it.
            throw Problem(message: "overrides cannot rename a list item", hint: "edit the name in the model file")
        }
        return try set(retagged(value, tag), steps: steps[...], in: root, path: "", tag: tag, mark: mark)
    }

    private static func set(_ value: Node, steps: ArraySlice<Step>, in node: Node, path: String,
                            tag: Tag, mark: Mark?) throws(Problem) -> (root: Node, previous: Node?) {
        guard let step = steps.first else { return (value, node) }
        let rest = steps.dropFirst()
        switch node {
        case .mapping(var mapping):
            guard case .key(let key) = step else {
                throw Problem(message: "`\(shown(path))` is a mapping, not a list; [n] picks a list item",
                              hint: "name a key: \(keys(of: mapping))")
            }
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            if let index = mapping.firstIndex(where: { $0.key.scalar?.string == key }) {
                let (child, previous) = try set(value, steps: rest, in: mapping[index].value, path: childPath, tag: tag,
                                                mark: mark)
                mapping[index] = (key: mapping[index].key, value: child)
                return (.mapping(mapping), previous)
            }
            // A key the file does not give: added, with a mapping for each step below it.
            let child = rest.isEmpty ? value
                : try set(value, steps: rest, in: .mapping(Node.Mapping([], tag, .any, mark)), path: childPath, tag: tag,
                          mark: mark).root
            let pairs = Array(mapping).map { ($0.key, $0.value) } + [(Node.scalar(Node.Scalar(key, tag, .any, mark)), child)]
            return (.mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark)), nil)
        case .sequence(var sequence):
            let items = Array(sequence)
            switch step {
            case .index(let index):
                guard index < items.count else {
                    throw Problem(message: "`\(shown(path))` has \(items.count) item\(items.count == 1 ? "" : "s"); got [\(index)]",
                                  hint: "items are numbered from 0")
                }
                let (child, previous) = try set(value, steps: rest, in: items[index], path: "\(path)[\(index)]", tag: tag,
                                                mark: mark)
                sequence[sequence.index(sequence.startIndex, offsetBy: index)] = child
                return (.sequence(sequence), previous)
            case .key(let first):
                let names = items.map(name(of:))
                // The longest run of key steps that names an item: names may hold dots.
                let run = steps.prefix { if case .key = $0 { true } else { false } }.map { step -> String in
                    if case .key(let key) = step { return key }
                    return ""
                }
                for length in stride(from: run.count, through: 1, by: -1) {
                    let candidate = run.prefix(length).joined(separator: ".")
                    guard let index = names.firstIndex(of: candidate) else { continue }
                    let (child, previous) = try set(value, steps: steps.dropFirst(length), in: items[index],
                                                    path: "\(path).\(candidate)", tag: tag, mark: mark)
                    sequence[sequence.index(sequence.startIndex, offsetBy: index)] = child
                    return (.sequence(sequence), previous)
                }
                let named = names.compactMap { $0 }
                if named.isEmpty {
                    throw Problem(message: "`\(shown(path))` is a list without names; got `\(shown(first))`",
                                  hint: "pick an item by position, e.g. \(path)[0], or give the whole list")
                }
                throw Problem(message: "`\(shown(path))` has no item named `\(shown(first))`",
                              hint: YAMLReader.suggestion(for: first, among: named)
                                .replacingOccurrences(of: "allowed keys", with: "items are"))
            }
        case .scalar, .alias:
            throw Problem(message: "`\(shown(path))` is a single value (\(YAMLReader.describe(node))), not a mapping or a list",
                          hint: "set the whole value at `\(path)`")
        }
    }

    /// The `name` of a list item, if it is a mapping that has one.
    private static func name(of item: Node) -> String? {
        item.mapping?.first { $0.key.scalar?.string == "name" }?.value.scalar?.string
    }

    private static func keys(of mapping: Node.Mapping) -> String {
        mapping.compactMap { $0.key.scalar?.string }.map { "`\($0)`" }.joined(separator: ", ")
    }

    private static func shown(_ text: String) -> String { YAMLReader.shown(text) }

    /// `node` and everything under it tagged with `tag`; marks kept.
    static func retagged(_ node: Node, _ tag: Tag) -> Node {
        switch node {
        case .scalar(var scalar):
            scalar.tag = tag
            return .scalar(scalar)
        case .mapping(let mapping):
            return .mapping(Node.Mapping(mapping.map { (retagged($0.key, tag), retagged($0.value, tag)) }, tag,
                                         mapping.style, mapping.mark))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map { retagged($0, tag) }, tag, sequence.style, sequence.mark))
        case .alias:
            return node
        }
    }

    /// A value as an override or a header shows it: a scalar's text, else one line of flow YAML.
    static func text(of node: Node) -> String {
        if let scalar = node.scalar { return scalar.string }
        let serialized = (try? Yams.serialize(node: flow(node))) ?? YAMLReader.describe(node)
        return serialized.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    /// `node` with every mapping and list in flow style (`{a: 1}`, `[1, 2]`).
    private static func flow(_ node: Node) -> Node {
        switch node {
        case .mapping(let mapping):
            return .mapping(Node.Mapping(mapping.map { ($0.key, flow($0.value)) }, .implicit, .flow))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map(flow), .implicit, .flow))
        case .scalar(let scalar):
            return .scalar(Node.Scalar(scalar.string))
        case .alias:
            return node
        }
    }
}
