extension Calibration {
    /// A fitted spread at most this fraction of the model's is "far below" it.
    public static let uncertaintyDropRatio = 1.0 / 3

    /// The keys whose fitted value is a spread (an uncertainty the forecast draws from).
    static let spreadKeys: Set<String> = ["traffic.growth.sd", "traffic.growth.volatility", "traffic.peak_factor.sd"]

    /// A warning when the calibration shrinks an uncertainty to a third of the model's or less
    /// (growth sd 0.05 → 0.007): a history's trend standard error says how well the past growth
    /// is known, and a spread fitted to a few steady months how steady they were — neither says
    /// how much the future may differ. The warning gives the host memory
    /// P90 at the forecast's horizon (`options.months`) under the model before and after, on
    /// the same seed and paths (left out when either model cannot be forecast). Nil when no
    /// spread drops that far.
    public static func uncertaintyWarning(_ result: CalibrationResult, options: ForecastOptions) -> String? {
        let shrunk = result.values.filter { spreadKeys.contains($0.key) && $0.previous > 0 && $0.value <= $0.previous * uncertaintyDropRatio }
        guard !shrunk.isEmpty else { return nil }
        // A calibrated model that breaks a model rule is reported by the writer's path
        // (the fits, then the rule); the warning then goes without the figures.
        func horizonP90(_ model: Model) -> (month: YearMonth, p90: Double)? {
            guard let valid = try? ValidatedModel(model), let forecast = try? MemoryForecast.run(valid, options: options) else { return nil }
            return forecast.months.last.map { ($0.date, $0.memoryMB.p90) }
        }
        let changes = shrunk.map { "\($0.key) \(NumberFormat.short($0.previous, digits: 3)) → \(NumberFormat.short($0.value, digits: 3))" }
        var text = "\(changes.joined(separator: ", ")): the calibrated uncertainty is a third of the model's or less; the data say how steady the past was, not how far the future may stray from it"
        if let before = horizonP90(result.original), let after = horizonP90(result.model) {
            text += "; host memory P90 in \(after.month): \(NumberFormat.short(before.p90, digits: 5)) MB before, \(NumberFormat.short(after.p90, digits: 5)) MB after; keep the model's spread (edit the calibrated values) unless the future is as steady as the past"
        }
        return text
    }
}
