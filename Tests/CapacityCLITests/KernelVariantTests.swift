import Foundation
import Testing
import CapacityTestSupport

/// The whole forecast on every instruction-set variant of the C kernels
/// (`CAPACITY_KERNELS` picks one; a variant the processor cannot run falls back to
/// the most capable, which must then agree too): the same bytes, on 1 and 2 threads.
@Suite struct KernelVariantTests {
    let capacity = CommandRunner()

    @Test("forecast CSV and JSON are byte-identical on every kernel variant and thread count")
    func identicalOutput() throws {
        let arguments = ["forecast", "--months", "13", "--paths", "20011", "--seed", "7"]
        var outputs: [String: String] = [:]
        for format in ["csv", "json"] {
            for variant in ["avx512", "avx2", "sse2", "baseline"] {
                for threads in ["1", "2"] {
                    let outcome = try capacity.run(arguments + ["--format", format, "--threads", threads],
                                                   environment: ["CAPACITY_KERNELS": variant])
                    #expect(outcome.status == 0, "\(variant), \(threads) thread(s): \(outcome.standardError)")
                    // JSON echoes the options, the thread count among them: every other byte must agree.
                    let figures = outcome.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
                        .filter { !$0.contains("\"threads\"") }.joined(separator: "\n")
                    if let first = outputs[format] {
                        #expect(figures == first, "\(format) on \(variant), \(threads) thread(s)")
                    } else {
                        outputs[format] = figures
                    }
                }
            }
        }
    }
}
