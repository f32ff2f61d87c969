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
    func histogramRange(_ values: UnsafePointer<Double>, count: Int, smallestBits: Int64) -> QuantileHistogram.BitRange {
        var lowest: Int64 = 0, highest: Int64 = 0, lowestBinned: Int64 = 0
        table.pointee.histogram_range(values, Int64(count), smallestBits, &lowest, &highest, &lowestBinned)
        return (lowest, highest, lowestBinned)
    }

    /// Adds 1 to `recent[(bits >> shift) − firstBin]` for each value at or above `smallestBits`; returns the others'
    /// count. `recent` has `bins` bins, covering the values' (`valueBins`, absolute), and a scratch slot after them
    /// (0 before and after).
    // swiftlint:disable:next function_parameter_count
    func histogramCount(_ values: UnsafePointer<Double>, count: Int, into recent: UnsafeMutablePointer<UInt16>, bins: Int,
                        firstBin: Int, shift: Int, smallestBits: Int64, valueBins: ClosedRange<Int>) -> Int {
        Int(table.pointee.histogram_count(values, Int64(count), recent, Int64(bins), Int64(firstBin), Int64(shift),
                                          smallestBits, Int64(valueBins.lowerBound), Int64(valueBins.upperBound)))
    }

    func trafficStart(count: Int, growthZ: UnsafePointer<Double>, mean: Double, sd: Double,
                      rate: UnsafeMutablePointer<Double>, factor: UnsafeMutablePointer<Double>) {
        table.pointee.traffic_start(Int64(count), growthZ, mean, sd, rate, factor)
    }

    /// Returns the traffic's range as ``histogramRange(_:count:smallestBits:)`` finds it.
    // swiftlint:disable:next function_parameter_count
    func trafficAdvance(count: Int, grow: Bool, rate: UnsafePointer<Double>, factor: UnsafeMutablePointer<Double>,
                        volatilityZ: UnsafePointer<Double>, peakZ: UnsafePointer<Double>, rps: Double,
                        volatility: Double, minimumStep: Double, peakMean: Double, peakSD: Double,
                        traffic: UnsafeMutablePointer<Double>, peak: UnsafeMutablePointer<Double>,
                        smallestBits: Int64) -> QuantileHistogram.BitRange {
        var range: (Int64, Int64, Int64) = (0, 0, 0)
        withUnsafeMutablePointer(to: &range) {
            $0.withMemoryRebound(to: Int64.self, capacity: 3) { bits in
                table.pointee.traffic_advance(Int64(count), grow ? 1 : 0, rate, factor, volatilityZ, peakZ, rps,
                                              volatility, minimumStep, peakMean, peakSD, traffic, peak, smallestBits, bits)
            }
        }
        return (range.0, range.1, range.2)
    }

    /// `accumulate: false` writes `held` (the first pool of its service), `true` adds to it.
    // swiftlint:disable:next function_parameter_count
    func poolLoad(count: Int, peak: UnsafePointer<Double>, perRPS: Double, capacity: Double, accumulate: Bool,
                  offered: UnsafeMutablePointer<Double>, held: UnsafeMutablePointer<Double>) {
        table.pointee.pool_load(Int64(count), peak, perRPS, capacity, accumulate ? 1 : 0, offered, held)
    }

    /// One service's parameters (per peak request and per connection: per node) and arrays for
    /// ``serviceMemory(count:peak:services:host:)``.
    struct Service {
        var base: Double, perPeak: Double, perConnection: Double, noise: Double
        var z: UnsafePointer<Double>
        /// The connections it holds, or nil: none.
        var held: UnsafePointer<Double>?
        var out: UnsafeMutablePointer<Double>
        /// Its memory already computed (a model with the same figures, the same paths), or nil: then it
        /// is only added to `host` in its turn, and `out` is not written.
        var given: UnsafePointer<Double>? = nil
    }

    /// Every service's memory into its `out`, and their sum, in service order, into `host`.
    func serviceMemory(count: Int, peak: UnsafePointer<Double>, services: [Service], host: UnsafeMutablePointer<Double>) {
        let parameters = services.map {
            ck_service(base: $0.base, per_peak: $0.perPeak, per_connection: $0.perConnection, noise: $0.noise, z: $0.z,
                       held: $0.held, out: $0.out, given: $0.given)
        }
        table.pointee.service_memory(Int64(count), peak, Int64(parameters.count), parameters, host)
    }

    /// (warn, critical, fail, failed so far) counts of one resource-month, and the demands' range as
    /// ``histogramRange(_:count:smallestBits:)`` finds it; updates `failedSoFar` (flags, 0 or 1).
    // swiftlint:disable:next function_parameter_count
    func observe(_ demand: UnsafePointer<Double>, count: Int, warn: Double, critical: Double, capacity: Double,
                 atCapacity: Bool, failedSoFar: UnsafeMutablePointer<UInt8>, smallestBits: Int64)
        -> (counts: (Int, Int, Int, Int), range: QuantileHistogram.BitRange) {
        var counts: (Int64, Int64, Int64, Int64) = (0, 0, 0, 0)
        var range: (Int64, Int64, Int64) = (0, 0, 0)
        withUnsafeMutablePointer(to: &counts) { countsPointer in
            withUnsafeMutablePointer(to: &range) { rangePointer in
                countsPointer.withMemoryRebound(to: Int64.self, capacity: 4) { out in
                    rangePointer.withMemoryRebound(to: Int64.self, capacity: 3) { bits in
                        table.pointee.observe(demand, Int64(count), warn, critical, capacity, atCapacity ? 1 : 0,
                                              failedSoFar, out, smallestBits, bits)
                    }
                }
            }
        }
        return ((Int(counts.0), Int(counts.1), Int(counts.2), Int(counts.3)), (range.0, range.1, range.2))
    }

    /// How many of `count` values are ≥ `threshold`.
    func countAtOrAbove(_ values: UnsafePointer<Double>, count: Int, threshold: Double) -> Int {
        Int(table.pointee.count_at_or_above(values, Int64(count), threshold))
    }
}
