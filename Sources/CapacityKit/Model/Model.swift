/// A validated capacity model: the typed form of a model file (contract version 1).
///
/// Engines only ever see this type, never raw YAML. Every value has passed the
/// checks of ``ModelLoader``: finite numbers, probabilities in [0, 1], sizes
/// ≥ 0, cross-references resolved. Memory is in MB (10⁶ bytes, as the model
/// files write it), traffic in requests per second, time in the unit its name says.
public struct Model: Sendable, Equatable {
    /// Contract version of the file; only 1 exists.
    public var version: Int
    public var name: String
    /// Calendar month of forecast month 1: the first month every output shows.
    public var start: YearMonth
    /// The calendar month the model's inputs describe (traffic, memory: the file's
    /// `start`) when that is before ``start``: the model is then forecast from a later
    /// month (``forecastingFrom(today:)``) and the ``elapsedMonths`` between are
    /// simulated but not shown. nil when the inputs describe `start` itself.
    public var inputsMonth: YearMonth?
    public var host: Host
    public var thresholds: Thresholds
    public var traffic: Traffic
    public var services: [Service]
    public var pools: [Pool]
    /// Worker pools serving the services' requests (issue #22; read and checked, not yet forecast).
    public var workers: [Worker]
    public var deployment: Deployment?
    public var availability: Availability?
    public var scaling: Scaling?
    /// Correlations between the forecast's random inputs (independent when nil).
    public var correlations: Correlations?
    /// What-ifs the file carries, in file order (see ``Scenario``).
    public var scenarios: [Scenario]

    public init(version: Int = 1, name: String, start: YearMonth, host: Host,
                thresholds: Thresholds = Thresholds(), traffic: Traffic, services: [Service],
                pools: [Pool] = [], workers: [Worker] = [], deployment: Deployment? = nil, availability: Availability? = nil,
                scaling: Scaling? = nil, correlations: Correlations? = nil, scenarios: [Scenario] = []) {
        self.version = version
        self.name = name
        self.start = start
        self.host = host
        self.thresholds = thresholds
        self.traffic = traffic
        self.services = services
        self.pools = pools
        self.workers = workers
        self.deployment = deployment
        self.availability = availability
        self.scaling = scaling
        self.correlations = correlations
        self.scenarios = scenarios
    }
}
