/// Correlates the forecast's standard normal inputs as the model's
/// `correlations:` section says, with a Cholesky factor from LAPACK and one
/// GEMM from OpenBLAS per chunk.
///
/// The inputs are z = (growth, peak_factor, noise₁ … noise_S) with correlation
/// matrix C (identity where the model says nothing) and C = L·Lᵀ. The growth
/// rate is drawn once per path and the others every month, so each month draws
/// independent n and sets
///
///     (peak, noise)_m = L[1…, 0] · n_growth + L[1…, 1…] · n_m
///
/// which gives every month exactly the correlations of C, growth included,
/// and independent months. A semi-definite C (a correlation of ±1, say) is
/// factored as (C + 10⁻¹⁰ I)/(1 + 10⁻¹⁰); the model loader has already refused
/// a C that is not semi-definite.
struct InputCorrelation: Sendable, Equatable {
    /// L[1…, 0…]: (n − 1) × n, column-major, the matrix B in Y = X · Bᵀ.
    let factor: [Double]
    let inputs: Int

    /// nil when the model has no correlations (the inputs stay independent).
    init?(model: Model) throws {
        guard let correlations = model.correlations else { return nil }
        let names = ["growth", "peak_factor"] + model.services.map { "\($0.name).noise" }
        let n = names.count
        var full = Matrix(rows: n, columns: n)
        for i in 0..<n { full[i, i] = 1 }
        let positions = correlations.inputs.map { names.firstIndex(of: $0)! }
        for (a, i) in positions.enumerated() {
            for (b, j) in positions.enumerated() where i != j { full[i, j] = correlations[a, b] }
        }
        let lower: Matrix
        do {
            lower = try Cholesky(full, labels: names).lower
        } catch {
            let jitter = 1e-10
            var nudged = full
            for i in 0..<n {
                for j in 0..<n { nudged[i, j] = (full[i, j] + (i == j ? jitter : 0)) / (1 + jitter) }
            }
            do {
                lower = try Cholesky(nudged, labels: names).lower
            } catch {
                throw ForecastError.correlation("correlations: \(error.description)")
            }
        }
        var factor = [Double](repeating: 0, count: (n - 1) * n)
        for row in 1..<n {
            for column in 0..<n { factor[column * (n - 1) + (row - 1)] = lower[row, column] }
        }
        self.factor = factor
        inputs = n
    }

    /// Replaces the correlated monthly inputs in place. `monthly` holds columns of
    /// `rows` = months × paths normals (volatility first, then peak factor and
    /// noises); `growth` one normal per path, repeated for every month.
    func apply(growth: UnsafeBufferPointer<Double>, monthly: UnsafeMutableBufferPointer<Double>,
               rows: Int, pathsPerMonth: Int) {
        let n = inputs
        let x = UnsafeMutableBufferPointer<Double>.allocate(capacity: rows * n)
        defer { x.deallocate() }
        for row in 0..<rows { x[row] = growth[row % pathsPerMonth] }
        for index in 0..<(rows * (n - 1)) { x[rows + index] = monthly[rows + index] }
        factor.withUnsafeBufferPointer { b in
            BLAS.gemm(layout: .columnMajor, transposeA: false, transposeB: true, m: rows, n: n - 1, k: n,
                      a: UnsafeBufferPointer(x), b: b,
                      c: UnsafeMutableBufferPointer(rebasing: monthly[rows..<(rows * n)]))
        }
    }
}
