import CapacityKit
import Foundation

/// One fuzz input: model-file bytes. Whatever the loader accepts must run to
/// a sound answer through every engine at tiny path counts (deploy and sla
/// within their work budget, the forecast over 3 months), and no writer may
/// print `nan` or `inf` (unless the file itself has that word, e.g. as a
/// name); whatever it refuses must be refused with diagnostics,
/// never a trap. A violation stops the process (libFuzzer reports a crash).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    guard let text = String(validating: data, as: UTF8.self) else { return 0 }
    let validated: ValidatedModel
    do {
        validated = try ModelLoader.validate(text, file: "fuzz.yaml", today: nil)
    } catch let error as ModelError {
        precondition(!error.diagnostics.isEmpty, "a refused model must say why")
        return 0
    } catch {
        preconditionFailure("unexpected error \(error)")
    }
    let model = validated.model
    var outputs: [String] = []
    if let deployment = validated.deployment {
        let options = DeploymentOddsOptions(paths: 64, seed: 1, threads: 1)
        if !DeploymentOdds.workEstimate(deployment, options: options).exceedsBudget,
           let result = try? DeploymentOdds.run(deployment, options: options) {
            let outcomes = result.outcomes
            let total = outcomes.success + outcomes.blocked + outcomes.rolledBack + outcomes.unrecoverable
            precondition(abs(total - 1) < 1e-9, "deployment outcomes sum to \(total)")
            let writer = DeploymentWriter(result, modelName: model.name)
            outputs += OutputFormat.allCases.map { writer.render($0) }
        }
    }
    if let availability = validated.availability {
        let options = OutageSimulation.Options(years: 1, paths: 4)
        if !OutageSimulation.workEstimate(availability, options: options).isRefused {
            let analysis = AvailabilityAnalysis(availability)
            precondition(abs(analysis.availability + analysis.unavailability - 1) < 1e-9,
                         "availability + unavailability = \(analysis.availability + analysis.unavailability)")
            let writer = SLAWriter(modelName: model.name, analysis: analysis,
                                   simulation: OutageSimulation(availability, options: options))
            outputs += OutputFormat.allCases.map { writer.render($0) }
        }
    }
    if let result = try? MemoryForecast.run(validated, options: ForecastOptions(months: 3, paths: 64, seed: 1, threads: 1)) {
        let writer = ForecastWriter(result)
        outputs += OutputFormat.allCases.map { writer.render($0) }
    }
    // A name the file itself gives (a component called `nan`) is echoed, not computed.
    let given = Set(text.split(whereSeparator: { !$0.isLetter }))
    for output in outputs {
        for word in output.split(whereSeparator: { !$0.isLetter })
        where (word == "nan" || word == "inf") && !given.contains(word) {
            preconditionFailure("`\(word)` in an output:\n\(output)")
        }
    }
    return 0
}
