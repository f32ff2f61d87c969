import Foundation
import Yams

/// The `traffic:` section (rps, growth, peak factor) and the `{mean, sd}` pairs it and others use.
extension ModelLoader {
    static func readTraffic(_ top: Fields, _ reader: YAMLReader) -> Model.Traffic? {
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

    /// An optional duration `{mean, sd}` in minutes (``NumberRule/durationMeanMinutes``, ``NumberRule/durationSDMinutes``): `.some(nil)` when absent,
    /// nil when invalid (reported).
    static func readMeanAndSD(_ fields: Fields, _ key: String, _ reader: YAMLReader) -> Model.MeanAndSD?? {
        guard fields.has(key) else { return .some(nil) }
        guard let inner = fields.fields(key, allowed: ["mean", "sd"]) else { return nil }
        let mean = inner.number("mean", .durationMeanMinutes)
        let sd = inner.number("sd", .durationSDMinutes, fallback: 0)
        guard let mean, let sd else { return nil }
        return .some(Model.MeanAndSD(mean: mean, sd: sd))
    }
}
