@testable import CapacityKit

/// The largest |xᵢ − yᵢ| (∞ when the lengths differ).
func maxAbsDifference(_ x: [Double], _ y: [Double]) -> Double {
    guard x.count == y.count else { return .infinity }
    return zip(x, y).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// The largest |aᵢⱼ − bᵢⱼ| over all (i, j), whatever the layouts (∞ when the shapes differ).
func maxAbsDifference(_ a: Matrix, _ b: Matrix) -> Double {
    guard a.rows == b.rows && a.columns == b.columns else { return .infinity }
    return maxAbsDifference(a.converted(to: .rowMajor).elements, b.converted(to: .rowMajor).elements)
}

/// The transpose of `matrix`, in `matrix`'s layout.
func transposed(_ matrix: Matrix) -> Matrix {
    var result = Matrix(rows: matrix.columns, columns: matrix.rows, layout: matrix.layout)
    for row in 0..<matrix.rows {
        for column in 0..<matrix.columns { result[column, row] = matrix[row, column] }
    }
    return result
}
