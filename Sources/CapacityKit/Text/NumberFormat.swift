import Foundation

/// How numbers are printed: for people (tables, Markdown), for spreadsheets
/// (CSV: ``NumberFormat/spreadsheet(_:)``, the shortest decimal within 10⁻¹²
/// relative) and exactly (``NumberFormat/exact(_:)``, messages and model files;
/// JSON keeps full precision).
public enum NumberFormat {
    /// `value` with `digits` significant digits, no exponent for 1e-6 ≤ |x| < 1e9:
    /// 0.0052792131 → "0.005279"; 0 → "0".
    public static func significant(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        guard value != 0 else { return "0" }
        let magnitude = Int(floor(log10(abs(value))))
        if magnitude < -6 || magnitude >= 9 { return String(format: "%.\(digits - 1)e", value) }
        let decimals = max(0, digits - 1 - magnitude)
        return String(format: "%.\(decimals)f", value)
    }

    /// Fixed decimals without a trailing ".0…0" run: 1234.50 → "1234.5", 12.00 → "12", −0 → "0".
    public static func decimal(_ value: Double, _ places: Int) -> String {
        let text = trimmingZeros(String(format: "%.\(places)f", value))
        return text == "-0" ? "0" : text
    }

    /// `digits` significant digits without trailing zeros: 43.2, 30, 0.3.
    public static func short(_ value: Double, digits: Int = 3) -> String {
        trimmingZeros(significant(value, digits: digits))
    }

    /// Drops trailing zeros after a decimal point (and the point itself); leaves
    /// whole numbers and exponent forms alone.
    static func trimmingZeros(_ number: String) -> String {
        guard number.contains("."), !number.contains("e") else { return number }
        var text = number
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A probability as a percentage with four significant digits: 0.0052792131 → "0.5279%".
    public static func percent(_ probability: Double) -> String {
        significant(probability * 100) + "%"
    }

    /// A Monte Carlo probability as a percentage with the digits its standard error
    /// justifies (the last digit printed is the standard error's first, at most four
    /// significant digits): 81,580 of 100,000 → "81.6%". No hit prints the 95 % upper
    /// bound, "< 0.003%" for 100,000 paths; every path a hit, "> 99.997%". One resting on
    /// fewer than 10 paths is marked (``PathSupport``): 1 of 10 → "~10%".
    public static func probability(_ proportion: Proportion) -> String {
        PathSupport.supports(proportion) ? supportedProbability(proportion) : PathSupport.mark + supportedProbability(proportion)
    }

    private static func supportedProbability(_ proportion: Proportion) -> String {
        if let upper = proportion.upperBound95 { return "< " + short(upper * 100, digits: 2) + "%" }
        if let lower = proportion.lowerBound95 {
            let decimals = max(0, min(6, -Int(floor(log10(300 / Double(proportion.trials))))))
            return "> " + trimmingZeros(String(format: "%.\(decimals)f", lower * 100)) + "%"
        }
        let percent = proportion.estimate * 100
        return String(format: "%.\(decimalsFor(percent, standardError: proportion.standardError * 100))f", percent) + "%"
    }

    /// ``probability(_:)``, with as many more decimals as it takes (up to 6) for an estimate below
    /// `level` (a fraction, the risk level) never to read as the level or above: 0.998 % beside a 1 % rule.
    public static func probability(_ proportion: Proportion, below level: Double) -> String {
        let text = probability(proportion)
        let percent = proportion.estimate * 100
        guard proportion.estimate < level, proportion.upperBound95 == nil, proportion.lowerBound95 == nil,
              let shown = Double(text.dropLast()), shown >= level * 100 else { return text }
        let decimals = (0...6).first { Double(String(format: "%.\($0)f", percent))! < level * 100 } ?? 6
        return String(format: "%.\(decimals)f", percent) + "%"
    }

    /// Decimals that end at the standard error's first significant digit, with at
    /// most four significant digits of `value` and no more than 6 decimals.
    static func decimalsFor(_ value: Double, standardError: Double) -> Int {
        let bySE = standardError > 0 ? -Int(floor(log10(standardError))) : 6
        let bySignificance = value > 0 ? 3 - Int(floor(log10(value))) : 6
        return max(0, min(6, bySE, bySignificance))
    }

    /// The shortest text that reads back as exactly `value` (Swift's description):
    /// for CSV cells. Whole numbers print without ".0".
    public static func exact(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A CSV cell for spreadsheets: the shortest decimal within 10⁻¹² of `value`,
    /// relative — the first of 1, 2, …, 17 significant digits whose decimal reads
    /// back as x̂ with
    ///
    ///     |x̂ − x| ≤ 10⁻¹² · |x|
    ///
    /// so the float noise of a computation goes (1 − 0.999 = 0.00099999999999989
    /// → "0.001", 3.00000000000005 → "3", 525.599999999942 → "525.6") and every
    /// figure keeps 12 significant digits, more than any input or Monte Carlo
    /// figure carries. 17 digits always read back exactly, so the search ends.
    /// Whole numbers without ".0"; exponent form only below 10⁻⁴ or from 10¹⁵
    /// ("1e-05", "1.5e+15"); −0 → "0". Not for a non-finite value (writers leave
    /// those cells empty).
    public static func spreadsheet(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        guard value != 0 else { return "0" }
        let tolerance = 1e-12 * abs(value)
        for digits in 1...17 {
            let scientific = String(format: "%.\(digits - 1)e", value)
            guard let rounded = Double(scientific), abs(rounded - value) <= tolerance || digits == 17 else { continue }
            // The decimal exponent of the rounded value (9.99…96 at 1 digit is 1e+01).
            let exponent = Int(scientific[scientific.index(after: scientific.firstIndex(of: "e")!)...])!
            if exponent < -4 || exponent >= 15 { return trimmingExponent(scientific) }
            return trimmingZeros(String(format: "%.\(max(0, digits - 1 - exponent))f", rounded))
        }
        return "\(value)"
    }

    /// "1.50e-05" → "1.5e-05": trailing zeros of the mantissa go, the exponent stays as C prints it.
    private static func trimmingExponent(_ scientific: String) -> String {
        let e = scientific.firstIndex(of: "e")!
        return trimmingZeros(String(scientific[..<e])) + scientific[e...]
    }

    /// A whole number with thousands separated by commas: 1234567 → "1,234,567".
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var text = value < 0 ? "-" : ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(character)
        }
        return text
    }
}
