import Foundation

/// Deployment outcomes summed over a month and a quarter (3 months) at
/// `deploys_per_month` independent deployments.
///
///     expected failed per month        = D · failure         (× 3 per quarter)
///     expected rolled back per month   = D · rolledBack
///     expected unrecoverable per month = D · unrecoverable = D · u
///
/// P(at least one unrecoverable deployment in a quarter), with N = 3D:
///
///     N whole:      1 − (1 − u)ᴺ      (N fixed deployments: binomial)
///     N fractional: 1 − e^(−N·u)      (deployments a Poisson process of mean N; unrecoverable
///                                       ones are its thinning, Poisson of mean N·u)
///
/// Both are computed through expm1/log1p, so a small u keeps its digits.
public struct DeploymentRiskOverTime: Sendable, Equatable {
    /// How the count of deployments in a quarter is modelled.
    public enum QuarterModel: Sendable, Equatable {
        /// Exactly N deployments.
        case binomial(deployments: Int)
        /// A Poisson number of deployments with mean N (N not whole).
        case poisson(meanDeployments: Double)
    }

    /// Expected numbers of deployments ending each way in a period.
    public struct ExpectedDeployments: Sendable, Equatable {
        public var deployments: Double
        public var failed: Double
        public var rolledBack: Double
        public var unrecoverable: Double

        public init(deployments: Double, failed: Double, rolledBack: Double, unrecoverable: Double) {
            self.deployments = deployments
            self.failed = failed
            self.rolledBack = rolledBack
            self.unrecoverable = unrecoverable
        }

        init(deployments: Double, outcomes: DeploymentOutcomes<Double>) {
            self.init(deployments: deployments, failed: deployments * outcomes.failure,
                      rolledBack: deployments * outcomes.rolledBack,
                      unrecoverable: deployments * outcomes.unrecoverable)
        }
    }

    public var deploysPerMonth: Double
    public var perMonth: ExpectedDeployments
    public var perQuarter: ExpectedDeployments
    public var quarterModel: QuarterModel
    /// P(at least one unrecoverable deployment in a quarter), at the point failure rates.
    public var unrecoverableInQuarter: Double
    /// Spread of that probability over the failure-rate posteriors; nil when every rate is known.
    public var unrecoverableInQuarterPercentiles: Percentiles?

    public init(deploysPerMonth: Double, perMonth: ExpectedDeployments, perQuarter: ExpectedDeployments,
                quarterModel: QuarterModel, unrecoverableInQuarter: Double,
                unrecoverableInQuarterPercentiles: Percentiles?) {
        self.deploysPerMonth = deploysPerMonth
        self.perMonth = perMonth
        self.perQuarter = perQuarter
        self.quarterModel = quarterModel
        self.unrecoverableInQuarter = unrecoverableInQuarter
        self.unrecoverableInQuarterPercentiles = unrecoverableInQuarterPercentiles
    }

    /// The figures for `deploysPerMonth` deployments a month at `outcomes`.
    init(deploysPerMonth: Double, outcomes: DeploymentOutcomes<Double>,
         unrecoverableInQuarterPercentiles: Percentiles?) {
        let model = Self.quarterModel(deploysPerMonth: deploysPerMonth)
        self.init(deploysPerMonth: deploysPerMonth,
                  perMonth: ExpectedDeployments(deployments: deploysPerMonth, outcomes: outcomes),
                  perQuarter: ExpectedDeployments(deployments: 3 * deploysPerMonth, outcomes: outcomes),
                  quarterModel: model,
                  unrecoverableInQuarter: Self.probabilityOfAny(unrecoverable: outcomes.unrecoverable, model),
                  unrecoverableInQuarterPercentiles: unrecoverableInQuarterPercentiles)
    }

    /// Binomial when 3·D is whole (and fits an Int), Poisson otherwise.
    static func quarterModel(deploysPerMonth: Double) -> QuarterModel {
        let n = 3 * deploysPerMonth
        if n == n.rounded(), n < 0x1p62 { return .binomial(deployments: Int(n)) }
        return .poisson(meanDeployments: n)
    }

    /// P(at least one of the quarter's deployments is unrecoverable), u = P(one is).
    static func probabilityOfAny(unrecoverable u: Double, _ model: QuarterModel) -> Double {
        switch model {
        case .binomial(let n): -expm1(Double(n) * log1p(-u))
        case .poisson(let mean): -expm1(-mean * u)
        }
    }
}
