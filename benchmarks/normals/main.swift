// Times the project's generator alone: drawing as many standard normals as a
// forecast of the default model uses (paths × months × monthly streams, plus
// one growth rate per path), exactly as the forecast's PathSimulator.drawNormals
// does (same chunks, streams, calls and layout), on the same number of threads.
// The forecast benchmark's time is compared with this.
//
//     normals-benchmark PATHS MONTHS STREAMS THREADS
import CapacityKit
import Foundation

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
guard arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: normals-benchmark PATHS MONTHS STREAMS THREADS\n".utf8))
    exit(64)
}
let (paths, months, streams, threads) = (arguments[0], arguments[1], arguments[2], arguments[3])
// The forecast's chunk size (ForecastOptions.effectiveChunkSize: a month quad of inputs plus
// the paths' state in 2 MB) and its draws: four months at a time (a Philox block per path and stream).
let group = Normal.drawsPerBlock
let chunkSize = max(256, min(16_384, (2 << 20) / ((streams + 4) * min(group, months) * 8 + 2 * (streams + 4) * 8)))
BLAS.setThreadCount(1)  // as the capacity CLI does at start
BLAS.stopIdleThreads()
let start = Date()
// The checksum XORs the bits of every value: exact, order-free (so it must not
// change with THREADS) and cheap enough (vectorised) not to hide the generator's time.
let checksum = ChunkedRunner.reduce(ChunkPlan(paths: paths, chunkSize: chunkSize), threads: threads, into: UInt64(0), { range in
    // The forecast's draws: one growth normal per path from stream 0, then for each month
    // quad, each monthly stream's 4 × paths normals.
    let count = range.count, first = UInt64(range.lowerBound)
    let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: count + streams * group * count)
    defer { buffer.deallocate() }
    var checksum: UInt64 = 0
    Normal.fillStandard(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]), draws: 1, paths: count,
                        startingAt: StreamKey(seed: 1, path: first, stream: 0))
    for quad in stride(from: 0, to: months, by: group) {
        let draws = min(group, months - quad), rows = draws * count
        for j in 0..<streams {
            let start = count + j * rows
            Normal.fillStandard(UnsafeMutableBufferPointer(rebasing: buffer[start..<(start + rows)]), draws: draws,
                                paths: count, startingAt: StreamKey(seed: 1, path: first, stream: UInt64(1 + j)),
                                fromDraw: quad)
        }
        checksum ^= buffer[0..<(count + streams * rows)].reduce(0) { $0 ^ $1.bitPattern }
    }
    return checksum
}, combine: { $0 ^= $1 })
let seconds = Date().timeIntervalSince(start)
let total = paths * (months * streams + 1)
print(String(format: "normals %d in %.3f s (%.2f ns each, checksum %016llx)", total, seconds, seconds / Double(total) * 1e9, checksum))
