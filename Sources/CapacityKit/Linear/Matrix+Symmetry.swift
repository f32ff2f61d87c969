extension Matrix {
    /// Throws unless the matrix is symmetric up to rounding:
    ///
    ///     |aᵢⱼ − aⱼᵢ| ≤ 2 · n · ε · maxₖₗ |aₖₗ|   for all i > j
    ///
    /// The bound covers matrices computed in floating point (e.g. AᵀA by
    /// `gemm`, whose entries carry an error of at most n · ε · max|a| each).
    /// LAPACK's symmetric routines read one triangle only, so an asymmetric
    /// input (a typo in a correlation matrix) would otherwise be silently
    /// half-ignored. O(n²).
    ///
    /// - Precondition: square; `labels`, if given, has one label per row.
    func checkSymmetric(labels: [String]?) throws(LinearAlgebraError) {
        precondition(rows == columns, "expected a square matrix; got \(rows) × \(columns)")
        precondition(labels == nil || labels?.count == rows,
                     "expected \(rows) labels; got \(labels?.count ?? 0)")
        let largest = elements.reduce(0) { max($0, abs($1)) }
        let tolerance = 2 * Double(rows) * Double.ulpOfOne * largest
        for row in 0..<rows {
            for column in 0..<row where abs(self[row, column] - self[column, row]) > tolerance {
                throw .notSymmetric(row: row, column: column, labels: labels)
            }
        }
    }

    /// Stops the program if an element is NaN or infinite: callers validate
    /// their data first, and LAPACK cannot give a meaningful answer.
    func requireFinite(_ operation: String) {
        precondition(elements.allSatisfy(\.isFinite), "\(operation) needs finite matrix entries")
    }
}
