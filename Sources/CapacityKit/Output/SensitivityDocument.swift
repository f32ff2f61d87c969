/// The JSON form of a ``SensitivityResult``: the figure and its base value,
/// every input (largest effect first) with its values, the figure at its low
/// and high value, the swing and the variance share with its standard error;
/// the method; what it takes to repeat the run.
struct SensitivityDocument: Encodable {
    struct Input: Encodable {
        var key: String
        var label: String
        /// `uncertain`, `fixed` or `swing`.
        var kind: String
        /// For `swing`: the fraction each side.
        var swing_fraction: Double?
        var unit: String
        var value_base: Double
        var value_low: Double
        var value_high: Double
        /// The figure with the input at its low and high value.
        var low: Double
        var high: Double
        var swing: Double
        var variance_share: Double?
        var variance_share_se: Double?
        /// The figure is at the same bound at both ends of this input's swing.
        var saturated: Bool
    }

    /// ``SensitivitySaturation``: the bound, the inputs saturated at it, how the inputs are ranked, what to use.
    struct Saturation: Encodable {
        var bound: Double
        var inputs: [String]
        var base_at_bound: Bool
        /// The saturated inputs ranked first, by variance share (keys).
        var ranked_first: [String]
        /// A metric name, `more_months`, `months=N` or `rollback_that_can_fail`.
        var suggestion: String
        var note: String
    }

    var tool = "capacity"
    var version = CapacityVersion.current
    var command = "sensitivity"
    var model: String
    var metric: String
    var metric_title: String
    var unit: String
    var months: Int
    var horizon: String
    var resource: String?
    var seed: UInt64
    var paths: Int
    var swing: Double?
    var base: Double
    var inputs: [Input]
    var variance_note: String?
    /// Absent when the figure saturates nowhere.
    var saturation: Saturation?
    /// The month the model's inputs describe and their age at month 1 (``InputsAge``); absent when they describe month 1.
    var inputs_month: String?
    var inputs_age_months: Int?
    /// The method; first, when the inputs are older than month 1, their age.
    var method: [String]
    var overrides: [JSONOverride]?

    init(_ writer: SensitivityWriter) {
        let r = writer.result, o = r.options
        model = r.modelName
        metric = o.metric.rawValue
        metric_title = writer.metricTitle
        unit = o.metric.unit
        months = o.forecast.months
        horizon = r.horizon.description
        resource = r.resource
        seed = o.forecast.seed
        paths = o.forecast.paths
        swing = o.swing
        base = r.base
        inputs = r.effects.map { effect in
            let input = effect.input
            var kind = "fixed", fraction: Double?
            switch input.kind {
            case .uncertain: kind = "uncertain"
            case .fixed: break
            case .swung(let swing): (kind, fraction) = ("swing", swing)
            }
            return Input(key: input.key, label: input.label, kind: kind, swing_fraction: fraction, unit: input.unit.rawValue,
                         value_base: input.base, value_low: input.low, value_high: input.high, low: effect.low,
                         high: effect.high, swing: effect.swing, variance_share: effect.varianceShare,
                         variance_share_se: effect.varianceShareStandardError, saturated: r.isSaturated(effect))
        }
        if let s = r.saturation {
            let suggestion = switch s.suggestion {
            case .metric(let metric): metric.rawValue
            case .moreMonths: "more_months"
            case .months(let months): "months=\(months)"
            case .rollbackThatCanFail: "rollback_that_can_fail"
            }
            saturation = Saturation(bound: s.bound, inputs: s.inputs, base_at_bound: s.baseAtBound,
                                    ranked_first: s.rankedFirst,
                                    suggestion: suggestion, note: writer.saturationLine ?? "")
        }
        variance_note = r.varianceNote
        inputs_month = InputsAgeNote.month(r.inputsAge)
        inputs_age_months = r.inputsAge?.months
        method = InputsAgeNote.notes(writer.notes, r.inputsAge)
        overrides = OverrideNote.json(r.overrides)
    }
}
