/// The ranges a data file's figures must lie in: wide enough for any real
/// system, narrow enough that every sum of squares and log-ratio of the fits
/// stays finite.
extension NumberRule {
    /// Requests/s: 10⁻⁶ … 10⁹.
    static let requestRate = NumberRule(allowed: "between 0.000001 and 10⁹ (requests/s)") { (1e-6...1e9).contains($0) }
    /// Memory, MB: 0 … 10⁹ (a petabyte).
    static let dataMemoryMB = NumberRule(allowed: "between 0 and 10⁹ (MB)") { (0...1e9).contains($0) }
    /// Connections in use: 0 … 10⁷.
    static let connectionCount = NumberRule(allowed: "between 0 and 10⁷ (connections)") { (0...1e7).contains($0) }
}
