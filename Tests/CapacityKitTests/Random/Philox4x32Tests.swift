import Testing
@testable import CapacityKit

/// Known-answer vectors from Random123 1.14, `tests/kat_vectors` (lines
/// "philox4x32 10 …": four counter words, two key words, four expected words).
@Suite struct Philox4x32Tests {
    @Test("Random123 known-answer vectors, bit for bit")
    func knownAnswers() {
        let cases: [(Philox4x32.Block, Philox4x32.Key, Philox4x32.Block)] = [
            ((0, 0, 0, 0), (0, 0),
             (0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8)),
            ((.max, .max, .max, .max), (.max, .max),
             (0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd)),
            ((0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344), (0xa409_3822, 0x299f_31d0),
             (0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1)),
        ]
        for (counter, key, expected) in cases {
            let output = Philox4x32.encrypt(counter, key: key)
            #expect(output == expected, "counter \(counter) key \(key)")
        }
    }

    @Test("the generator walks the block index: words 2k and 2k + 1 are block k, low word first")
    func sequentialBlocks() {
        var generator = Philox4x32(key: (7, 9), counter: (0, 5, 6, 8))
        let words = (0..<6).map { _ in generator.next() }
        for block in 0..<3 {
            let expected = Philox4x32.encrypt((UInt32(block), 5, 6, 8), key: (7, 9))
            #expect(words[2 * block] == UInt64(expected.1) << 32 | UInt64(expected.0))
            #expect(words[2 * block + 1] == UInt64(expected.3) << 32 | UInt64(expected.2))
        }
    }

    @Test("a stream is keyed by its seed; its counter holds the block, the path and the 64-bit stream id")
    func streamLayout() {
        let key = StreamKey(seed: 0x0123_4567_89AB_CDEF, path: 0x8000_0003, stream: 0x0000_0005_0000_000B)
        var generator = key.generator
        #expect(generator.key == (0x89AB_CDEF, 0x0123_4567))
        _ = generator.next(); _ = generator.next()
        let second = Philox4x32.encrypt((1, 0x8000_0003, 0xB, 5), key: (0x89AB_CDEF, 0x0123_4567))
        #expect(generator.next() == UInt64(second.1) << 32 | UInt64(second.0))
    }

    @Test("uniforms lie strictly inside (0, 1) on the 2⁻⁵³ grid")
    func uniformRange() {
        struct Constant: BitGenerator { let word: UInt64; mutating func next() -> UInt64 { word } }
        var zero = Constant(word: 0), ones = Constant(word: .max), low = Constant(word: 0x7FF)
        var one = Constant(word: 1 << 11), half = Constant(word: 1 << 63)
        #expect(zero.nextUniform() == 0x1p-53)
        #expect(low.nextUniform() == 0x1p-53, "the 11 discarded bits do not matter")
        #expect(one.nextUniform() == 0x1p-52)
        #expect(half.nextUniform() == 0.5 + 0x1p-53)
        #expect(ones.nextUniform() == 0x1.fffffffffffffp-1) // 1 − 2⁻⁵³, written exactly
        #expect(ones.nextUniform() < 1)
    }

    @Test("a stream depends only on (seed, path, stream)")
    func streamKeying() {
        let key = StreamKey(seed: 2026, path: 123_456, stream: 3)
        var a = key.generator, b = key.generator
        #expect((0..<8).map { _ in a.next() } == (0..<8).map { _ in b.next() })
        var otherPath = StreamKey(seed: 2026, path: 123_457, stream: 3).generator
        var otherStream = StreamKey(seed: 2026, path: 123_456, stream: 4).generator
        var otherSeed = StreamKey(seed: 2027, path: 123_456, stream: 3).generator
        var highStream = StreamKey(seed: 2026, path: 123_456, stream: 3 + (1 << 32)).generator
        var reference = key.generator
        let first = reference.next()
        #expect(Set([first, otherPath.next(), otherStream.next(), otherSeed.next(), highStream.next()]).count == 5)
    }
}
