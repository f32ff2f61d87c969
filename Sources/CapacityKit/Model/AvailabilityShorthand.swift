import Foundation

/// The quick form of an availability section, typed on the command line
/// instead of written in a model file:
///
///     --component NAME=AVAILABILITY[:OPTION=VALUE…]   (once per component)
///     --target PROBABILITY
///
/// - AVAILABILITY of one replica: `99.9%` or `0.999`, or
///   `mtbf:DURATION/mttr:DURATION` (`mtbf:2000h/mttr:30m`; units s, m, min, h, d).
/// - OPTIONs: `replicas=N` (default 1), `required=K` (k-of-n, default 1),
///   `critical=false` (off the user-facing path: reported, not multiplied in),
///   `failover=90%` (switch-over success rate).
///
/// Example: `db=mtbf:2000h/mttr:30m:replicas=2:failover=95%`, `api=99.95%:replicas=3:required=2`.
///
/// The checks are the model loader's (``NumberRule``, in the same words):
/// availabilities, target and failover in [0, 1], MTBF in [0.1 h, 10⁷ h], MTTR
/// in [0, 10⁶ min], 1 ≤ required ≤ replicas ≤ 1,000, unique names, 1 to 100
/// components. A problem is one line naming the argument, what is allowed,
/// and what was given.
public enum AvailabilityShorthand {
    /// The options a component accepts after its availability.
    static let optionKeys = ["replicas", "required", "critical", "failover"]

    /// The availability section the quick form describes.
    ///
    /// - Parameters:
    ///   - components: the `--component` values, in order.
    ///   - target: the `--target` value.
    public static func availability(components: [String], target: String) throws(AvailabilityShorthandError)
        -> Validated<Model.Availability> {
        guard let targetValue = probability(target) else {
            throw AvailabilityShorthandError("--target must be a probability in [0, 1] (99.9% or 0.999); got \(target)")
        }
        guard components.count > 0 else {
            throw AvailabilityShorthandError("the quick form needs at least one --component NAME=AVAILABILITY, e.g. --component db=99.9%")
        }
        guard components.count <= NumberRule.maximumListLength else {
            throw AvailabilityShorthandError("--component is given \(components.count) times; a system has at most "
                + "\(NumberRule.maximumListLength) components")
        }
        var parsed: [Model.Component] = []
        var seen: [String: String] = [:]
        for text in components {
            let component = try component(text)
            if let first = seen[component.name] {
                throw AvailabilityShorthandError(argument: text, "repeats the name `\(component.name)` of --component \(first); names must be unique")
            }
            seen[component.name] = text
            parsed.append(component)
        }
        return Validated(checked: Model.Availability(target: targetValue, components: parsed))
    }

    /// One `--component` value.
    public static func component(_ text: String) throws(AvailabilityShorthandError) -> Model.Component {
        let usage = "expected NAME=AVAILABILITY[:OPTION=VALUE…], e.g. db=99.9% or api=99.95%:replicas=2"
        guard let equals = text.firstIndex(of: "=") else { throw AvailabilityShorthandError(argument: text, usage) }
        let name = text[..<equals].trimmingCharacters(in: .whitespaces)
        let rest = text[text.index(after: equals)...]
        guard !name.isEmpty, !name.contains(":"), !rest.isEmpty else {
            throw AvailabilityShorthandError(argument: text, usage)
        }
        // The availability runs up to the first `:KEY=VALUE`; `mtbf:…/mttr:…` holds colons of its own.
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let firstOption = parts.firstIndex { $0.contains("=") } ?? parts.count
        let reliability = try self.reliability(parts[..<firstOption].joined(separator: ":"), in: text)

        var options: [String: String] = [:]
        for option in parts[firstOption...] {
            let pair = option.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let key = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
            guard pair.count == 2, optionKeys.contains(key) else {
                throw AvailabilityShorthandError(argument: text, "unknown option `\(key)`; expected replicas=N, required=K, critical=false or failover=P")
            }
            guard options[key] == nil else { throw AvailabilityShorthandError(argument: text, "option `\(key)` is given twice") }
            options[key] = pair[1].trimmingCharacters(in: .whitespaces)
        }

        func count(_ key: String) throws(AvailabilityShorthandError) -> Int {
            guard let value = options[key] else { return 1 }
            guard let number = Fields.parse(value), number == number.rounded() else {
                throw AvailabilityShorthandError(argument: text, "\(key) must be a whole number; got \(value)")
            }
            guard NumberRule.replicas.test(number) else {
                throw AvailabilityShorthandError(argument: text, "\(key) must be \(NumberRule.replicas.allowed); got \(value)")
            }
            return Int(number)
        }
        let replicas = try count("replicas")
        let required = try count("required")
        guard required <= replicas else {
            throw AvailabilityShorthandError(argument: text, "required must be ≤ replicas (\(replicas)); got \(required)")
        }
        var critical = true
        if let value = options["critical"] {
            switch value.lowercased() {
            case "true", "yes": critical = true
            case "false", "no": critical = false
            default: throw AvailabilityShorthandError(argument: text, "critical must be true or false; got \(value)")
            }
        }
        var failover: Double?
        if let value = options["failover"] {
            guard let rate = probability(value) else {
                throw AvailabilityShorthandError(argument: text, "failover must be a probability in [0, 1] (95% or 0.95); got \(value)")
            }
            failover = rate
        }
        return Model.Component(name: name, reliability: reliability, replicas: replicas, required: required,
                               criticalPath: critical, failoverSuccessRate: failover)
    }

    /// `99.9%`, `0.999` or `mtbf:2000h/mttr:30m` (either order).
    private static func reliability(_ spec: String, in text: String) throws(AvailabilityShorthandError)
        -> Model.Reliability {
        let trimmed = spec.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("mtbf") || trimmed.lowercased().hasPrefix("mttr") else {
            if let value = Fields.parseRate(trimmed) {
                guard (0...1).contains(value) else {
                    throw AvailabilityShorthandError(argument: text, "availability must be a probability in [0, 1]; got \(trimmed)")
                }
                return .availability(value)
            }
            throw AvailabilityShorthandError(argument: text, "availability must be a probability (99.9% or 0.999) or mtbf:DURATION/mttr:DURATION; got \(trimmed)")
        }
        var durations: [String: (text: String, minutes: Double)] = [:]
        for part in trimmed.split(separator: "/") {
            let pair = part.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let key = pair[0].lowercased()
            guard pair.count == 2, key == "mtbf" || key == "mttr", durations[key] == nil else {
                throw AvailabilityShorthandError(argument: text, "expected mtbf:DURATION/mttr:DURATION, e.g. mtbf:2000h/mttr:30m; got \(trimmed)")
            }
            guard let minutes = minutes(pair[1]) else {
                throw AvailabilityShorthandError(argument: text, "\(key) must be a duration with a unit (s, m, h or d), e.g. \(key == "mtbf" ? "2000h" : "30m"); got \(pair[1])")
            }
            durations[key] = (pair[1], minutes)
        }
        guard let mtbf = durations["mtbf"], let mttr = durations["mttr"] else {
            throw AvailabilityShorthandError(argument: text, "give both mtbf and mttr, e.g. mtbf:2000h/mttr:30m; got \(trimmed)")
        }
        guard NumberRule.mtbfHours.test(mtbf.minutes / 60) else {
            throw AvailabilityShorthandError(argument: text, "mtbf must be \(NumberRule.mtbfHours.allowed); got \(mtbf.text)")
        }
        guard NumberRule.mttrMinutes.test(mttr.minutes) else {
            throw AvailabilityShorthandError(argument: text, "mttr must be \(NumberRule.mttrMinutes.allowed); got \(mttr.text)")
        }
        return .failureAndRepair(mtbfHours: mtbf.minutes / 60, mttrMinutes: mttr.minutes)
    }

    /// `--assumed-mttr`: a duration with its unit (``minutes(_:)``) within
    /// ``NumberRule/assumedMTTRMinutes``, in minutes.
    public static func assumedRepairMinutes(_ text: String) throws(AvailabilityShorthandError) -> Double {
        let rule = NumberRule.assumedMTTRMinutes
        guard let minutes = minutes(text) else {
            throw AvailabilityShorthandError("--assumed-mttr must be a duration with a unit (s, m, h or d), e.g. 30m; got \(text)")
        }
        guard rule.test(minutes) else {
            throw AvailabilityShorthandError("--assumed-mttr must be \(rule.allowed); got \(text)")
        }
        return minutes
    }

    /// A probability written `99.9%` or `0.999`; nil unless finite and in [0, 1].
    public static func probability(_ text: String) -> Double? {
        Fields.parseRate(text).flatMap { (0...1).contains($0) ? $0 : nil }
    }

    /// A duration with its unit — `90s`, `30m` or `30min`, `2000h`, `1.5d` — in
    /// minutes (may be negative); nil without a known unit or for a non-finite number.
    public static func minutes(_ text: String) -> Double? {
        let units: [(suffix: String, minutes: Double)] = [("min", 1), ("s", 1.0 / 60), ("m", 1), ("h", 60), ("d", 1440)]
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            guard let value = Fields.parse(String(trimmed.dropLast(unit.suffix.count))) else { return nil }
            return value * unit.minutes
        }
        return nil
    }
}

extension Validated where Section == Model.Availability {
    /// The same section against another target (`sla --target`), read as the quick form reads it.
    public func targeting(_ target: String) throws(AvailabilityShorthandError) -> Validated<Model.Availability> {
        guard let value = AvailabilityShorthand.probability(target) else {
            throw AvailabilityShorthandError("--target must be a probability in [0, 1] (99.9% or 0.999); got \(target)")
        }
        var section = self.section
        section.target = value
        return Validated(checked: section)
    }
}
