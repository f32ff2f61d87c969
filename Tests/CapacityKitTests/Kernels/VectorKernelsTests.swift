import Foundation
import Testing
@testable import CapacityKit

/// The C kernels (``VectorKernels``): every instruction-set variant this machine
/// runs gives, bit for bit, what the Swift reference computes — the Philox
/// stream with the single-precision Box–Muller, the histogram counts, the drivers, demand and
/// observers of the forecast's month loop. No timing here: speed is measured by
/// `benchmarks/run`.
@Suite struct VectorKernelsTests {
    static let seed: UInt64 = 0x2026_1127_0000_0014
    static let variants = VectorKernels.available

    /// Reproducible inputs: standard normals of a named stream, scaled.
    static func inputs(_ count: Int, stream: UInt64, scale: Double = 1, offset: Double = 0) -> [Double] {
        var values = [Double](repeating: 0, count: count)
        values.withUnsafeMutableBufferPointer {
            Normal.fillStandardReference($0, draws: 1, paths: count, startingAt: StreamKey(seed: seed, path: 0, stream: stream))
        }
        return values.map { offset + scale * $0 }
    }

    @Test("the machine runs at least its baseline variant, and the process uses the most capable one")
    func variantsAvailable() {
        #expect(!Self.variants.isEmpty)
        #expect(Set(Self.variants.map(\.name)).isSubset(of: ["avx512", "avx2", "sse2", "baseline"]))
        if ProcessInfo.processInfo.environment["CAPACITY_KERNELS"] == nil {
            #expect(VectorKernels.best.name == Self.variants[0].name)
        }
        print("kernel variants on this machine: \(Self.variants.map(\.name).joined(separator: ", "))")
    }

    @Test("bulk normals: every variant equals the Swift Philox + single-precision Box–Muller, bit for bit",
          arguments: [(1, 1), (1, 13), (2, 7), (24, 37), (7, 8), (3, 1000), (5, 513), (24, 4096)])
    func normals(draws: Int, paths: Int) {
        // The last paths below 2³², and a stream id with both 32-bit words set.
        for first in [StreamKey(seed: Self.seed, path: (1 << 32) - UInt64(paths), stream: 3 << 32 | 4),
                      StreamKey(seed: .max, path: 12_345, stream: StreamKey.id(named: "traffic.peak_factor"))] {
            var expected = [Double](repeating: .nan, count: draws * paths)
            expected.withUnsafeMutableBufferPointer { Normal.fillStandardReference($0, draws: draws, paths: paths, startingAt: first) }
            for kernels in Self.variants {
                var values = [Double](repeating: .nan, count: draws * paths)
                values.withUnsafeMutableBufferPointer {
                    Normal.fillStandard($0, draws: draws, paths: paths, startingAt: first, kernels: kernels)
                }
                #expect(values.map(\.bitPattern) == expected.map(\.bitPattern),
                         "\(kernels.name): \(draws) draws × \(paths) paths from \(first)")
            }
        }
    }

    @Test("drawing a stream's months four at a time gives what drawing them all at once gives", arguments: [7, 24])
    func monthPairs(months: Int) {
        let paths = 301, first = StreamKey(seed: Self.seed, path: 77, stream: StreamKey.id(named: "traffic.volatility"))
        var whole = [Double](repeating: .nan, count: months * paths)
        whole.withUnsafeMutableBufferPointer { Normal.fillStandard($0, draws: months, paths: paths, startingAt: first) }
        for kernels in Self.variants {
            for quad in stride(from: 0, to: months, by: Normal.drawsPerBlock) {
                let draws = min(Normal.drawsPerBlock, months - quad)
                var part = [Double](repeating: .nan, count: draws * paths)
                part.withUnsafeMutableBufferPointer {
                    Normal.fillStandard($0, draws: draws, paths: paths, startingAt: first, fromDraw: quad, kernels: kernels)
                }
                #expect(part.map(\.bitPattern) == whole[(quad * paths)..<((quad + draws) * paths)].map(\.bitPattern),
                        "\(kernels.name): months \(quad + 1)–\(quad + draws) of \(months)")
            }
        }
    }

    @Test("histograms: every variant counts the same values into the same bins, zeros and negatives included")
    func histograms() {
        var values = Self.inputs(5000, stream: 1).map { exp(2 * $0) * 1000 }
        values += [0, -0.0, -3, 0x1p-61, 0x1p-60, .leastNormalMagnitude, 1e300, 1, 1, 1]
        values += Array(repeating: 100, count: 77)
        var reference = QuantileHistogram()
        for value in values { reference.add(value) }   // one at a time: the range grows value by value
        for kernels in Self.variants {
            var histogram = QuantileHistogram()
            for start in stride(from: 0, to: values.count, by: 1000) {
                let end = min(values.count, start + 1000)
                values[start..<end].withUnsafeBufferPointer { histogram.add($0, kernels: kernels) }
            }
            #expect(histogram == reference, "\(kernels.name)")
            #expect(histogram.quantiles([0.01, 0.5, 0.9, 0.99]) == reference.quantiles([0.01, 0.5, 0.9, 0.99]), "\(kernels.name)")
        }
    }

    @Test("the month loop's kernels: drivers, pool load, service memory and observers agree with their formulas bit for bit")
    func monthLoop() {
        let n = 1003  // not a multiple of any vector width
        let growthZ = Self.inputs(n, stream: 2), volatilityZ = Self.inputs(n, stream: 3)
        // Extreme normals too, so every max(…) and min(…) binds somewhere.
        let peakZ = Self.inputs(n, stream: 4).enumerated().map { $0.offset % 97 == 0 ? -40 : $0.element }
        let noiseZ = Self.inputs(n, stream: 5).enumerated().map { $0.offset % 89 == 0 ? -30 : $0.element }
        let (mean, sd, volatility, rps, peakMean, peakSD) = (0.2, 0.05, 0.6, 100.0, 1.8, 0.2)
        let (base, perPeak, perConnection, noise, perRPS, capacity) = (380.0, 0.8, 8.0, 0.05, 0.03, 47.0)

        // The formulas, as the Swift engine wrote them before the kernels.
        var rate = [Double](repeating: 0, count: n), factor = rate, traffic = rate, peak = rate
        for i in 0..<n { rate[i] = mean + sd * growthZ[i]; factor[i] = 1 }
        for i in 0..<n { factor[i] *= max(TrafficDrivers.minimumStep, 1 + rate[i] + volatility * volatilityZ[i]) }
        for i in 0..<n { traffic[i] = rps * factor[i]; peak[i] = traffic[i] * max(1, peakMean + peakSD * peakZ[i]) }
        var offered = rate, held = [Double](repeating: 2, count: n), memory = rate, plain = rate, host = rate
        for i in 0..<n { offered[i] = peak[i] * perRPS; held[i] += min(offered[i], capacity) }
        for i in 0..<n { memory[i] = (base + perPeak * peak[i] + perConnection * held[i]) * max(0, 1 + noise * noiseZ[i]) }
        for i in 0..<n { plain[i] = max(0, 1 + noise * noiseZ[i]) * (base + perPeak * peak[i]) }
        for i in 0..<n { host[i] = (0 + memory[i]) + plain[i] }

        for kernels in Self.variants {
            var r = [Double](repeating: .nan, count: n), f = r, t = r, p = r, o = r, h = [Double](repeating: 2, count: n)
            var m = r, q = r, total = [Double](repeating: .nan, count: n)
            kernels.trafficStart(count: n, growthZ: growthZ, mean: mean, sd: sd, rate: &r, factor: &f)
            let trafficRange = kernels.trafficAdvance(
                count: n, grow: true, rate: r, factor: &f, volatilityZ: volatilityZ, peakZ: peakZ, rps: rps,
                volatility: volatility, minimumStep: TrafficDrivers.minimumStep, peakMean: peakMean, peakSD: peakSD,
                traffic: &t, peak: &p, smallestBits: QuantileHistogram.smallestBits)
            kernels.poolLoad(count: n, peak: p, perRPS: perRPS, capacity: capacity, accumulate: true, offered: &o, held: &h)
            // Two services (one holding connections), then the first alone: host is their sum, or its memory.
            var firstHost = [Double](repeating: .nan, count: n), written = firstHost, scratch = firstHost
            h.withUnsafeBufferPointer { held in
                noiseZ.withUnsafeBufferPointer { noiseZ in
                    let z = noiseZ.baseAddress!
                    m.withUnsafeMutableBufferPointer { m in
                        q.withUnsafeMutableBufferPointer { q in
                            kernels.serviceMemory(count: n, peak: p, services: [
                                .init(base: base, perPeak: perPeak, perConnection: perConnection, noise: noise, z: z,
                                      held: held.baseAddress, out: m.baseAddress!),
                                .init(base: base, perPeak: perPeak, perConnection: 0, noise: noise, z: z, held: nil,
                                      out: q.baseAddress!),
                            ], host: &total)
                            kernels.serviceMemory(count: n, peak: p, services: [
                                .init(base: base, perPeak: perPeak, perConnection: 0, noise: noise, z: z, held: nil,
                                      out: q.baseAddress!),
                            ], host: &firstHost)
                        }
                    }
                }
            }
            // The first pool of a service writes instead of adding.
            kernels.poolLoad(count: n, peak: p, perRPS: perRPS, capacity: capacity, accumulate: false, offered: &scratch,
                             held: &written)
            #expect(written.map(\.bitPattern) == (0..<n).map { min(offered[$0], capacity).bitPattern }, "\(kernels.name) first pool")
            #expect(firstHost.map(\.bitPattern) == plain.map(\.bitPattern), "\(kernels.name) one service")
            // A given memory is only added to the host in its turn, its `out` left as it was: the same host.
            var givenHost = [Double](repeating: .nan, count: n), untouched = givenHost, second = givenHost
            memory.withUnsafeBufferPointer { given in
                noiseZ.withUnsafeBufferPointer { noiseZ in
                    untouched.withUnsafeMutableBufferPointer { untouched in
                        second.withUnsafeMutableBufferPointer { second in
                            kernels.serviceMemory(count: n, peak: p, services: [
                                .init(base: .nan, perPeak: .nan, perConnection: .nan, noise: .nan, z: noiseZ.baseAddress!,
                                      held: nil, out: untouched.baseAddress!, given: given.baseAddress),
                                .init(base: base, perPeak: perPeak, perConnection: 0, noise: noise, z: noiseZ.baseAddress!,
                                      held: nil, out: second.baseAddress!),
                            ], host: &givenHost)
                        }
                    }
                }
            }
            #expect(givenHost.map(\.bitPattern) == host.map(\.bitPattern), "\(kernels.name) given memory: the host")
            #expect(untouched.allSatisfy(\.isNaN) && second.map(\.bitPattern) == plain.map(\.bitPattern),
                    "\(kernels.name) given memory: its out not written, the next service computed")
            var none = [Double](repeating: .nan, count: n)
            kernels.serviceMemory(count: n, peak: p, services: [], host: &none)
            #expect(none.allSatisfy { $0 == 0 }, "\(kernels.name) no service")
            let name = kernels.name
            #expect(r.map(\.bitPattern) == rate.map(\.bitPattern) && f.map(\.bitPattern) == factor.map(\.bitPattern), "\(name) rate, factor")
            #expect(t.map(\.bitPattern) == traffic.map(\.bitPattern) && p.map(\.bitPattern) == peak.map(\.bitPattern), "\(name) traffic, peak")
            #expect(trafficRange == kernels.histogramRange(traffic, count: n, smallestBits: QuantileHistogram.smallestBits),
                    "\(name): the traffic's range, as histogramRange finds it")
            #expect(o.map(\.bitPattern) == offered.map(\.bitPattern) && h.map(\.bitPattern) == held.map(\.bitPattern), "\(name) pool")
            #expect(m.map(\.bitPattern) == memory.map(\.bitPattern) && q.map(\.bitPattern) == plain.map(\.bitPattern), "\(name) memory")
            #expect(total.map(\.bitPattern) == host.map(\.bitPattern), "\(name) host")
            // Stay-at-1 month: no growth step.
            var f1 = [Double](repeating: 1, count: n)
            _ = kernels.trafficAdvance(
                count: n, grow: false, rate: r, factor: &f1, volatilityZ: volatilityZ, peakZ: peakZ, rps: rps,
                volatility: volatility, minimumStep: TrafficDrivers.minimumStep, peakMean: peakMean, peakSD: peakSD,
                traffic: &t, peak: &p, smallestBits: QuantileHistogram.smallestBits)
            #expect(f1.allSatisfy { $0 == 1 } && t.allSatisfy { $0 == rps }, "\(name): month 1 does not grow")
        }
    }

    @Test("observers: warn, critical, fail and failed-so-far counts, for memory (above) and pools (at or above)",
          arguments: [false, true])
    func observers(atCapacity: Bool) {
        let n = 2051
        var demand = Self.inputs(n, stream: 6, scale: 20, offset: 100).map { max(0, $0) }
        demand[0] = 80; demand[1] = 90; demand[2] = 100; demand[3] = 75   // exactly on the levels
        let (warn, critical) = (75.0, 90.0)
        for capacity in [100.0, .infinity] {
            let earlier: [UInt8] = (0..<n).map { $0 % 7 == 0 ? 1 : 0 }
            var expected = (0, 0, 0, 0), expectedFailed = earlier
            for i in 0..<n {
                let x = demand[i]
                let over = { (t: Double) in atCapacity ? (x >= t ? 1 : 0) : (x > t ? 1 : 0) }
                expected.0 += over(warn); expected.1 += over(critical)
                let failed = over(capacity)
                expected.2 += failed
                expectedFailed[i] |= UInt8(failed)
                expected.3 += Int(expectedFailed[i])
            }
            let threshold = 110.0, above = demand.filter { $0 >= threshold }.count
            for kernels in Self.variants {
                var failed = earlier
                let (counts, range) = kernels.observe(demand, count: n, warn: warn, critical: critical, capacity: capacity,
                                                      atCapacity: atCapacity, failedSoFar: &failed,
                                                      smallestBits: QuantileHistogram.smallestBits)
                #expect(counts == expected, "\(kernels.name), capacity \(capacity)")
                let expectedRange = kernels.histogramRange(demand, count: n, smallestBits: QuantileHistogram.smallestBits)
                #expect(range == expectedRange, "\(kernels.name): the demands' range, as histogramRange finds it")
                #expect(failed == expectedFailed, "\(kernels.name), capacity \(capacity)")
                #expect(kernels.countAtOrAbove(demand, count: n, threshold: threshold) == above, "\(kernels.name)")
            }
        }
    }
}
