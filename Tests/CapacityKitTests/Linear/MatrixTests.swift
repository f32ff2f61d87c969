import Testing
@testable import CapacityKit

@Suite("Linear: Matrix")
struct LinearMatrixTests {
    @Test("row-major stores rows one after another, column-major columns")
    func storageOrder() {
        // [[1, 2, 3], [4, 5, 6]]: C order 1 2 3 4 5 6, Fortran order 1 4 2 5 3 6.
        let rows: [[Double]] = [[1, 2, 3], [4, 5, 6]]
        let rowMajor = Matrix(rows, layout: .rowMajor)
        let columnMajor = Matrix(rows, layout: .columnMajor)
        #expect(rowMajor.elements == [1, 2, 3, 4, 5, 6])
        #expect(columnMajor.elements == [1, 4, 2, 5, 3, 6])
        #expect(rowMajor.leadingDimension == 3)
        #expect(columnMajor.leadingDimension == 2)
        for row in 0..<2 {
            for column in 0..<3 {
                #expect(rowMajor[row, column] == rows[row][column])
                #expect(columnMajor[row, column] == rows[row][column])
            }
        }
    }

    @Test("subscript writes land at the layout's offset; conversion keeps every element")
    func writeAndConvert() {
        var matrix = Matrix(rows: 2, columns: 3, layout: .columnMajor)
        matrix[1, 2] = 7  // column-major offset 1 + 2 · 2 = 5
        #expect(matrix.elements == [0, 0, 0, 0, 0, 7])
        let converted = matrix.converted(to: .rowMajor)  // row-major offset 1 · 3 + 2 = 5
        #expect(converted.layout == .rowMajor)
        #expect(converted.elements == [0, 0, 0, 0, 0, 7])
        #expect(converted.converted(to: .columnMajor) == matrix)
    }

    @Test("copies are independent values")
    func valueSemantics() {
        let original = Matrix([[1, 2], [3, 4]])
        var copy = original
        copy[0, 0] = 9
        #expect(original[0, 0] == 1)
        #expect(copy[0, 0] == 9)
        #expect(original.description == "[[1.0, 2.0], [3.0, 4.0]]")
    }
}
