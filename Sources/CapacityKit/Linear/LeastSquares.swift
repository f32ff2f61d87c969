/// The least-squares solution of A · x ≈ b for a full-rank m × n matrix A:
///
///     m ≥ n:  x = argmin ‖A · x − b‖₂          (= (AᵀA)⁻¹ Aᵀ b)
///     m < n:  x = argmin ‖x‖₂  s.t.  A · x = b  (= Aᵀ (AAᵀ)⁻¹ b)
///
/// Computed by LAPACK `dgels` (Householder QR or LQ, never the normal
/// equations) in O(m · n · min(m, n)) flops. Rank is checked on the
/// triangular factor T (R or L) with LAPACK `dtrcon`: A counts as rank
/// deficient when the estimated 1 / (‖T‖₁ · ‖T⁻¹‖₁) ≤ 10 · max(m, n) · ε,
/// where the solution would be mostly rounding noise.
public struct LeastSquares: Sendable {
    /// x, n elements.
    public let solution: [Double]
    /// ‖A · x − b‖₂², zero (up to rounding) when m ≤ n.
    public let residualSumOfSquares: Double

    /// Solves `a · x ≈ b`.
    ///
    /// - Throws: ``LinearAlgebraError/rankDeficient(rows:columns:reciprocalCondition:threshold:)``.
    /// - Precondition: `a` at least 1 × 1, `b.count == a.rows`, all finite.
    public init(_ a: Matrix, _ b: [Double]) throws(LinearAlgebraError) {
        precondition(a.rows >= 1 && a.columns >= 1, "LeastSquares needs a matrix of at least 1 × 1")
        precondition(b.count == a.rows, "LeastSquares: b has \(b.count) elements, A has \(a.rows) rows")
        precondition(b.allSatisfy(\.isFinite), "LeastSquares needs a finite right-hand side")
        a.requireFinite("LeastSquares")
        let (m, n) = (a.rows, a.columns)
        let threshold = 10 * Double(max(m, n)) * Double.ulpOfOne
        var factors = a
        var rightHandSide = b + Array(repeating: 0, count: max(0, n - m))
        if LAPACK.gels(&factors, &rightHandSide) > 0 {
            throw .rankDeficient(rows: m, columns: n, reciprocalCondition: 0, threshold: threshold)
        }
        let reciprocalCondition = LAPACK.trcon(factors, order: min(m, n), upper: m >= n)
        if reciprocalCondition <= threshold {
            throw .rankDeficient(rows: m, columns: n, reciprocalCondition: reciprocalCondition,
                                 threshold: threshold)
        }
        solution = Array(rightHandSide[..<n])
        // dgels leaves the residual's components along Q's last m − n columns in b[n..<m].
        residualSumOfSquares = m > n ? rightHandSide[n...].reduce(0) { $0 + $1 * $1 } : 0
    }
}
