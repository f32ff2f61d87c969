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
let chunkSize = 4096
BLAS.setThreadCount(1)  // as the capacity CLI does at start
BLAS.stopIdleThreads()
let start = Date()
// The checksum XORs the bits of every value: exact, order-free (so it must not
// change with THREADS) and cheap enough (vectorised) not to hide the generator's time.
let checksum = ChunkedRunner.reduce(ChunkPlan(paths: paths, chunkSize: chunkSize), threads: threads, into: UInt64(0), { range in
    // The forecast's drawNormals: one growth normal per path from stream 0, then
    // each monthly stream's month-major block of months × paths normals.
    let count = range.count, rows = count * months, first = UInt64(range.lowerBound)
    let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: count + streams * rows)
    defer { buffer.deallocate() }
    Normal.fillStandard(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]), draws: 1, paths: count,
                        startingAt: StreamKey(seed: 1, path: first, stream: 0))
    for j in 0..<streams {
        let start = count + j * rows
        Normal.fillStandard(UnsafeMutableBufferPointer(rebasing: buffer[start..<(start + rows)]), draws: months,
                            paths: count, startingAt: StreamKey(seed: 1, path: first, stream: UInt64(1 + j)))
    }
    return buffer.reduce(0) { $0 ^ $1.bitPattern }
}, combine: { $0 ^= $1 })
let seconds = Date().timeIntervalSince(start)
let total = paths * (months * streams + 1)
print(String(format: "normals %d in %.3f s (%.2f ns each, checksum %016llx)", total, seconds, seconds / Double(total) * 1e9, checksum))
