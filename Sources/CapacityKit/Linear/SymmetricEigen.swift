/// The eigendecomposition of a real symmetric matrix:
///
///     A = V · diag(λ) · Vᵀ,   λ₁ ≤ λ₂ ≤ … ≤ λₙ,   Vᵀ · V = I
///
/// Computed by LAPACK `dsyevd` (divide and conquer) in O(n³) flops. A is
/// positive semi-definite exactly when λ₁ ≥ 0 (up to rounding, about
/// n · ε · max|λ|); clipping negative λ to zero gives the nearest
/// semi-definite matrix in the Frobenius norm (Higham 1988).
public struct SymmetricEigen: Sendable {
    /// The eigenvalues λ, ascending.
    public let values: [Double]
    /// V, n × n, in the input's layout: column j is the unit eigenvector of
    /// `values[j]` (its sign is arbitrary).
    public let vectors: Matrix

    /// Decomposes `matrix`.
    ///
    /// - Parameter labels: names of the rows, used in error messages.
    /// - Throws: ``LinearAlgebraError/notSymmetric(row:column:labels:)``, or
    ///   ``LinearAlgebraError/eigenvaluesDidNotConverge(info:)``.
    /// - Precondition: square, finite; one label per row if labels are given.
    public init(_ matrix: Matrix, labels: [String]? = nil) throws(LinearAlgebraError) {
        matrix.requireFinite("SymmetricEigen")
        try matrix.checkSymmetric(labels: labels)
        var vectors = matrix
        var values: [Double] = []
        let info = LAPACK.syevd(&vectors, eigenvalues: &values)
        if info > 0 { throw .eigenvaluesDidNotConverge(info: info) }
        self.values = values
        self.vectors = vectors
    }
}
