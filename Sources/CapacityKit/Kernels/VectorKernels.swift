// The only file that sees the C kernels (Sources/CCapacityKernels): the
// engine's hot loops — bulk normals, the forecast's month loop, histogram
// counting — compiled once per instruction set (AVX-512, AVX2, and the
// architecture's baseline: SSE2 on x86-64, NEON on arm64) and chosen at run
// time, so a plain `swift build -c release` runs as fast as a build for the
// machine's own CPU. Every variant gives bit-identical results (no fused
// multiply-add, only correctly rounded operations); the tests check it on every
// variant the machine runs. `CAPACITY_KERNELS=sse2` (or `avx2`) picks a slower
// variant, for measurement.
internal import CCapacityKernels

/// One instruction-set variant of the engine's C kernels.
struct VectorKernels: @unchecked Sendable {
    private let table: UnsafePointer<ck_kernels>

    /// The variant this process uses: the most capable this processor runs.
    static let best = VectorKernels(table: ck_best())

    /// Every variant this processor runs, most capable first (for tests and benchmarks).
    static var available: [VectorKernels] {
        (0..<ck_variant_count()).compactMap { ck_variant($0).map(VectorKernels.init(table:)) }
    }

    /// "avx512", "avx2", "sse2" or "baseline".
    var name: String { String(cString: table.pointee.name) }

    /// Standard normals `firstDraw …` of `paths` consecutive paths, draw-major
    /// (see ``Normal/fillStandard(_:draws:paths:startingAt:fromDraw:)``).
    func fillNormals(_ out: UnsafeMutablePointer<Double>, draws: Int, paths: Int, seed: UInt64, firstPath: UInt32,
                     stream: UInt64, firstDraw: Int = 0) {
        table.pointee.fill_normals(out, Int64(draws), Int64(paths), seed, firstPath, stream, Int64(firstDraw))
    }

    /// The lowest and highest bit patterns (as Int64) of `count` values, and the lowest at or above `smallestBits`.
    func histogramRange(_ values: UnsafePointer<Double>, count: Int, smallestBits: Int64)
        -> (lowest: Int64, highest: Int64, lowestBinned: Int64) {
        var lowest: Int64 = 0, highest: Int64 = 0, lowestBinned: Int64 = 0
        table.pointee.histogram_range(values, Int64(count), smallestBits, &lowest, &highest, &lowestBinned)
        return (lowest, highest, lowestBinned)
    }

    /// Counts each value at or above `smallestBits` into `counts[(bits >> shift) − firstBin]`; returns the others' count.
    /// `bins` are the lowest and highest bin among those values (from ``histogramRange(_:count:smallestBits:)``).
    func histogramCount(_ values: UnsafePointer<Double>, count: Int, into counts: UnsafeMutablePointer<Int>,
                        firstBin: Int, shift: Int, smallestBits: Int64, bins: ClosedRange<Int>) -> Int {
        counts.withMemoryRebound(to: Int64.self, capacity: 1) { target in
            Int(table.pointee.histogram_count(values, Int64(count), target, Int64(firstBin), Int64(shift), smallestBits,
                                              Int64(bins.lowerBound), Int64(bins.upperBound)))
        }
    }

    func trafficStart(count: Int, growthZ: UnsafePointer<Double>, mean: Double, sd: Double,
                      rate: UnsafeMutablePointer<Double>, factor: UnsafeMutablePointer<Double>) {
        table.pointee.traffic_start(Int64(count), growthZ, mean, sd, rate, factor)
    }

    // swiftlint:disable:next function_parameter_count
    func trafficAdvance(count: Int, grow: Bool, rate: UnsafePointer<Double>, factor: UnsafeMutablePointer<Double>,
                        volatilityZ: UnsafePointer<Double>, peakZ: UnsafePointer<Double>, rps: Double,
                        volatility: Double, minimumStep: Double, peakMean: Double, peakSD: Double,
                        traffic: UnsafeMutablePointer<Double>, peak: UnsafeMutablePointer<Double>) {
        table.pointee.traffic_advance(Int64(count), grow ? 1 : 0, rate, factor, volatilityZ, peakZ, rps, volatility,
                                      minimumStep, peakMean, peakSD, traffic, peak)
    }

    func poolLoad(count: Int, peak: UnsafePointer<Double>, perRPS: Double, capacity: Double,
                  offered: UnsafeMutablePointer<Double>, held: UnsafeMutablePointer<Double>) {
        table.pointee.pool_load(Int64(count), peak, perRPS, capacity, offered, held)
    }

    // swiftlint:disable:next function_parameter_count
    func serviceMemory(count: Int, peak: UnsafePointer<Double>, z: UnsafePointer<Double>, base: Double,
                       perPeak: Double, perConnection: Double, noise: Double, held: UnsafePointer<Double>?,
                       out: UnsafeMutablePointer<Double>, host: UnsafeMutablePointer<Double>) {
        table.pointee.service_memory(Int64(count), peak, z, base, perPeak, perConnection, noise, held, out, host)
    }

    /// (warn, critical, fail, failed so far) counts of one resource-month; updates `failedSoFar`.
    func observe(_ demand: UnsafePointer<Double>, count: Int, warn: Double, critical: Double, capacity: Double,
                 atCapacity: Bool, failedSoFar: UnsafeMutablePointer<Int>) -> (Int, Int, Int, Int) {
        var counts: (Int64, Int64, Int64, Int64) = (0, 0, 0, 0)
        failedSoFar.withMemoryRebound(to: Int64.self, capacity: count) { failed in
            withUnsafeMutablePointer(to: &counts) {
                $0.withMemoryRebound(to: Int64.self, capacity: 4) { out in
                    table.pointee.observe(demand, Int64(count), warn, critical, capacity, atCapacity ? 1 : 0, failed, out)
                }
            }
        }
        return (Int(counts.0), Int(counts.1), Int(counts.2), Int(counts.3))
    }

    /// How many of `count` values are ≥ `threshold`.
    func countAtOrAbove(_ values: UnsafePointer<Double>, count: Int, threshold: Double) -> Int {
        Int(table.pointee.count_at_or_above(values, Int64(count), threshold))
    }
}
