extension ModelLoader {
    /// The keys of the optional `calibration:` section that `capacity calibrate` writes.
    static let calibrationKeys = ["date", "sources", "months", "fits"]

    /// Checks a `calibration:` section: a record of how the values were fitted
    /// (``ModelRewriter``). The engines do not use it, so it is checked, not kept:
    ///
    ///     calibration:
    ///       date: 2026-11-27
    ///       sources: ["history.csv"]
    ///       months: {first: 2025-12, last: 2026-11}
    ///       fits:
    ///         - {name: growth, source: history.csv, n: 11, r_squared: 0.9, notes: […],
    ///            values: [{key: traffic.growth.mean, value: 0.2, se: 0.01, previous: 0.2}]}
    static func checkCalibration(_ fields: Fields, _ reader: YAMLReader) {
        _ = fields.string("date", fallback: "")
        for (node, path) in fields.list("sources") where node.scalar == nil {
            reader.report(node, path, "\(path) must be a file name; got \(YAMLReader.describe(node))")
        }
        if let months = fields.fields("months", allowed: ["first", "last"]) {
            for key in ["first", "last"] {
                if let node = months.value(key, required: true), node.scalar.flatMap({ YearMonth(parsing: $0.string) }) == nil {
                    reader.report(node, months.path(key), "\(months.path(key)) must be a calendar month YYYY-MM; got \(YAMLReader.describe(node))")
                }
            }
        }
        for (node, path) in fields.list("fits") {
            guard let fit = reader.fields(node, at: path, allowed: ["name", "source", "n", "r_squared", "notes", "values"]) else { continue }
            _ = fit.string("name")
            _ = fit.string("source", fallback: "")
            _ = fit.integer("n", .nonNegative, fallback: 0)
            if fit.has("r_squared") { _ = fit.number("r_squared") }
            _ = fit.list("notes")
            for (valueNode, valuePath) in fit.list("values") {
                guard let value = reader.fields(valueNode, at: valuePath, allowed: ["key", "value", "se", "previous"]) else { continue }
                _ = value.string("key")
                _ = value.number("value")
                if let se = value["se"], se.scalar?.string != "null" { _ = value.number("se", .nonNegative) }
                _ = value.number("previous", fallback: 0)
            }
        }
    }
}
