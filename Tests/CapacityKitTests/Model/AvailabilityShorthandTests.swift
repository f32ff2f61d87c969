import Testing
@testable import CapacityKit

/// The quick form of `capacity sla --component …` against the model loader it must agree with.
@Suite("Availability shorthand")
struct AvailabilityShorthandTests {
    typealias Shorthand = AvailabilityShorthand

    @Test("seed 000 in the quick form is the default model's availability section, value for value")
    func sameAsTheLoader() throws {
        let quick = try Shorthand.availability(
            components: ["api=99.95%", "postgres=99.9%", "redis=99.95%", "monitoring=99.8%:critical=false"],
            target: "99.9%")
        #expect(quick.section == (try DefaultModel.load()).availability)
    }

    @Test("availability forms: percentage, fraction, MTBF/MTTR in either order and any unit")
    func reliabilityForms() throws {
        #expect(try Shorthand.component("db=99.9%").reliability == .availability(99.9 / 100))
        #expect(try Shorthand.component("db=0.999").reliability == .availability(0.999))
        #expect(try Shorthand.component("db=mtbf:2000h/mttr:30m").reliability
                == .failureAndRepair(mtbfHours: 2000, mttrMinutes: 30))
        // 1.5 days = 36 h; 90 s = 1.5 min.
        #expect(try Shorthand.component("db=MTTR:90s/MTBF:1.5d").reliability
                == .failureAndRepair(mtbfHours: 36, mttrMinutes: 1.5))
        #expect(try Shorthand.component("db=mtbf:100h/mttr:0m").reliability
                == .failureAndRepair(mtbfHours: 100, mttrMinutes: 0))
    }

    @Test("options: replicas, required, critical, failover; defaults 1, 1, true, none")
    func options() throws {
        let plain = try Shorthand.component("cache=99.95%")
        #expect(plain == Model.Component(name: "cache", reliability: .availability(0.9995)))
        let full = try Shorthand.component("db=mtbf:2000h/mttr:30m:replicas=3:required=2:failover=95%:critical=true")
        #expect(full == Model.Component(name: "db", reliability: .failureAndRepair(mtbfHours: 2000, mttrMinutes: 30),
                                        replicas: 3, required: 2, criticalPath: true, failoverSuccessRate: 0.95))
        #expect(try Shorthand.component("monitoring=99.8%:critical=false").criticalPath == false)
    }

    @Test("every rule of the loader, one line each", arguments: [
        ("db=1.5", "--component db=1.5: availability must be a probability in [0, 1]; got 1.5"),
        ("db=-1%", "--component db=-1%: availability must be a probability in [0, 1]; got -1%"),
        ("db=nan", "--component db=nan: availability must be a probability (99.9% or 0.999) or mtbf:DURATION/mttr:DURATION; got nan"),
        ("api=99.9%:replicas=2:required=3", "--component api=99.9%:replicas=2:required=3: required must be ≤ replicas (2); got 3"),
        ("api=99.9%:replicas=0", "--component api=99.9%:replicas=0: replicas must be ≥ 1 and ≤ 1,000; got 0"),
        ("api=99.9%:replicas=1.5", "--component api=99.9%:replicas=1.5: replicas must be a whole number; got 1.5"),
        ("db=mtbf:2000h/mttr:-5m", "--component db=mtbf:2000h/mttr:-5m: mttr must be ≥ 0 min and ≤ 1,000,000 min; got -5m"),
        ("db=mtbf:0h/mttr:5m", "--component db=mtbf:0h/mttr:5m: mtbf must be ≥ 0.1 h and ≤ 10,000,000 h; got 0h"),
        ("db=mtbf:2000/mttr:5m", "--component db=mtbf:2000/mttr:5m: mtbf must be a duration with a unit (s, m, h or d), e.g. 2000h; got 2000"),
        ("db=mttr:5m", "--component db=mttr:5m: give both mtbf and mttr, e.g. mtbf:2000h/mttr:30m; got mttr:5m"),
        ("db=99%:failover=120%", "--component db=99%:failover=120%: failover must be a probability in [0, 1] (95% or 0.95); got 120%"),
        ("db=99%:critical=maybe", "--component db=99%:critical=maybe: critical must be true or false; got maybe"),
        ("db=99%:replicas=2:replicas=3", "--component db=99%:replicas=2:replicas=3: option `replicas` is given twice"),
        ("x", "--component x: expected NAME=AVAILABILITY[:OPTION=VALUE…], e.g. db=99.9% or api=99.95%:replicas=2"),
        ("=99%", "--component =99%: expected NAME=AVAILABILITY[:OPTION=VALUE…], e.g. db=99.9% or api=99.95%:replicas=2"),
    ])
    func rules(text: String, message: String) {
        #expect(throws: AvailabilityShorthandError(message)) { try Shorthand.component(text) }
    }

    @Test("the section: at least one component, unique names, a target in [0, 1]")
    func section() {
        #expect(throws: AvailabilityShorthandError(
            "the quick form needs at least one --component NAME=AVAILABILITY, e.g. --component db=99.9%")) {
            try Shorthand.availability(components: [], target: "99.9%")
        }
        #expect(throws: AvailabilityShorthandError(
            "--component db=98%: repeats the name `db` of --component db=99%; names must be unique")) {
            try Shorthand.availability(components: ["db=99%", "db=98%"], target: "99.9%")
        }
        #expect(throws: AvailabilityShorthandError("--target must be a probability in [0, 1] (99.9% or 0.999); got 101%")) {
            try Shorthand.availability(components: ["db=99%"], target: "101%")
        }
    }

    @Test("durations: s, m, min, h, d; a unit is required")
    func durations() {
        #expect(Shorthand.minutes("30m") == 30 && Shorthand.minutes("30min") == 30 && Shorthand.minutes("2h") == 120)
        #expect(Shorthand.minutes("90s") == 1.5 && Shorthand.minutes("1d") == 1440 && Shorthand.minutes(" 1.5H ") == 90)
        #expect(Shorthand.minutes("30") == nil && Shorthand.minutes("abcm") == nil && Shorthand.minutes("infh") == nil)
        #expect(Shorthand.probability("99.95%") == 99.95 / 100 && Shorthand.probability("1") == 1)
        #expect(Shorthand.probability("100.1%") == nil && Shorthand.probability("") == nil)
    }
}
