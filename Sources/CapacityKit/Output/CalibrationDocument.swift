/// The JSON form of a calibration: stable snake_case keys, full precision.
struct CalibrationDocument: Encodable {
    struct Value: Encodable {
        var key: String
        var previous: Double
        var value: Double
        var standard_error: Double?
    }

    struct Fit: Encodable {
        var name: String
        var source: String
        var n: Int
        var r_squared: Double?
        var notes: [String]
        var values: [Value]
    }

    var tool = "capacity"
    var version = CapacityVersion.current
    var command = "calibrate"
    var model: String
    var sources: [String]
    var first_month: String?
    var last_month: String?
    var fits: [Fit]
    /// What the data were: queries, series, step, coverage per month.
    var data: [String]
    var warnings: [String]
    var written_to: String?
    var backtest: BacktestDocument?

    init(_ result: CalibrationResult, writtenTo: String?, backtest: BacktestResult?) {
        model = result.original.name
        sources = result.sources
        first_month = result.firstMonth?.description
        last_month = result.lastMonth?.description
        fits = result.fits.map { fit in
            Fit(name: fit.name, source: fit.source, n: fit.count, r_squared: fit.rSquared, notes: fit.notes,
                values: fit.values.map { Value(key: $0.key, previous: $0.previous, value: $0.value, standard_error: $0.standardError) })
        }
        data = result.data
        warnings = result.warnings
        written_to = writtenTo
        self.backtest = backtest.map(BacktestDocument.init)
    }
}
