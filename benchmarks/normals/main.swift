// Times the project's generator alone: drawing as many standard normals as a
// forecast of the default model uses (paths × months × monthly streams, plus
// one growth rate per path), in the same chunked, per-path-stream way, on the
// same number of threads. The forecast benchmark's time is compared with this.
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
BLAS.useSingleThread()
let start = Date()
let checksum = ChunkedRunner.reduce(ChunkPlan(paths: paths, chunkSize: chunkSize), threads: threads, into: 0.0, { range in
    let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: range.count * (months * streams + 1))
    defer { buffer.deallocate() }
    var offset = 0
    for path in range {
        for stream in 0...streams {
            let count = stream == 0 ? 1 : months
            var generator = StreamKey(seed: 1, path: UInt64(path), stream: UInt64(stream)).generator
            Normal.fillStandard(UnsafeMutableBufferPointer(rebasing: buffer[offset..<(offset + count)]), using: &generator)
            offset += count
        }
    }
    return buffer.reduce(0, +)
}, combine: { $0 += $1 })
let seconds = Date().timeIntervalSince(start)
let total = paths * (months * streams + 1)
print(String(format: "normals %d in %.3f s (%.2f ns each, checksum %.3f)", total, seconds, seconds / Double(total) * 1e9, checksum))
