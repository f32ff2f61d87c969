/// A dense `rows` × `columns` matrix of `Double` in one contiguous array, with
/// an explicit storage layout.
///
/// Element (i, j) lives at `elements[i · columns + j]` in ``Layout/rowMajor``
/// and at `elements[i + j · rows]` in ``Layout/columnMajor``; subscripting by
/// `(row, column)` hides the difference. The leading dimension is the tight
/// one (`columns` or `rows`). Value semantics: copies share storage until one
/// is written (copy on write of the underlying array).
public struct Matrix: Sendable, Equatable {
    /// How the elements are ordered in ``elements``.
    public enum Layout: Sendable, Equatable {
        /// Rows one after another (C order).
        case rowMajor
        /// Columns one after another (Fortran/LAPACK order).
        case columnMajor
    }

    public let rows: Int
    public let columns: Int
    public let layout: Layout
    /// The `rows · columns` elements in ``layout`` order.
    public internal(set) var elements: [Double]

    /// A matrix with every element `value`. O(rows · columns).
    ///
    /// - Precondition: `rows ≥ 0`, `columns ≥ 0`.
    public init(rows: Int, columns: Int, layout: Layout = .rowMajor, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix needs rows ≥ 0 and columns ≥ 0")
        self.init(rows: rows, columns: columns, layout: layout,
                  elements: Array(repeating: value, count: rows * columns))
    }

    /// A matrix over `elements` given in `layout` order. O(1).
    ///
    /// - Precondition: `elements.count == rows · columns`.
    public init(rows: Int, columns: Int, layout: Layout = .rowMajor, elements: [Double]) {
        precondition(rows >= 0 && columns >= 0 && elements.count == rows * columns,
                     "Matrix needs rows · columns elements; got \(elements.count) for \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.layout = layout
        self.elements = elements
    }

    /// A matrix from a list of rows, stored in `layout`. O(rows · columns).
    ///
    /// - Precondition: every row has the same number of elements.
    public init(_ rowList: [[Double]], layout: Layout = .rowMajor) {
        let columns = rowList.first?.count ?? 0
        precondition(rowList.allSatisfy { $0.count == columns }, "Matrix rows must have equal lengths")
        self.init(rows: rowList.count, columns: columns, layout: layout)
        for (row, values) in rowList.enumerated() {
            for (column, value) in values.enumerated() { self[row, column] = value }
        }
    }

    /// The distance in ``elements`` between consecutive rows (row-major) or
    /// columns (column-major): BLAS's `ld`, never less than 1.
    public var leadingDimension: Int {
        max(1, layout == .rowMajor ? columns : rows)
    }

    /// The element in row `row`, column `column` (zero-based). O(1).
    public subscript(row: Int, column: Int) -> Double {
        get { elements[offset(row, column)] }
        set { elements[offset(row, column)] = newValue }
    }

    /// The same matrix stored in `layout`. O(rows · columns); O(1) when the
    /// layout is already `layout`.
    public func converted(to layout: Layout) -> Matrix {
        if layout == self.layout { return self }
        var result = Matrix(rows: rows, columns: columns, layout: layout)
        for row in 0..<rows {
            for column in 0..<columns { result[row, column] = self[row, column] }
        }
        return result
    }

    private func offset(_ row: Int, _ column: Int) -> Int {
        precondition(row >= 0 && row < rows && column >= 0 && column < columns,
                     "Matrix index (\(row), \(column)) out of range for \(rows) × \(columns)")
        return layout == .rowMajor ? row * columns + column : row + column * rows
    }
}

extension Matrix: CustomStringConvertible {
    /// One bracketed line per row, e.g. `[[1.0, 2.0], [3.0, 4.0]]`.
    public var description: String {
        let lines = (0..<rows).map { row in
            "[" + (0..<columns).map { String(self[row, $0]) }.joined(separator: ", ") + "]"
        }
        return "[" + lines.joined(separator: ", ") + "]"
    }
}
