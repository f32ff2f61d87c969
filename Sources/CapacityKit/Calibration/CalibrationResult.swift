/// What `capacity calibrate` found: the fits, the calibrated model and what to
/// be careful about. Plain values for the writers and the model rewriter.
public struct CalibrationResult: Sendable {
    /// The model with every fitted value replaced (full precision).
    public var model: Model
    /// The model before calibration.
    public var original: Model
    public var fits: [CalibrationFit]
    /// Data too few, a low R², data far from the model's start, values not used.
    public var warnings: [String]
    /// The data files, in the order given.
    public var sources: [String]
    /// First and last month of the history, when one was given.
    public var firstMonth: YearMonth?
    public var lastMonth: YearMonth?
    /// What the data were (queries, series, step, coverage per month), for the report.
    public var data: [String] = []

    /// Every calibrated value, fit by fit.
    public var values: [CalibratedValue] { fits.flatMap(\.values) }
}

/// One fit (growth, peak factor, one service's or the host's memory) and the
/// model values it sets.
public struct CalibrationFit: Sendable, Equatable {
    /// What was fitted: "growth", "peak_factor", "api memory", "host memory".
    public var name: String
    /// The file(s) the data came from.
    public var source: String
    /// Data points used: log-ratios for growth, months for the peak factor, rows for memory.
    public var count: Int
    /// R² of a least-squares fit; nil for growth and the peak factor.
    public var rSquared: Double?
    public var values: [CalibratedValue]
    /// How the fit was made ("shared out over the services in proportion to the model's values").
    public var notes: [String]
}

/// One model value set by a fit.
public struct CalibratedValue: Sendable, Equatable {
    /// The model key path, as diagnostics write it: `services[0].memory.base_mb`.
    public var key: String
    /// The value before calibration.
    public var previous: Double
    /// The fitted value (full precision).
    public var value: Double
    /// Its standard error; nil when the data leave no degrees of freedom.
    public var standardError: Double?

    public init(key: String, previous: Double, value: Double, standardError: Double?) {
        self.key = key
        self.previous = previous
        self.value = value
        self.standardError = standardError
    }
}
