import Testing
@testable import CapacityKit

@Suite("Linear: SymmetricEigen")
struct LinearSymmetricEigenTests {
    /// [[2, 1], [1, 2]]: det(A − λI) = (2 − λ)² − 1 = 0 ⇒ λ = 1, 3, with unit
    /// eigenvectors (1, −1)/√2 and (1, 1)/√2 (up to sign).
    @Test("[[2, 1], [1, 2]] has eigenvalues 1 and 3", arguments: [Matrix.Layout.rowMajor, .columnMajor])
    func twoByTwo(layout: Matrix.Layout) throws {
        let a = Matrix([[2, 1], [1, 2]], layout: layout)
        let eigen = try SymmetricEigen(a)
        #expect(maxAbsDifference(eigen.values, [1, 3]) <= 1e-14)
        #expect(eigen.vectors.layout == layout)
        let half = 0.5.squareRoot()
        // Column 0 ∝ (1, −1), column 1 ∝ (1, 1); signs are arbitrary.
        #expect(abs(eigen.vectors[0, 0] * eigen.vectors[1, 0] + 0.5) <= 1e-14)
        #expect(abs(eigen.vectors[0, 1] * eigen.vectors[1, 1] - 0.5) <= 1e-14)
        for column in 0..<2 {
            for row in 0..<2 { #expect(abs(abs(eigen.vectors[row, column]) - half) <= 1e-14) }
        }
        // A·V = V·diag(λ).
        var av = Matrix(rows: 2, columns: 2, layout: layout)
        BLAS.gemm(a, eigen.vectors, into: &av)
        for row in 0..<2 {
            for column in 0..<2 {
                #expect(abs(av[row, column] - eigen.vectors[row, column] * eigen.values[column]) <= 1e-14)
            }
        }
    }

    /// Semi-definiteness as the forecast tests it:
    /// [[1, 1], [1, 1]]: trace 2, det 0 ⇒ λ = 0, 2 (PSD, singular);
    /// [[1, 2], [2, 1]]: (1 − λ)² = 4 ⇒ λ = −1, 3 (not PSD).
    @Test("eigenvalues ascending reveal semi-definite and indefinite matrices")
    func definiteness() throws {
        let singular = try SymmetricEigen(Matrix([[1, 1], [1, 1]]))
        #expect(maxAbsDifference(singular.values, [0, 2]) <= 1e-14)
        let indefinite = try SymmetricEigen(Matrix([[1, 2], [2, 1]], layout: .columnMajor))
        #expect(maxAbsDifference(indefinite.values, [-1, 3]) <= 1e-14)
    }

    /// The diagonal matrix diag(5, −2, 3) has eigenvalues −2, 3, 5 (sorted) and
    /// the unit vectors e₂, e₃, e₁ as eigenvectors, up to sign.
    @Test("a diagonal matrix: sorted diagonal, permuted unit vectors")
    func diagonal() throws {
        let eigen = try SymmetricEigen(Matrix([[5, 0, 0], [0, -2, 0], [0, 0, 3]]))
        #expect(eigen.values == [-2, 3, 5])
        let expected = Matrix([[0, 0, 1], [1, 0, 0], [0, 1, 0]])
        for row in 0..<3 {
            for column in 0..<3 { #expect(abs(eigen.vectors[row, column]) == expected[row, column]) }
        }
    }

    @Test("an asymmetric matrix is refused")
    func asymmetric() {
        #expect(throws: LinearAlgebraError.notSymmetric(row: 1, column: 0, labels: ["a", "b"])) {
            try SymmetricEigen(Matrix([[2, 1], [0, 2]]), labels: ["a", "b"])
        }
    }
}
