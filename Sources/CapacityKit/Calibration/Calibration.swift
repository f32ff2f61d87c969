/// The calibration engine: fits a model's traffic and memory figures to a
/// team's own data (a monthly history, a load test, or both) and returns the
/// fits with their standard errors and the calibrated model.
///
/// - growth and the peak factor come from the history
///   (``Calibration/growthFit(_:model:)``, ``Calibration/peakFactorFit(_:model:)``);
/// - memory from every row of the history and the load test
///   (``Calibration/memoryFits(model:history:loadTest:)``);
/// - a worker pool's `service_ms` and `per_node` from a concurrency ramp
///   (``Calibration/workerFit(_:model:)``).
///
/// Pure: data in, result out; nothing is read or written here.
public enum Calibration {
    /// Fewer months than this give a growth warning (DESIGN issue #12).
    static let minimumGrowthMonths = 6
    /// Growth fits two values (the mean and the spread of the monthly changes) from
    /// months − 1 changes; a fit needs more points than values, so 4 months at least.
    static let fewestGrowthMonths = 4
    /// The peak factor fits two values (mean and sd) from one ratio a month: 3 months at least.
    static let fewestPeakFactorMonths = 3
    /// Fewer load levels than this give a warning.
    static let minimumLoadLevels = 3
    /// A memory fit with R² below this is flagged.
    static let lowRSquared = 0.5
    /// A history ending more than this many months before the model's start (or after it) is flagged.
    static let maximumMonthsBeforeStart = 3

    /// Calibrates `model` from `history`, `loadTest` and/or `ramp`.
    ///
    /// - Throws: ``CalibrationError`` when there is nothing to fit or the data
    ///   cannot determine a fit (e.g. every load test row at one load).
    public static func run(_ validated: ValidatedModel, history: MonthlyHistory?, loadTest: LoadTest?, ramp: LoadRamp? = nil)
        throws(CalibrationError) -> CalibrationResult {
        let model = validated.model
        guard history != nil || loadTest != nil || ramp != nil else {
            throw CalibrationError("nothing to calibrate from: give a history, a load test, a ramp or Prometheus exports")
        }
        var calibrated = model
        var fits: [CalibrationFit] = []
        var warnings: [String] = []
        if let history {
            warnings += history.notes
            if let growth = growthFit(history, model: model) {
                fits.append(growth.fit)
                calibrated.traffic.growth = growth.growth
                if history.count < minimumGrowthMonths {
                    warnings.append("growth from \(history.count) months of \(history.source) (fewer than \(minimumGrowthMonths)): treat it as a rough guide")
                }
            } else {
                warnings.append("growth not fitted: \(history.source) has \(history.count) usable month\(history.count == 1 ? "" : "s"); growth fits 2 values (mean, volatility) from the changes between months and needs more changes than values: it takes at least \(fewestGrowthMonths) months")
            }
            if let peak = peakFactorFit(history, model: model) {
                fits.append(peak.fit)
                calibrated.traffic.peakFactor = peak.peakFactor
            } else if history.rpsPeak.contains(where: { $0 != nil }) {
                let months = history.rpsPeak.compactMap { $0 }.count
                warnings.append("peak factor not fitted: \(history.source) gives rps_peak in \(months) month\(months == 1 ? "" : "s"); it fits 2 values (mean, sd) and needs more months than values: at least \(fewestPeakFactorMonths)")
            }
            if let last = history.months.last {
                let gap = model.start.months(since: last)
                if gap > maximumMonthsBeforeStart || gap < 1 {
                    let when = gap < 1 ? "at or after" : "\(gap) months before"
                    warnings.append("\(history.source) ends \(last), \(when) the model's start \(model.start): the fits may describe a different system")
                }
            }
        }
        if let loadTest, loadTest.rps.count < minimumLoadLevels {
            warnings.append("\(loadTest.source) has \(loadTest.rps.count) load level\(loadTest.rps.count == 1 ? "" : "s") (fewer than \(minimumLoadLevels)): slopes are uncertain")
        }
        let memory = try memoryFits(model: calibrated, history: history, loadTest: loadTest)
        calibrated.services = memory.services
        fits += memory.fits
        warnings += memory.warnings
        if let ramp {
            let workers = try workerFit(ramp, model: calibrated)
            calibrated.workers = workers.workers
            fits.append(workers.fit)
            warnings += workers.warnings
        }
        for fit in memory.fits where fit.rSquared.map({ $0 < lowRSquared }) ?? false {
            warnings.append("\(fit.name): R² = \(NumberFormat.short(fit.rSquared!)) is low; memory follows traffic loosely in these data")
        }
        guard !fits.isEmpty else {
            let reasons = warnings.isEmpty ? "" : ": " + warnings.joined(separator: "; ")
            throw CalibrationError("nothing to fit, nothing written\(reasons)")
        }
        for fit in fits {
            for value in fit.values where !value.value.isFinite || !(value.standardError?.isFinite ?? true) {
                throw CalibrationError("\(fit.name) from \(fit.source): \(value.key) does not come out as a finite number from these data; check them for months or loads that differ by many orders of magnitude")
            }
        }
        return CalibrationResult(model: calibrated, original: model, fits: fits, warnings: warnings,
                                 sources: [history?.source, loadTest?.source, ramp?.source].compactMap { $0 },
                                 firstMonth: history?.months.first, lastMonth: history?.months.last,
                                 data: history?.report ?? [])
    }
}
