/// A section of a model that has passed the contract's rules: a ``ValidatedModel``'s
/// `deployment` or `availability`, or a quick form's (`--stage`, `--component`) read
/// and checked by the same rules. What the section engines (``DeploymentOdds``,
/// ``AvailabilityAnalysis``, ``OutageSimulation``) accept, so that nothing unchecked
/// reaches them.
public struct Validated<Section: Sendable>: Sendable {
    public let section: Section

    /// A section the rules have checked (the loader, ``ValidatedModel``, a quick form).
    init(checked section: Section) {
        self.section = section
    }
}

extension ValidatedModel {
    /// The model's deployment pipeline, checked with the model; nil without one.
    public var deployment: Validated<Model.Deployment>? { model.deployment.map(Validated.init(checked:)) }
    /// The model's availability section, checked with the model; nil without one.
    public var availability: Validated<Model.Availability>? { model.availability.map(Validated.init(checked:)) }
}
