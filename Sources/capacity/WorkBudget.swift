import ArgumentParser
import CapacityKit

/// The work budget, checked before a run starts: a run over it is refused as a
/// usage error (64) that says the estimate and the flags to lower.
enum WorkBudget {
    /// Throws the usage error of `estimate` when it is refused (``WorkEstimate/isRefused``);
    /// `context` (a scenario) prefixes the message.
    static func check(_ estimate: WorkEstimate, context: String? = nil) throws {
        guard let problem = estimate.problem else { return }
        throw CommandFailure.usage(context.map { "\($0): \(problem)" } ?? problem)
    }
}
