extension OutageSimulation {
    /// A Monte Carlo mean and its standard error.
    ///
    /// The standard error is taken over paths, the independent units, from each
    /// path's mean over its years: SE = sd(path means) / √paths (sd with n − 1).
    /// It is NaN for a single path.
    public struct Estimate: Sendable, Equatable {
        public let value: Double
        public let standardError: Double

        public init(value: Double, standardError: Double) {
            self.value = value
            self.standardError = standardError
        }

        /// The mean of `pathMeans` and its standard error, by two passes in array order.
        init(pathMeans: [Double]) {
            let count = Double(pathMeans.count)
            let mean = pathMeans.reduce(0, +) / count
            let squares = pathMeans.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            value = mean
            standardError = pathMeans.count > 1 ? (squares / (count - 1) / count).squareRoot() : .nan
        }
    }
}
