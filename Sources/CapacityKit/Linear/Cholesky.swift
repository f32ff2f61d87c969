/// The Cholesky factorisation of a symmetric positive-definite matrix:
///
///     A = L · Lᵀ,   L lower triangular with a positive diagonal
///
/// Computed by LAPACK `dpotrf` in O(n³/3) flops. For correlated normals:
/// if z has independent standard normal entries then L · z has covariance A;
/// a chunk of draws stored as rows Z becomes Z · Lᵀ (pointer-level
/// ``BLAS/gemm(layout:transposeA:transposeB:m:n:k:alpha:a:b:beta:c:)``).
/// A matrix that is only semi-definite (e.g. a correlation of exactly 1)
/// fails: its leading minor reaches zero.
public struct Cholesky: Sendable {
    /// L, n × n, in the input's layout, with zeros above the diagonal.
    public let lower: Matrix

    /// Factors `matrix`.
    ///
    /// - Parameter labels: names of the rows (inputs), used in error messages.
    /// - Throws: ``LinearAlgebraError/notSymmetric(row:column:labels:)``, or
    ///   ``LinearAlgebraError/notPositiveDefinite(order:labels:)`` naming the
    ///   first leading minor that is not positive and the input that closes it.
    /// - Precondition: square, finite; one label per row if labels are given.
    public init(_ matrix: Matrix, labels: [String]? = nil) throws(LinearAlgebraError) {
        matrix.requireFinite("Cholesky")
        try matrix.checkSymmetric(labels: labels)
        var factor = matrix
        let info = LAPACK.potrf(lower: &factor)
        if info > 0 { throw .notPositiveDefinite(order: info, labels: labels) }
        for row in 0..<factor.rows {
            for column in (row + 1)..<factor.columns { factor[row, column] = 0 }
        }
        lower = factor
    }
}
