/// Weighted least squares y ≈ X·β with the usual standard errors, through the
/// project's LAPACK layer (``LeastSquares``, Householder QR on the rows scaled by √wᵢ):
///
///     β̂ = argmin Σ wᵢ (yᵢ − xᵢβ)²,   σ̂² = Σ wᵢ rᵢ² / (n − p),   SE(β̂ⱼ) = σ̂ · √[(XᵀWX)⁻¹]ⱼⱼ
///     R² = 1 − Σ rᵢ² / Σ (yᵢ − ȳ)²       (unweighted residuals rᵢ = yᵢ − xᵢβ̂)
///
/// (Montgomery, Peck & Vining, *Introduction to Linear Regression Analysis*,
/// §3.2–3.3 and §5.5 for weights; all wᵢ = 1 is ordinary least squares).
/// (XᵀWX)⁻¹ comes from its Cholesky factor. Standard errors need n > p; with
/// n = p they are nil.
struct LinearFit: Sendable, Equatable {
    /// β̂, one per column of X.
    let coefficients: [Double]
    /// SE(β̂ⱼ); nil when n ≤ p.
    let standardErrors: [Double]?
    /// X·β̂.
    let fitted: [Double]
    let residualSumOfSquares: Double
    /// R², in (−∞, 1]; 1 when y is constant and fitted exactly, 0 when y is constant and not.
    let rSquared: Double
    var count: Int { fitted.count }

    /// Fits `y` on `columns` (each a regressor over the n rows; include a column of ones for an
    /// intercept), with positive `weights` (nil: all 1).
    ///
    /// - Throws: ``LinearAlgebraError/rankDeficient(rows:columns:reciprocalCondition:threshold:)``
    ///   when the columns are linearly dependent (e.g. every row at one load).
    init(columns: [[Double]], y: [Double], weights: [Double]? = nil) throws(LinearAlgebraError) {
        let n = y.count, p = columns.count
        precondition(p >= 1 && columns.allSatisfy { $0.count == n }, "LinearFit needs columns of n values")
        let scale = (weights ?? Array(repeating: 1, count: n)).map { $0.squareRoot() }
        var x = Matrix(rows: n, columns: p, layout: .columnMajor)
        for (j, column) in columns.enumerated() { for i in 0..<n { x[i, j] = scale[i] * column[i] } }
        let solution = try LeastSquares(x, zip(scale, y).map { $0 * $1 })
        coefficients = solution.solution
        fitted = (0..<n).map { i in (0..<p).reduce(0) { $0 + columns[$1][i] * solution.solution[$1] } }
        let rss = zip(y, fitted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        residualSumOfSquares = rss
        let mean = y.reduce(0, +) / Double(n)
        let total = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        rSquared = total > 0 ? 1 - rss / total : (rss <= 1e-12 * max(1, mean * mean) ? 1 : 0)
        guard n > p else { standardErrors = nil; return }
        var gram = Matrix(rows: p, columns: p, layout: .columnMajor)
        for j in 0..<p { for k in 0..<p { gram[j, k] = (0..<n).reduce(0) { $0 + x[$1, j] * x[$1, k] } } }
        let variance = solution.residualSumOfSquares / Double(n - p)
        let inverseDiagonal = try Self.inverseDiagonal(gram)
        standardErrors = inverseDiagonal.map { (variance * max(0, $0)).squareRoot() }
    }

    /// The diagonal of A⁻¹ for symmetric positive-definite A = L·Lᵀ:
    /// [A⁻¹]ⱼⱼ = ‖L⁻¹ eⱼ‖², L⁻¹ eⱼ by forward substitution.
    private static func inverseDiagonal(_ a: Matrix) throws(LinearAlgebraError) -> [Double] {
        let lower: Matrix
        do { lower = try Cholesky(a).lower } catch {
            throw .rankDeficient(rows: a.rows, columns: a.columns, reciprocalCondition: 0, threshold: 0)
        }
        let p = a.rows
        return (0..<p).map { j in
            var z = [Double](repeating: 0, count: p)
            for i in j..<p {
                var sum = i == j ? 1.0 : 0.0
                for k in j..<i { sum -= lower[i, k] * z[k] }
                z[i] = sum / lower[i, i]
            }
            return z.reduce(0) { $0 + $1 * $1 }
        }
    }
}
