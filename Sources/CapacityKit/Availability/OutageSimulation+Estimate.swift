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

        /// The mean of the path means and its standard error.
        init(pathMeans: PairwiseMoments) {
            value = pathMeans.mean
            standardError = pathMeans.standardErrorOfMean
        }
    }
}
