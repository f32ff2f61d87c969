import Testing
@testable import CapacityKit

/// Exact availability: values derived by hand (shown in each comment) or published.
@Suite("Availability analysis")
struct AvailabilityAnalysisTests {
    static func component(_ name: String, _ availability: Double, replicas: Int = 1, required: Int = 1,
                          critical: Bool = true, failover: Double? = nil) -> Model.Component {
        Model.Component(name: name, reliability: .availability(availability), replicas: replicas,
                        required: required, criticalPath: critical, failoverSuccessRate: failover)
    }

    /// Seed 000's stack: database 99.9 %, API 99.95 %, cache 99.95 %, monitoring 99.8 %.
    static func seedStack(monitoringOnPath: Bool, target: Double = 0.999) -> Model.Availability {
        Model.Availability(target: target, components: [
            component("database", 0.999),
            component("api", 0.9995),
            component("cache", 0.9995),
            component("monitoring", 0.998, critical: monitoringOnPath),
        ])
    }

    @Test("downtime shares: U_i / Σ U over the critical path — 0.001, 0.0005, 0.0005 of 0.002 are 50 %, 25 %, 25 %; monitoring 0")
    func downtimeShares() {
        let shares = AvailabilityAnalysis(Validated(checked: Self.seedStack(monitoringOnPath: false))).downtimeShares
        let expected = [0.5, 0.25, 0.25, 0]
        #expect(zip(shares, expected).allSatisfy { abs($0 - $1) < 1e-12 }, "\(shares)")
        // Nothing on the path can fail: no share.
        #expect(AvailabilityAnalysis(Validated(checked: Model.Availability(target: 0.9, components: [Self.component("x", 1)]))).downtimeShares == [0])
    }

    @Test("Seed 000, all four in series: 0.999 · 0.9995² · 0.998 = 0.9960052472505")
    func seedAllInSeries() {
        let analysis = AvailabilityAnalysis(Validated(checked: Self.seedStack(monitoringOnPath: true)))
        #expect(abs(analysis.availability - 0.9960052472505) < 1e-12)
        #expect(abs(analysis.availability - 0.996005247) < 1e-9)
    }

    @Test("Seed 000, monitoring off the path: 0.999 · 0.9995² = 0.99800124975, 17.51 h/year")
    func seedMonitoringOffPath() {
        let analysis = AvailabilityAnalysis(Validated(checked: Self.seedStack(monitoringOnPath: false)))
        #expect(abs(analysis.availability - 0.99800124975) < 1e-12)
        #expect(abs(analysis.availability - 0.998001250) < 1e-9)
        // (1 − 0.99800124975) · 8760 h = 17.509 h
        #expect(abs(analysis.downtime.hoursPerYear - 0.00199875025 * 8760) < 1e-9)
        #expect(abs(analysis.downtime.hoursPerYear - 17.51) < 0.005)
        // Not the 99.85 % seed 000 claims, and short of a 99.9 % target.
        #expect(!analysis.meetsTarget)
        // Budget used: 0.00199875025 / 0.001 = 1.99875025.
        #expect(abs(analysis.errorBudgetUsed! - 1.99875025) < 1e-9)
    }

    @Test("Shares of the expected downtime, weakest first: U = 0.001, 0.0005, 0.0005 → ½, ¼, ¼")
    func sharesWeakestFirst() {
        let analysis = AvailabilityAnalysis(Validated(checked: Self.seedStack(monitoringOnPath: false)))
        #expect(analysis.components.map(\.name) == ["database", "api", "cache", "monitoring"])
        let shares = analysis.components.map(\.downtimeShare)
        #expect(abs(shares[0]! - 0.5) < 1e-12)
        #expect(abs(shares[1]! - 0.25) < 1e-12)
        #expect(abs(shares[2]! - 0.25) < 1e-12)
        #expect(shares[3] == nil)
        // A component's own downtime: 0.1 % of a year = 525.6 min.
        #expect(abs(analysis.components[0].downtime.minutesPerYear - 525.6) < 1e-9)
    }

    @Test("Weakest first is by unavailability, not model order")
    func weakestFirstOrder() {
        let model = Model.Availability(target: 0.99, components: [
            Self.component("off", 0.9, critical: false),
            Self.component("strong", 0.9999),
            Self.component("weak", 0.99),
            Self.component("off-strong", 0.999, critical: false),
            Self.component("middle", 0.999),
        ])
        let names = AvailabilityAnalysis(Validated(checked: model)).components.map(\.name)
        #expect(names == ["weak", "middle", "strong", "off", "off-strong"])
    }

    @Test("What-if: a second database replica gives 0.999999 · 0.9995² = 0.99899925099975")
    func oneMoreReplica() {
        let analysis = AvailabilityAnalysis(Validated(checked: Self.seedStack(monitoringOnPath: false)))
        let database = analysis.components[0]
        #expect(abs(database.availabilityWithOneMoreReplica - 0.999999) < 1e-15)
        #expect(abs(database.systemAvailabilityWithOneMoreReplica - 0.99899925099975) < 1e-14)
        // Gain: 0.99899925099975 − 0.99800124975 = 0.00099800124975.
        #expect(abs(database.systemAvailabilityGain - 0.00099800124975) < 1e-14)
        #expect(abs(database.downtimeSavedMinutesPerYear - 0.00099800124975 * 525_600) < 1e-8)
        // API: 1 − 0.0005² = 0.99999975; system 0.999 · 0.99999975 · 0.9995 = 0.9984997501249...
        let api = analysis.components[1]
        #expect(abs(api.systemAvailabilityWithOneMoreReplica - 0.999 * 0.99999975 * 0.9995) < 1e-14)
        // Off the path, a replica changes the component but not the system.
        let monitoring = analysis.components[3]
        #expect(abs(monitoring.availabilityWithOneMoreReplica - (1 - 0.002 * 0.002)) < 1e-15)
        #expect(monitoring.systemAvailabilityGain == 0)
        #expect(monitoring.systemAvailabilityWithOneMoreReplica == analysis.availability)
    }

    @Test("3-of-4 at 0.9 gives 0.9477 (4·0.9³·0.1 + 0.9⁴)")
    func threeOfFour() {
        // Published: Reliability Analytics, "Reliability Modeling: k out of n Configuration"
        // (2011): four displays of reliability 0.9, three needed, R = 0.6561 + 0.2916 = 0.9477.
        let analysis = AvailabilityAnalysis(Validated(checked: Model.Availability(target: 0.9, components: [
            Self.component("quorum", 0.9, replicas: 4, required: 3),
        ])))
        #expect(abs(analysis.availability - 0.9477) < 1e-13)
    }

    @Test("1-of-2 at 0.99 gives 1 − 0.01² = 0.9999")
    func oneOfTwo() {
        let analysis = AvailabilityAnalysis(Validated(checked: Model.Availability(target: 0.9, components: [
            Self.component("pair", 0.99, replicas: 2, required: 1),
        ])))
        #expect(abs(analysis.availability - 0.9999) < 1e-15)
        #expect(abs(analysis.unavailability - 1e-4) < 1e-18)
    }

    @Test("k-of-n edge cases: n-of-n is Aⁿ, 1-of-n is 1 − qⁿ; 2-of-3 at 0.95 is 0.99275")
    func kOfNEdges() {
        func u(_ q: Double, _ n: Int, _ k: Int) -> Double {
            ComponentAvailability.unavailability(replicaUnavailability: q, replicas: n, required: k,
                                                 failoverSuccessRate: 1)
        }
        #expect(abs((1 - u(0.1, 3, 3)) - 0.729) < 1e-15)
        #expect(abs(u(0.1, 3, 1) - 0.001) < 1e-17)
        // 2-of-3: 3·0.95²·0.05 + 0.95³ = 0.135375 + 0.857375 = 0.99275
        #expect(abs((1 - u(0.05, 3, 2)) - 0.99275) < 1e-15)
        #expect(u(0, 5, 3) == 0)
        #expect(u(1, 5, 3) == 1)
    }

    @Test("Tiny unavailability keeps its digits: 1-of-3 at 99.9999 % is U = 1e-18, 18 nines")
    func precisionNearOne() {
        let analysis = AvailabilityAnalysis(Validated(checked: Model.Availability(target: 0.9, components: [
            Model.Component(name: "triple", reliability: .failureAndRepair(mtbfHours: 999_999, mttrMinutes: 60),
                            replicas: 3, required: 1),
        ])))
        // q = 1 h / (999,999 h + 1 h) = 1e-6 exactly; U = q³ = 1e-18.
        #expect(abs(analysis.unavailability - 1e-18) < 1e-30)
        #expect(abs(analysis.nines! - 18) < 1e-9)
    }

    @Test("MTBF 1000 h, MTTR 60 min gives 1000/1001 = 0.999000999")
    func mtbfAndMttr() {
        let analysis = AvailabilityAnalysis(Validated(checked: Model.Availability(target: 0.999, components: [
            Model.Component(name: "db", reliability: .failureAndRepair(mtbfHours: 1000, mttrMinutes: 60)),
        ])))
        #expect(abs(analysis.availability - 1000.0 / 1001.0) < 1e-15)
        #expect(abs(analysis.availability - 0.999000999) < 1e-9)
        #expect(abs(analysis.unavailability - 1.0 / 1001.0) < 1e-18)
        #expect(analysis.meetsTarget)
    }

    @Test("Failover 1-of-2 at 0.99, s = 0.9: A + s·A(1 − A) = 0.99 + 0.9·0.99·0.01 = 0.99891")
    func failoverPair() {
        let analysis = AvailabilityAnalysis(Validated(checked: Model.Availability(target: 0.9, components: [
            Self.component("db", 0.99, replicas: 2, required: 1, failover: 0.9),
        ])))
        #expect(abs(analysis.availability - 0.99891) < 1e-15)
    }

    @Test("Failover 2-of-3 at 0.9, s = 0.5: A²(1 + 2qs) = 0.81 · 1.1 = 0.891")
    func failoverTwoOfThree() {
        // d = 0: A² ; d = 1: C(2,1)·A·(qs)·P(standby up) = 2A²qs ; d = 2 needs two standbys: 0.
        let u = ComponentAvailability.unavailability(replicaUnavailability: 0.1, replicas: 3, required: 2,
                                                     failoverSuccessRate: 0.5)
        #expect(abs((1 - u) - 0.891) < 1e-15)
    }

    @Test("Failover limits: s = 1 is plain k-of-n, s = 0 is Aᵏ, no standby means s plays no part")
    func failoverLimits() {
        func u(_ n: Int, _ k: Int, _ s: Double) -> Double {
            ComponentAvailability.unavailability(replicaUnavailability: 0.1, replicas: n, required: k,
                                                 failoverSuccessRate: s)
        }
        #expect(abs((1 - u(4, 3, 1)) - 0.9477) < 1e-14)
        #expect(abs((1 - u(4, 3, 0)) - 0.729) < 1e-14)
        #expect(abs((1 - u(2, 1, 0)) - 0.9) < 1e-15)
        #expect(abs(u(3, 3, 0.3) - u(3, 3, 1)) < 1e-15)
        #expect(abs(u(1, 1, 0.3) - 0.1) < 1e-15)
        // More standbys never hurt; 1-of-n tends to U = q(1 − s) = 0.01 as n → ∞ (a failed
        // switch-over is then the only way down): U = q(1 − s) + s·q·(1 − A)ⁿ⁻¹ exactly.
        #expect(u(3, 1, 0.9) < u(2, 1, 0.9))
        #expect(abs(u(3, 1, 0.9) - (0.01 + 0.09 * 0.01)) < 1e-15)
        #expect(abs(u(60, 1, 0.9) - 0.01) < 1e-15)
    }

    @Test("Large fleets neither overflow nor lose the tail: 900-of-1000 at 0.99")
    func largeFleet() {
        let u = ComponentAvailability.unavailability(replicaUnavailability: 0.01, replicas: 1000, required: 900,
                                                     failoverSuccessRate: 1)
        // Reference values: Σ_{j≥101} C(1000,j) 0.01ʲ 0.99¹⁰⁰⁰⁻ʲ = 7.440044939402018e-66 and
        // Σ_{j≥11} … = 0.41695919669889825, summed with Python's exact math.comb.
        #expect(abs(u / 7.440044939402018e-66 - 1) < 1e-9)
        let tight = ComponentAvailability.unavailability(replicaUnavailability: 0.01, replicas: 1000,
                                                         required: 990, failoverSuccessRate: 1)
        #expect(abs(tight - 0.41695919669889825) < 1e-11)
    }

    @Test("Off-path only: the system never fails; target 1 has no budget")
    func noCriticalComponents() {
        let analysis = AvailabilityAnalysis(Validated(checked: Model.Availability(target: 1, components: [
            Self.component("monitoring", 0.998, critical: false),
        ])))
        #expect(analysis.availability == 1)
        #expect(analysis.nines == nil && analysis.hasNoDowntime)
        #expect(analysis.meetsTarget)
        #expect(analysis.errorBudgetUsed == nil)
        #expect(analysis.components[0].downtimeShare == nil)
    }

    @Test("the best single step and whether it meets the target are the engine's")
    func bestSingleStep() throws {
        // api 0.99 alone, target 99.9 %: U = 0.01, not met; a second api replica (1-of-2) gives
        // U = 0.01² = 10⁻⁴ ≤ 10⁻³, met.
        let alone = AvailabilityAnalysis(Validated(checked: Model.Availability(target: 0.999, components: [
            Model.Component(name: "api", reliability: .availability(0.99)),
        ])))
        #expect(!alone.meetsTarget)
        let best = try #require(alone.bestSingleStep)
        #expect(best.name == "api" && alone.meetsTarget(withOneMoreReplicaOf: best))
        // With db 0.999 in series the same step leaves U = 10⁻⁴ + 10⁻³ − 10⁻⁷ > 10⁻³: still short.
        let series = AvailabilityAnalysis(Validated(checked: Model.Availability(target: 0.999, components: [
            Model.Component(name: "db", reliability: .availability(0.999)),
            Model.Component(name: "api", reliability: .availability(0.99)),
        ])))
        let step = try #require(series.bestSingleStep)
        #expect(step.name == "api" && !series.meetsTarget(withOneMoreReplicaOf: step))
        // A component that never fails gains nothing from a replica: no step.
        let perfect = AvailabilityAnalysis(Validated(checked: Model.Availability(target: 0.999, components: [
            Model.Component(name: "static", reliability: .availability(1)),
        ])))
        #expect(perfect.bestSingleStep == nil)
    }
}
