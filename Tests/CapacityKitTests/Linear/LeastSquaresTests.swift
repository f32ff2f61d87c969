import Testing
@testable import CapacityKit

@Suite("Linear: LeastSquares")
struct LinearLeastSquaresTests {
    static let layouts: [Matrix.Layout] = [.rowMajor, .columnMajor]

    /// Points (0, 1), (1, 3), (2, 5) lie on y = 1 + 2x: with rows [1, x],
    /// the fit is exact, x = (1, 2) and the residual is 0.
    @Test("three points on a line are fitted exactly", arguments: layouts)
    func exactLine(layout: Matrix.Layout) throws {
        let fit = try LeastSquares(Matrix([[1, 0], [1, 1], [1, 2]], layout: layout), [1, 3, 5])
        #expect(maxAbsDifference(fit.solution, [1, 2]) <= 1e-14)
        #expect(fit.residualSumOfSquares <= 1e-28)
    }

    /// Points (0, 1), (1, 2), (2, 2), (3, 4), model y = c + s·x. Normal equations
    /// by hand: AᵀA = [[n, Σx], [Σx, Σx²]] = [[4, 6], [6, 14]],
    /// Aᵀb = [Σy, Σxy] = [9, 0 + 2 + 4 + 12] = [9, 18], det = 56 − 36 = 20,
    /// c = (14·9 − 6·18)/20 = 18/20 = 0.9, s = (4·18 − 6·9)/20 = 18/20 = 0.9.
    /// Residuals y − (0.9 + 0.9x) = 0.1, 0.2, −0.7, 0.4; RSS = 0.01 + 0.04 + 0.49 + 0.16 = 0.70.
    @Test("overdetermined line fit matches the hand-solved normal equations", arguments: layouts)
    func overdetermined(layout: Matrix.Layout) throws {
        let a = Matrix([[1, 0], [1, 1], [1, 2], [1, 3]], layout: layout)
        let fit = try LeastSquares(a, [1, 2, 2, 4])
        #expect(maxAbsDifference(fit.solution, [0.9, 0.9]) <= 1e-14)
        #expect(abs(fit.residualSumOfSquares - 0.70) <= 1e-14)
    }

    /// Underdetermined, minimum norm x = Aᵀ(AAᵀ)⁻¹b:
    /// A = [[1, 0, 1], [0, 1, 0]], b = (2, 3): AAᵀ = [[2, 0], [0, 1]],
    /// (AAᵀ)⁻¹b = (1, 3), x = Aᵀ(1, 3) = (1, 3, 1).
    @Test("underdetermined system gives the minimum-norm solution", arguments: layouts)
    func underdetermined(layout: Matrix.Layout) throws {
        let fit = try LeastSquares(Matrix([[1, 0, 1], [0, 1, 0]], layout: layout), [2, 3])
        #expect(maxAbsDifference(fit.solution, [1, 3, 1]) <= 1e-14)
        #expect(fit.residualSumOfSquares == 0)
    }

    /// Second column = 2 × first: rank 1 < 2. Also the underdetermined
    /// transpose-like case, second row = 2 × first.
    @Test("rank-deficient matrices are refused with a clear message", arguments: layouts)
    func rankDeficient(layout: Matrix.Layout) {
        for (matrix, b, dependent) in [
            (Matrix([[1, 2], [2, 4], [3, 6]], layout: layout), [1.0, 2, 3], "columns"),
            (Matrix([[1, 2, 3], [2, 4, 6]], layout: layout), [1.0, 2], "rows"),
        ] {
            do {
                _ = try LeastSquares(matrix, b)
                Issue.record("expected rankDeficient for \(matrix)")
            } catch {
                guard case let .rankDeficient(rows, columns, reciprocalCondition, threshold) = error else {
                    Issue.record("expected rankDeficient, got \(error)")
                    continue
                }
                #expect(rows == matrix.rows && columns == matrix.columns)
                #expect(reciprocalCondition <= threshold)
                #expect(error.description.hasPrefix("least-squares matrix (\(rows) × \(columns)) is rank deficient: "
                                                    + "its \(dependent) are linearly dependent"))
            }
        }
    }

    /// A zero column makes R's second diagonal element exactly 0: dgels
    /// itself reports it (info 2) and the reported condition is 0.
    @Test("a zero column is reported by dgels itself", arguments: layouts)
    func zeroColumn(layout: Matrix.Layout) {
        #expect(throws: LinearAlgebraError.rankDeficient(rows: 3, columns: 2, reciprocalCondition: 0,
                                                         threshold: 10 * 3 * Double.ulpOfOne)) {
            try LeastSquares(Matrix([[1, 0], [2, 0], [3, 0]], layout: layout), [1, 2, 3])
        }
    }

    @Test("rank-deficient message text")
    func rankDeficientMessage() {
        let error = LinearAlgebraError.rankDeficient(rows: 3, columns: 2, reciprocalCondition: 0, threshold: 1e-15)
        #expect(error.description == "least-squares matrix (3 × 2) is rank deficient: its columns are "
                + "linearly dependent (reciprocal condition number 0.0 ≤ 1e-15)")
    }
}
