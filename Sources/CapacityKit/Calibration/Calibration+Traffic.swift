import Foundation

extension Calibration {
    /// Growth from the monthly log-ratios rᵢ = ln(rps_{i+1} / rps_i), i = 1…k (k = months − 1):
    ///
    ///     r̄ = Σ rᵢ / k,   s² = Σ (rᵢ − r̄)² / (k − 1)
    ///     mean = exp(r̄ + s²/2) − 1                 E[rps_{i+1}/rps_i] − 1 for lognormal ratios
    ///     volatility = (1 + mean) · s                (delta method: sd of the ratio)
    ///     sd = SE(mean) = (1 + mean) · s / √k         uncertainty of the trend, drawn once per path
    ///
    /// The path model (``PathSimulator``) multiplies by 1 + g + ε with ε ~ N(0, volatility²),
    /// whose log has mean ≈ ln(1 + g) − volatility²/(2(1 + g)²) and sd ≈ volatility/(1 + g),
    /// so these invert it to second order. Standard errors: SE(volatility) = volatility/√(2(k − 1)),
    /// SE(sd) = sd/√(2(k − 1)) (sample sd of normal data). Nil with fewer than
    /// ``Calibration/fewestGrowthMonths`` months (no more changes than the 2 values fitted).
    static func growthFit(_ history: MonthlyHistory, model: Model)
        -> (growth: Model.Growth, fit: CalibrationFit)? {
        let k = history.count - 1
        guard history.count >= fewestGrowthMonths else { return nil }
        let ratios = (0..<k).map { log(history.rpsAverage[$0 + 1] / history.rpsAverage[$0]) }
        let (mean, sd) = meanAndSD(ratios)
        let growthMean = exp(mean + sd * sd / 2) - 1
        let volatility = (1 + growthMean) * sd
        let trendSD = volatility / Double(k).squareRoot()
        let sdOfSD = 1 / (2 * Double(k - 1)).squareRoot()
        let old = model.traffic.growth
        let growth = Model.Growth(mean: growthMean, sd: trendSD, volatility: volatility)
        let fit = CalibrationFit(
            name: "growth", source: history.source, count: k, rSquared: nil,
            values: [CalibratedValue(key: "traffic.growth.mean", previous: old.mean, value: growthMean, standardError: trendSD),
                     CalibratedValue(key: "traffic.growth.sd", previous: old.sd, value: trendSD, standardError: trendSD * sdOfSD),
                     CalibratedValue(key: "traffic.growth.volatility", previous: old.volatility, value: volatility,
                                     standardError: volatility * sdOfSD)],
            notes: ["from \(k) monthly log-ratios of rps_avg, \(history.months.first!) to \(history.months.last!)"])
        return (growth, fit)
    }

    /// The peak factor from fᵢ = rps_peakᵢ / rps_avgᵢ over the months that give both:
    ///
    ///     mean = f̄,  sd = √(Σ (fᵢ − f̄)² / (n − 1)),  SE(mean) = sd/√n,  SE(sd) = sd/√(2(n − 1))
    ///
    /// Nil with fewer than ``Calibration/fewestPeakFactorMonths`` such months (no more ratios than the 2 values fitted).
    static func peakFactorFit(_ history: MonthlyHistory, model: Model)
        -> (peakFactor: Model.MeanAndSD, fit: CalibrationFit)? {
        let factors = zip(history.rpsPeak, history.rpsAverage).compactMap { peak, average in peak.map { $0 / average } }
        let n = factors.count
        guard n >= fewestPeakFactorMonths else { return nil }
        let (mean, sd) = meanAndSD(factors)
        let old = model.traffic.peakFactor
        let fit = CalibrationFit(
            name: "peak_factor", source: history.source, count: n, rSquared: nil,
            values: [CalibratedValue(key: "traffic.peak_factor.mean", previous: old.mean, value: mean,
                                     standardError: sd / Double(n).squareRoot()),
                     CalibratedValue(key: "traffic.peak_factor.sd", previous: old.sd, value: sd,
                                     standardError: sd / (2 * Double(n - 1)).squareRoot())],
            notes: ["from rps_peak ÷ rps_avg of \(n) months"])
        return (Model.MeanAndSD(mean: mean, sd: sd), fit)
    }

    /// Sample mean and standard deviation (n − 1 in the denominator); n ≥ 2.
    static func meanAndSD(_ values: [Double]) -> (mean: Double, sd: Double) {
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return (mean, variance.squareRoot())
    }
}
