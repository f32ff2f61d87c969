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
