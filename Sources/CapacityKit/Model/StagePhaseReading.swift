/// How `capacity deploy --stage` read one stage's phase, so that the output can
/// say it: given with `:phase=`, inferred from a CI-like name, or the default
/// (`release`).
///
/// A stage whose name is CI-like (``ciLikeNames``: it checks or builds the code
/// before anything ships) and that comes before every release stage is read as
/// `pre-release`: its failure blocks the release with nothing to roll back,
/// rather than counting as a rollback. A CI-like name after a release stage is
/// left at `release` (a test after shipping is rolled back like the release);
/// `:phase=` always decides.
public struct StagePhaseReading: Sendable, Equatable {
    /// Where the phase came from.
    public enum Source: String, Sendable, Equatable {
        /// `:phase=` on the command line.
        case given
        /// A CI-like name before every release stage: `pre-release`.
        case ciLikeName = "ci-like name"
        /// A CI-like name after a release stage: left at `release`.
        case ciLikeNameAfterRelease = "ci-like name after a release stage"
        /// Neither: `release`, the default.
        case defaultPhase = "default"
    }

    public var stage: String
    public var phase: Model.Phase
    public var source: Source

    public init(stage: String, phase: Model.Phase, source: Source) {
        self.stage = stage
        self.phase = phase
        self.source = source
    }

    /// Stage names read as CI (compared after ``normalized(_:)``): checks and builds
    /// that run before anything ships. A small list on purpose; `:phase=` covers the rest.
    public static let ciLikeNames: [String] = [
        "ci", "build", "builds", "test", "tests", "unit tests", "lint", "linters", "check", "checks", "compile",
        "typecheck", "docker build", "image build", "build image", "build and test", "ci build", "ci tests",
    ]

    /// Lower case, `-`, `_` and `/` as spaces, runs of spaces as one: "Docker-Build" → "docker build".
    public static func normalized(_ name: String) -> String {
        String(name.lowercased().map { "-_/".contains($0) ? " " : $0 })
            .split(separator: " ")
            .joined(separator: " ")
    }

    /// Whether `name` is CI-like.
    public static func isCILike(_ name: String) -> Bool {
        ciLikeNames.contains(normalized(name))
    }
}
