import Foundation
import Yams

/// The `correlations:` section and its positive semi-definiteness.
extension ModelLoader {
    static func readCorrelations(_ fields: Fields, services: [Model.Service],
                                 _ reader: YAMLReader) -> Model.Correlations? {
        let known = ["growth", "peak_factor"] + services.map { "\($0.name).noise" }
        var inputs: [String] = []
        var valid = true
        for (node, path) in fields.list("inputs", required: true, nonEmpty: true) {
            let name = node.scalar?.string ?? ""
            if !known.contains(name) {
                reader.report(node, path, "\(path) names no random input; got \(YAMLReader.describe(node))",
                              hint: YAMLReader.suggestion(for: name, among: known)
                                .replacingOccurrences(of: "allowed keys", with: "inputs are"))
                valid = false
            } else if inputs.contains(name) {
                reader.report(node, path, "\(path) repeats input `\(name)`")
                valid = false
            }
            inputs.append(name)
        }
        let rows = fields.list("matrix", required: true)
        guard valid, !inputs.isEmpty else { return nil }
        let n = inputs.count
        if !rows.isEmpty && rows.count != n {
            reader.report(fields["matrix"], fields.path("matrix"),
                          "\(fields.path("matrix")) must have \(n) rows, one per input; got \(rows.count)")
            return nil
        }
        var matrix: [Double] = []
        for (row, (node, path)) in rows.enumerated() {
            guard let entries = node.sequence, entries.count == n else {
                reader.report(node, path, "\(path) must be a list of \(n) numbers; got \(YAMLReader.describe(node))")
                return nil
            }
            for (column, entry) in entries.enumerated() {
                let entryPath = "\(path)[\(column)]"
                guard let value = Fields.number(entry, at: entryPath, .correlation, percent: false, reader: reader)
                else { valid = false; matrix.append(0); continue }
                if row == column && value != 1 {
                    reader.report(entry, entryPath, "\(entryPath) is on the diagonal and must be 1; got \(NumberFormat.exact(value))")
                    valid = false
                }
                matrix.append(value)
            }
        }
        guard valid, matrix.count == n * n else { return nil }
        for row in 0..<n {
            for column in (row + 1)..<n where matrix[row * n + column] != matrix[column * n + row] {
                reader.report(rows[column].node, "\(fields.path("matrix"))[\(column)][\(row)]",
                              "correlation matrix must be symmetric: [\(row)][\(column)] = \(NumberFormat.exact(matrix[row * n + column])) but [\(column)][\(row)] = \(NumberFormat.exact(matrix[column * n + row]))")
                valid = false
            }
        }
        guard valid else { return nil }
        let correlations = Model.Correlations(inputs: inputs, matrix: matrix)
        checkSemiDefinite(correlations, at: fields, reader)
        return correlations
    }

    /// A correlation matrix must be positive semi-definite; if not, say so and
    /// suggest the nearest valid one.
    static func checkSemiDefinite(_ correlations: Model.Correlations, at fields: Fields,
                                  _ reader: YAMLReader) {
        let n = correlations.inputs.count
        guard let smallest = try? correlations.smallestEigenvalue(), smallest < -1e-12 * Double(n),
              let nearest = try? correlations.nearestValid() else { return }
        let rows = (0..<n).map { i in "[" + (0..<n).map { NumberFormat.exact(nearest[i * n + $0]) }.joined(separator: ", ") + "]" }
        reader.report(fields["matrix"], fields.path("matrix"),
                      "correlations.matrix over (\(correlations.inputs.joined(separator: ", "))) is not positive semi-definite "
                        + "(smallest eigenvalue \(String(format: "%.4g", smallest))): no random inputs can have these correlations",
                      hint: "the nearest valid matrix is [\(rows.joined(separator: ", "))]")
    }
}
