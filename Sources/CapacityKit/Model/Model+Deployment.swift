extension Model {
    /// The deployment pipeline.
    public struct Deployment: Sendable, Equatable {
        public var deploysPerMonth: Double
        /// Stages in order; a deployment succeeds when every stage does.
        public var stages: [Stage]
        public var rollback: Rollback

        /// The pre-release stages, which come first: their count.
        public var preReleaseStageCount: Int { stages.prefix { $0.phase == .preRelease }.count }

        public init(deploysPerMonth: Double = 0, stages: [Stage], rollback: Rollback = Rollback()) {
            self.deploysPerMonth = deploysPerMonth
            self.stages = stages
            self.rollback = rollback
        }
    }

    /// One pipeline stage.
    public struct Stage: Sendable, Equatable {
        public var name: String
        public var failure: FailureEvidence
        /// Extra attempts after a transient failure.
        public var retries: Int
        /// Share of the stage's failures that are transient (retryable), in [0, 1].
        public var retryable: Double
        /// Duration of one attempt, minutes (lognormal by mean and sd).
        public var durationMinutes: MeanAndSD?
        /// When the stage runs: a pre-release failure stops the release before
        /// anything ships (blocked, nothing to roll back); later failures are rolled back.
        public var phase: Phase

        public init(name: String, failure: FailureEvidence, retries: Int = 0, retryable: Double = 1,
                    durationMinutes: MeanAndSD? = nil, phase: Phase = .release) {
            self.phase = phase
            self.name = name
            self.failure = failure
            self.retries = retries
            self.retryable = retryable
            self.durationMinutes = durationMinutes
        }
    }

    /// When a stage runs relative to the release. Stages are listed in phase order.
    public enum Phase: String, Sendable, Equatable, CaseIterable {
        /// Before anything ships (CI, image build): a failure blocks the release.
        case preRelease = "pre-release"
        /// Shipping (deploy, migrations): a failure is rolled back. The default.
        case release
        /// After shipping (health checks, configuration): a failure is rolled back.
        case postRelease = "post-release"
    }

    /// What is known of a stage's failure probability.
    public enum FailureEvidence: Sendable, Equatable {
        /// A known probability p in [0, 1].
        case rate(Double)
        /// `failures` in `runs` observed: posterior Beta(failures + 1, runs − failures + 1).
        case counts(failures: Int, runs: Int)

        /// The point estimate: p, or the posterior mean (failures + 1)/(runs + 2).
        public var pointEstimate: Double {
            switch self {
            case .rate(let p): p
            case .counts(let failures, let runs): Double(failures + 1) / Double(runs + 2)
            }
        }
    }

    /// What happens when a deployment fails.
    public struct Rollback: Sendable, Equatable {
        /// Probability that a rollback restores service.
        public var successRate: Double
        public var durationMinutes: MeanAndSD?

        public init(successRate: Double = 1, durationMinutes: MeanAndSD? = nil) {
            self.successRate = successRate
            self.durationMinutes = durationMinutes
        }
    }
}
