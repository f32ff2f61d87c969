/// Names as CSV columns and JSON key parts: the model loader refuses two names that
/// give the same column, and every writer names its columns with it.
public enum ColumnName {
    /// `name` lowercased, every run of characters other than letters and digits as one `_`,
    /// no trailing `_`; `unnamed` when nothing is left. `API V2` → `api_v2`.
    public static func of(_ name: String) -> String {
        var key = ""
        for character in name.lowercased() {
            if character.isLetter || character.isNumber { key.append(character) } else if !key.hasSuffix("_") { key.append("_") }
        }
        while key.hasSuffix("_") { key.removeLast() }
        return key.isEmpty ? "unnamed" : key
    }
}
