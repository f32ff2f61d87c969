/// What matters most: every input with the figure at its low and high value
/// (the tornado) and the share of the figure's path-level output variance it
/// explains, largest effect first.
public struct SensitivityResult: Sendable {
    /// One input's effect.
    public struct Effect: Sendable {
        public var input: SensitivityInput
        /// The figure with the input at its low and high value (the base figure when it does not vary).
        public var low: Double
        public var high: Double
        /// |high − low|, in the figure's unit.
        public var swing: Double { abs(high - low) }
        /// Var(E[Y | input]) / Var(Y) across the base run's paths, and its standard error:
        /// 0 for a fixed estimate (it does not vary across paths); nil when the figure has no
        /// path-level output (the plan's figures) or the output does not vary.
        public var varianceShare: Double?
        public var varianceShareStandardError: Double?
    }

    public var modelName: String
    public var options: SensitivityOptions
    /// The figure of the model as it is.
    public var base: Double
    /// Calendar month of the horizon (the last month).
    public var horizon: YearMonth
    /// For `p_fail`: the resource whose P(fail) it is.
    public var resource: String?
    /// Largest swing first; ties by variance share, then model order. When the figure
    /// saturates and has variance shares: largest variance share first, then swing.
    public var effects: [Effect]
    /// The overrides the model ran with (`--set`).
    public var overrides: [ModelOverride]
    /// Why there are no variance shares, when there are none.
    public var varianceNote: String?
    /// How old the model's inputs are at month 1, for a figure over forecast months
    /// (``Model/inputsAge``; the forecast and plan figures); nil otherwise.
    public var inputsAge: InputsAge? = nil
    /// Where the figure sits at its bound at both ends of a swing (``SensitivitySaturation``); nil when nowhere.
    public var saturation: SensitivitySaturation?

    /// Whether `effect`'s input is one the figure is saturated at both ends of.
    public func isSaturated(_ effect: Effect) -> Bool {
        saturation?.inputs.contains(effect.input.key) ?? false
    }

    /// The effects that move the figure or explain some of its variance, largest first.
    public var ranked: [Effect] { effects.filter { $0.input.varies } }
    /// The fixed estimates left as they are (no swing given).
    public var unvaried: [Effect] { effects.filter { !$0.input.varies } }
}
