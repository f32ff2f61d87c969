import Foundation

/// Text with every number of 12 or more significant digits rounded to 10, for comparing
/// outputs that print least-squares fits at full precision: OpenBLAS/LAPACK pick their
/// kernels by processor, and the last bits of a fit differ between machines.
public enum LastDigits {
    public static func rounded(_ text: String) -> String {
        var result = "", number = ""
        func flush() {
            if number.filter(\.isNumber).count >= 12, let value = Double(number) {
                result += String(format: "%.10g", value)
            } else {
                result += number
            }
            number = ""
        }
        for character in text {
            if character.isNumber || (character == "." && !number.isEmpty) {
                number.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }
}
