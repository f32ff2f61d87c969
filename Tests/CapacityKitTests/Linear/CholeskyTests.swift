import Testing
@testable import CapacityKit

@Suite("Linear: Cholesky")
struct LinearCholeskyTests {
    /// Published example (Wikipedia, "Cholesky decomposition", Example):
    ///
    ///     [[  4,  12, -16],       [[ 2, 0, 0],
    ///      [ 12,  37, -43],  = L·Lᵀ, L = [ 6, 1, 0],
    ///      [-16, -43,  98]]        [-8, 5, 3]]
    ///
    /// By hand: l₁₁ = √4 = 2; l₂₁ = 12/2 = 6; l₃₁ = −16/2 = −8;
    /// l₂₂ = √(37 − 6²) = 1; l₃₂ = (−43 − 6·(−8))/1 = 5;
    /// l₃₃ = √(98 − (−8)² − 5²) = √9 = 3.
    @Test("3×3 SPD matrix gives the published factor, in both layouts",
          arguments: [Matrix.Layout.rowMajor, .columnMajor])
    func knownFactor(layout: Matrix.Layout) throws {
        let a = Matrix([[4, 12, -16], [12, 37, -43], [-16, -43, 98]], layout: layout)
        let cholesky = try Cholesky(a)
        #expect(cholesky.lower.layout == layout)
        #expect(maxAbsDifference(cholesky.lower, Matrix([[2, 0, 0], [6, 1, 0], [-8, 5, 3]])) <= 1e-12)
        // L·Lᵀ reproduces A.
        var product = Matrix(rows: 3, columns: 3)
        BLAS.gemm(cholesky.lower, cholesky.lower, into: &product, transposeB: true)
        #expect(maxAbsDifference(product, a) <= 1e-12)
    }

    /// [[1, 0.9, 0.9], [0.9, 1, −0.9], [0.9, −0.9, 1]]: the 2×2 leading minor
    /// is 1 − 0.81 = 0.19 > 0, but the determinant is
    /// 1·0.19 − 0.9·(0.9 + 0.81) + 0.9·(−0.81 − 0.9) = −2.888 < 0: "api.noise"
    /// cannot be 0.9-correlated with both growth and peak_factor while those
    /// two are 0.9-correlated and it is −0.9-correlated with peak_factor. In
    /// the factor: l₃₁ = 0.9, l₃₂ = (−0.9 − 0.81)/√0.19, l₃₃² = 1 − 0.81 − 1.71²/0.19 < 0.
    @Test("not positive definite at order 3: the message names the third input and those before it")
    func notPositiveDefiniteNamesInput() {
        let correlations = Matrix([[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]])
        let labels = ["growth", "peak_factor", "api.noise"]
        #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 3, labels: labels)) {
            try Cholesky(correlations, labels: labels)
        }
        let error = LinearAlgebraError.notPositiveDefinite(order: 3, labels: labels)
        #expect(error.description == """
            matrix is not positive definite: leading minor of order 3 is not positive; \
            "api.noise" is a linear combination of, or inconsistent with, the inputs before it \
            ("growth", "peak_factor")
            """)
    }

    /// Correlation exactly 1: the 2×2 minor is 1 − 1² = 0, which is not positive
    /// (semi-definite only), so dpotrf stops at order 2.
    @Test("perfect correlation fails at order 2 and names peak_factor")
    func perfectCorrelation() throws {
        let labels = ["growth", "peak_factor"]
        do {
            _ = try Cholesky(Matrix([[1, 1], [1, 1]], layout: .columnMajor), labels: labels)
            Issue.record("expected notPositiveDefinite")
        } catch {
            #expect(error == .notPositiveDefinite(order: 2, labels: labels))
            #expect(error.description == """
                matrix is not positive definite: leading minor of order 2 is not positive; \
                "peak_factor" is a linear combination of, or inconsistent with, the inputs before it ("growth")
                """)
        }
    }

    @Test("a non-positive first diagonal entry, with and without labels")
    func firstDiagonal() {
        let matrix = Matrix([[-1, 0], [0, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 1, labels: ["growth", "peak_factor"])) {
            try Cholesky(matrix, labels: ["growth", "peak_factor"])
        }
        #expect(LinearAlgebraError.notPositiveDefinite(order: 1, labels: ["growth", "peak_factor"]).description
                == "matrix is not positive definite: leading minor of order 1 is not positive: "
                + "the diagonal entry of \"growth\" is ≤ 0")
        #expect(LinearAlgebraError.notPositiveDefinite(order: 2, labels: nil).description
                == "matrix is not positive definite: leading minor of order 2 is not positive; "
                + "row 2 is a linear combination of, or inconsistent with, the rows before it")
    }

    /// dpotrf reads only the lower triangle: [[1, 0.5], [0.3, 1]] would be
    /// factored as if it were [[1, 0.3], [0.3, 1]]; it must be refused.
    @Test("an asymmetric matrix is refused, naming the entries")
    func asymmetric() {
        let labels = ["growth", "peak_factor"]
        #expect(throws: LinearAlgebraError.notSymmetric(row: 1, column: 0, labels: labels)) {
            try Cholesky(Matrix([[1, 0.5], [0.3, 1]]), labels: labels)
        }
        #expect(LinearAlgebraError.notSymmetric(row: 1, column: 0, labels: labels).description
                == "matrix is not symmetric: entry [\"peak_factor\", \"growth\"] differs from "
                + "entry [\"growth\", \"peak_factor\"]")
        #expect(LinearAlgebraError.notSymmetric(row: 1, column: 0, labels: nil).description
                == "matrix is not symmetric: entry [1, 0] differs from entry [0, 1]")
    }

    /// AᵀA from gemm may differ from exact symmetry by rounding; a difference of
    /// one ulp of the largest entry is within 2·n·ε·max|a| and accepted.
    @Test("rounding-level asymmetry is accepted")
    func roundingAsymmetry() throws {
        let a = Matrix([[4, 2], [(2.0).nextUp, 3]])  // l₁₁ = 2, l₂₁ = 1, l₂₂ = √(3 − 1) = √2
        let cholesky = try Cholesky(a)
        #expect(maxAbsDifference(cholesky.lower, Matrix([[2, 0], [1, (2.0).squareRoot()]])) <= 1e-12)
    }
}
