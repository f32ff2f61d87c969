import Foundation

/// How numbers are printed for people (tables, Markdown). CSV and JSON use
/// full precision instead (``NumberFormat/exact(_:)``).
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

    /// `value` rounded to `decimals` places with thousands left unseparated: 1234.5 → "1234.5".
    public static func fixed(_ value: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// A probability as a percentage with four significant digits: 0.0052792131 → "0.5279%".
    public static func percent(_ probability: Double) -> String {
        significant(probability * 100) + "%"
    }

    /// The shortest text that reads back as exactly `value` (Swift's description):
    /// for CSV cells. Whole numbers print without ".0".
    public static func exact(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
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
