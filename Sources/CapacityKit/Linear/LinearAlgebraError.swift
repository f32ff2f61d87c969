/// Why a factorisation or solve could not be carried out on the given data.
///
/// Bad shapes and non-finite entries are programmer errors (preconditions);
/// these cases are properties of valid-looking input that only the
/// computation reveals. Where the caller passed labels for the rows (e.g.
/// `["growth", "peak_factor"]`), the message names the input at fault.
public enum LinearAlgebraError: Error, Sendable, Equatable {
    /// Entries (row, column) and (column, row) differ by more than rounding
    /// (zero-based indices).
    case notSymmetric(row: Int, column: Int, labels: [String]?)
    /// The leading minor of order `order` (its first `order` rows and
    /// columns, 1 ≤ order ≤ n) is not positive; the earlier ones are.
    case notPositiveDefinite(order: Int, labels: [String]?)
    /// The `rows` × `columns` least-squares matrix does not have full rank:
    /// its estimated reciprocal condition number is at or below `threshold`
    /// (0 when a diagonal element of its triangular factor is exactly zero).
    case rankDeficient(rows: Int, columns: Int, reciprocalCondition: Double, threshold: Double)
    /// The symmetric eigensolver did not converge (LAPACK `info`).
    case eigenvaluesDidNotConverge(info: Int)
}

extension LinearAlgebraError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .notSymmetric(row, column, labels):
            let entry = Self.entryName(row, column, labels)
            let mirror = Self.entryName(column, row, labels)
            return "matrix is not symmetric: entry \(entry) differs from entry \(mirror)"

        case let .notPositiveDefinite(order, labels):
            let head = "matrix is not positive definite: leading minor of order \(order) is not positive"
            guard let labels else {
                return order == 1
                    ? "\(head) (the first diagonal entry is ≤ 0)"
                    : "\(head); row \(order) is a linear combination of, or inconsistent with, the rows before it"
            }
            let input = "\"\(labels[order - 1])\""
            if order == 1 { return "\(head): the diagonal entry of \(input) is ≤ 0" }
            let before = labels[..<(order - 1)].map { "\"\($0)\"" }.joined(separator: ", ")
            return "\(head); \(input) is a linear combination of, or inconsistent with, "
                + "the inputs before it (\(before))"

        case let .rankDeficient(rows, columns, reciprocalCondition, threshold):
            let dependent = rows >= columns ? "columns" : "rows"
            return "least-squares matrix (\(rows) × \(columns)) is rank deficient: its \(dependent) are "
                + "linearly dependent (reciprocal condition number \(reciprocalCondition) ≤ \(threshold))"

        case let .eigenvaluesDidNotConverge(info):
            return "symmetric eigendecomposition did not converge (LAPACK dsyevd info \(info))"
        }
    }

    private static func entryName(_ row: Int, _ column: Int, _ labels: [String]?) -> String {
        guard let labels else { return "[\(row), \(column)]" }
        return "[\"\(labels[row])\", \"\(labels[column])\"]"
    }
}
