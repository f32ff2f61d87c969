import Foundation
import Testing
@testable import CapacityKit

/// The Monte Carlo against closed forms: every check is seeded, its tolerance
/// is 5 standard errors of the estimate, and a failure prints the seed.
@Suite("Availability outage simulation")
struct AvailabilityOutageSimulationTests {
    static func component(_ name: String, mtbfHours: Double, mttrMinutes: Double, replicas: Int = 1,
                          required: Int = 1, failover: Double? = nil) -> Model.Component {
        Model.Component(name: name, reliability: .failureAndRepair(mtbfHours: mtbfHours, mttrMinutes: mttrMinutes),
                        replicas: replicas, required: required, failoverSuccessRate: failover)
    }

    /// |simulated − exact| ≤ 5 SE, with the seed and the numbers in the message.
    static func expectAgreement(_ estimate: OutageSimulation.Estimate, _ exact: Double, seed: UInt64,
                                _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = abs(estimate.value - exact)
        #expect(estimate.standardError > 0, "seed \(seed): \(what) has no sampling error",
                sourceLocation: sourceLocation)
        #expect(error <= 5 * estimate.standardError,
                "seed \(seed): \(what) simulated \(estimate.value) ± \(estimate.standardError), exact \(exact)",
                sourceLocation: sourceLocation)
    }

    @Test("Series: mean downtime and incidents agree with the closed forms within 5 SE")
    func series() {
        // Database MTBF 500 h / MTTR 60 min, API 99.9 % and cache 99.95 % (assumed MTTR 30 min),
        // monitoring off the path.
        let model = Model.Availability(target: 0.998, components: [
            Self.component("database", mtbfHours: 500, mttrMinutes: 60),
            Model.Component(name: "api", reliability: .availability(0.999)),
            Model.Component(name: "monitoring", reliability: .availability(0.9), criticalPath: false),
            Model.Component(name: "cache", reliability: .availability(0.9995)),
        ])
        let seed: UInt64 = 2026
        let simulation = OutageSimulation(Validated(checked: model), options: .init(years: 5, paths: 1_000, seed: seed, threads: 2))
        let exact = AvailabilityAnalysis(Validated(checked: model))
        Self.expectAgreement(simulation.meanDowntimeMinutesPerYear, exact.downtime.minutesPerYear,
                             seed: seed, "downtime per year")

        // Outages a year, in steady state: the system fails at rate ν = Π Aᵢ · Σ 1/MTBFᵢ (a component
        // failing while all others are up), and a year also sees the outage running at its start
        // (probability U): E = ν · 525,600 min + U. MTBFs in minutes: 30,000; 30 · 0.999/0.001 = 29,970;
        // 30 · 0.9995/0.0005 = 59,970.
        let rate = exact.availability * (1 / 30_000 + 1 / 29_970 + 1 / 59_970)
        Self.expectAgreement(simulation.incidentsPerYear, rate * 525_600 + exact.unavailability,
                             seed: seed, "incidents per year")

        #expect(simulation.components.map(\.name) == ["database", "api", "cache"])
        #expect(simulation.components.map(\.modelIndex) == [0, 1, 3])
        #expect(abs(simulation.components[1].mtbfHours - 29_970.0 / 60) < 1e-9)
        #expect(simulation.components[1].repairTimeIsAssumed && !simulation.components[0].repairTimeIsAssumed)
        #expect(simulation.errorBudgetMinutesPerYear == (1 - 0.998) * 525_600)
        let downtime = simulation.downtimeMinutesPerYear
        #expect(downtime.p50 <= downtime.p90 && downtime.p90 <= downtime.p99)
    }

    @Test("Redundant: 1-of-2 and 2-of-3 in series agree with the k-of-n sums within 5 SE")
    func redundant() {
        // 1-of-2 at q = 1 h / 20 h = 0.05: U = 0.0025. 2-of-3 at q = 0.02 (assumed MTTR 30 min):
        // U = 3q²(1 − q) + q³ = 0.001184. Lognormal repairs with sd = 2 × mean.
        let model = Model.Availability(target: 0.99, components: [
            Self.component("api", mtbfHours: 19, mttrMinutes: 60, replicas: 2, required: 1),
            Model.Component(name: "quorum", reliability: .availability(0.98), replicas: 3, required: 2),
        ])
        let seed: UInt64 = 77
        let simulation = OutageSimulation(Validated(checked: model), options: .init(years: 2, paths: 400, seed: seed, repairSDFactor: 2))
        let exact = AvailabilityAnalysis(Validated(checked: model))
        #expect(abs(exact.unavailability - (0.0025 + 0.001184 - 0.0025 * 0.001184)) < 1e-15)
        Self.expectAgreement(simulation.meanDowntimeMinutesPerYear, exact.downtime.minutesPerYear,
                             seed: seed, "downtime per year")
    }

    @Test("Failover: 1-of-2 with s = 0.8 and 3-of-4 with s = 0.5 agree with the failover closed form")
    func failover() {
        // 1-of-2 at q = 0.01: U = q(1 − s) + s·q·q = 0.002 + 0.00008 = 0.00208 (without failover: 0.0001).
        // 3-of-4 at q = 0.05, s = 0.5: see ComponentAvailability.
        let model = Model.Availability(target: 0.99, components: [
            Self.component("database", mtbfHours: 99, mttrMinutes: 60, replicas: 2, required: 1, failover: 0.8),
            Self.component("workers", mtbfHours: 9.5, mttrMinutes: 30, replicas: 4, required: 3, failover: 0.5),
        ])
        let exact = AvailabilityAnalysis(Validated(checked: model))
        let database = exact.components.first { $0.name == "database" }!
        #expect(abs(database.unavailability - 0.00208) < 1e-15)
        let seed: UInt64 = 5
        let simulation = OutageSimulation(Validated(checked: model), options: .init(years: 2, paths: 400, seed: seed))
        Self.expectAgreement(simulation.meanDowntimeMinutesPerYear, exact.downtime.minutesPerYear,
                             seed: seed, "downtime per year")
    }

    @Test("P(a year meets a 100 % target) is P(no downtime) = A · e^(−1 year / MTBF)")
    func yearWithoutDowntime() {
        // One replica, MTBF 8,760 h, MTTR 60 min: up at the start with probability A = 8760/8761,
        // then no failure all year with probability e^(−1) (exponential up times).
        let model = Model.Availability(target: 1, components: [
            Self.component("db", mtbfHours: 8_760, mttrMinutes: 60),
        ])
        let seed: UInt64 = 11
        let simulation = OutageSimulation(Validated(checked: model), options: .init(years: 1, paths: 4_000, seed: seed))
        #expect(simulation.errorBudgetMinutesPerYear == 0)
        Self.expectAgreement(simulation.probabilityMeetingTarget, 8_760.0 / 8_761.0 * exp(-1),
                             seed: seed, "P(no downtime in a year)")
        #expect(simulation.downtimeMinutesPerYear.p50 > 0)
    }

    @Test("Fixed repairs of 60 min: the longest outage of a year is 60 min")
    func longestOutage() {
        // MTBF 100 h: about 87 outages a year, each exactly 60 min (sd factor 0); a single replica's
        // outages never merge, so every year's longest is 60 min unless none completes in the year.
        let model = Model.Availability(target: 0.99, components: [
            Self.component("db", mtbfHours: 100, mttrMinutes: 60),
        ])
        let simulation = OutageSimulation(Validated(checked: model), options: .init(years: 2, paths: 200, seed: 3, repairSDFactor: 0))
        #expect(abs(simulation.longestOutageMinutes.p50 - 60) < 1e-9)
        #expect(abs(simulation.longestOutageMinutes.p99 - 60) < 1e-9)
    }

    @Test("1 and 2 threads, and any chunk size, give identical results")
    func threadsDoNotMatter() {
        let model = Model.Availability(target: 0.999, components: [
            Self.component("database", mtbfHours: 200, mttrMinutes: 45, replicas: 2, required: 1, failover: 0.9),
            Model.Component(name: "api", reliability: .availability(0.999), replicas: 3, required: 2),
        ])
        func run(threads: Int, chunkSize: Int) -> OutageSimulation {
            OutageSimulation(Validated(checked: model), options: .init(years: 3, paths: 300, seed: 42, threads: threads,
                                                   chunkSize: chunkSize))
        }
        let reference = run(threads: 1, chunkSize: 1_000)
        for other in [run(threads: 2, chunkSize: 16), run(threads: 2, chunkSize: 1_000), run(threads: 1, chunkSize: 7)] {
            #expect(other.meanDowntimeMinutesPerYear == reference.meanDowntimeMinutesPerYear)
            #expect(other.downtimeMinutesPerYear == reference.downtimeMinutesPerYear)
            #expect(other.probabilityMeetingTarget == reference.probabilityMeetingTarget)
            #expect(other.incidentsPerYear == reference.incidentsPerYear)
            #expect(other.longestOutageMinutes == reference.longestOutageMinutes)
        }
        // A different seed gives different years.
        let reseeded = OutageSimulation(Validated(checked: model), options: .init(years: 3, paths: 300, seed: 43))
        #expect(reseeded.meanDowntimeMinutesPerYear != reference.meanDowntimeMinutesPerYear)
    }

    @Test("A component at 100 % never fails; off-path components are not simulated")
    func neverFails() {
        let model = Model.Availability(target: 0.9999, components: [
            Model.Component(name: "static", reliability: .availability(1), replicas: 2, required: 1),
            Model.Component(name: "monitoring", reliability: .availability(0.5), criticalPath: false),
        ])
        let simulation = OutageSimulation(Validated(checked: model), options: .init(years: 2, paths: 50, seed: 9))
        #expect(simulation.meanDowntimeMinutesPerYear.value == 0)
        #expect(simulation.downtimeMinutesPerYear.p99 == 0)
        #expect(simulation.probabilityMeetingTarget.value == 1)
        #expect(simulation.incidentsPerYear.value == 0)
        #expect(simulation.longestOutageMinutes.p99 == 0)
        #expect(simulation.components.map(\.mtbfHours) == [.infinity])
        #expect(simulation.meanAvailability == 1)
    }

    @Test("A component that is never up is down every minute of every year")
    func neverUp() {
        let model = Model.Availability(target: 0.5, components: [
            Model.Component(name: "broken", reliability: .availability(0)),
        ])
        let simulation = OutageSimulation(Validated(checked: model), options: .init(years: 3, paths: 10, seed: 1))
        #expect(simulation.downtimeMinutesPerYear.p50 == 525_600)
        #expect(simulation.probabilityMeetingTarget.value == 0)
        // One outage, cut into three calendar years.
        #expect(simulation.incidentsPerYear.value == 1)
        #expect(simulation.longestOutageMinutes.p50 == 525_600)
    }
}
