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

extension NumberRule {
    /// Virtual users of a load-test ramp: 1 … 10⁵.
    static let rampUsers = NumberRule(allowed: "between 1 and 100,000 (users)") { (1...1e5).contains($0) }
    /// A response time of a load test, ms: 0.001 … 10⁷.
    static let rampLatencyMS = NumberRule(allowed: "between 0.001 and 10⁷ (ms)") { (1e-3...1e7).contains($0) }
}
