extension Model {
    /// A correlation matrix over named random inputs of the forecast.
    ///
    /// Inputs are `growth` (the path's growth rate), `peak_factor` and
    /// `<service>.noise`; inputs not named are independent of all others.
    /// The matrix is symmetric with a unit diagonal and entries in [−1, 1];
    /// it must be positive semi-definite (checked when the forecast factors it).
    public struct Correlations: Sendable, Equatable {
        public var inputs: [String]
        /// Row-major, `inputs.count` × `inputs.count`.
        public var matrix: [Double]

        public init(inputs: [String], matrix: [Double]) {
            precondition(matrix.count == inputs.count * inputs.count, "matrix must be n × n")
            self.inputs = inputs
            self.matrix = matrix
        }

        /// The entry in row `row`, column `column`.
        public subscript(row: Int, column: Int) -> Double { matrix[row * inputs.count + column] }
    }
}

extension Model.Correlations {
    /// The matrix as a row-major ``Matrix``.
    public var asMatrix: Matrix { Matrix(rows: inputs.count, columns: inputs.count, elements: matrix) }

    /// The smallest eigenvalue: the matrix is a valid correlation matrix
    /// (positive semi-definite) when it is ≥ −n·1e-12.
    public func smallestEigenvalue() throws(LinearAlgebraError) -> Double {
        try SymmetricEigen(asMatrix, labels: inputs).values[0]
    }

    /// The nearest valid correlation matrix in the Frobenius norm, by Higham's
    /// alternating projections with Dykstra's correction ("Computing the nearest
    /// correlation matrix — a problem from finance", IMA J. Numer. Anal. 22, 2002):
    ///
    ///     R = Y − ΔS,  X = P_S(R) (negative eigenvalues clipped),  ΔS = X − R,  Y = P_U(X) (unit diagonal)
    ///
    /// Row-major, n × n, entries rounded to three decimals and shrunk towards the
    /// identity until the rounded matrix is itself semi-definite.
    public func nearestValid() throws(LinearAlgebraError) -> [Double] {
        let n = inputs.count
        var y = matrix
        var correction = [Double](repeating: 0, count: n * n)
        for _ in 0..<200 {
            let r = zip(y, correction).map { $0 - $1 }
            let eigen = try SymmetricEigen(Matrix(rows: n, columns: n, elements: r), labels: inputs)
            var x = [Double](repeating: 0, count: n * n)
            for k in 0..<n where eigen.values[k] > 0 {
                for i in 0..<n {
                    for j in 0..<n { x[i * n + j] += eigen.values[k] * eigen.vectors[i, k] * eigen.vectors[j, k] }
                }
            }
            correction = zip(x, r).map { $0 - $1 }
            var next = x
            for i in 0..<n { next[i * n + i] = 1 }
            let change = zip(next, y).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
            y = next
            if change < 1e-20 { break }
        }
        // Round for people, then pull towards the identity until valid.
        var shrink = 1.0
        while true {
            let candidate = (0..<(n * n)).map { index in
                index / n == index % n ? 1 : ((y[index] * shrink * 1000).rounded(.towardZero) / 1000)
            }
            let valid = Model.Correlations(inputs: inputs, matrix: candidate)
            if try valid.smallestEigenvalue() >= 0 || shrink < 0.5 { return candidate }
            shrink -= 0.001
        }
    }
}
