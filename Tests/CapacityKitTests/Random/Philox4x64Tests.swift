import Testing
@testable import CapacityKit

/// Known-answer vectors from Random123 1.14, `examples/kat_vectors`
/// (lines "philox4x64 10 …": counter words, key words, expected output).
@Suite struct Philox4x64Tests {
    @Test("Random123 known-answer vectors, bit for bit")
    func knownAnswers() {
        let cases: [(Philox4x64.Block, (UInt64, UInt64), Philox4x64.Block)] = [
            ((0, 0, 0, 0), (0, 0),
             (0x16554d9eca36314c, 0xdb20fe9d672d0fdc, 0xd7e772cee186176b, 0x7e68b68aec7ba23b)),
            ((.max, .max, .max, .max), (.max, .max),
             (0x87b092c3013fe90b, 0x438c3c67be8d0224, 0x9cc7d7c69cd777b6, 0xa09caebf594f0ba0)),
            ((0x243f6a8885a308d3, 0x13198a2e03707344, 0xa4093822299f31d0, 0x082efa98ec4e6c89),
             (0x452821e638d01377, 0xbe5466cf34e90c6c),
             (0xa528f45403e61d95, 0x38c72dbd566e9788, 0xa5a1610e72fd18b5, 0x57bd43b5e52b7fe6)),
        ]
        for (counter, key, expected) in cases {
            let output = Philox4x64.encrypt(counter, key: key)
            #expect(output == expected, "counter \(counter) key \(key)")
        }
    }

    @Test("the generator walks the counter: words 4k…4k+3 are block k")
    func sequentialBlocks() {
        var generator = Philox4x64(key: (7, 9))
        let words = (0..<12).map { _ in generator.next() }
        for block in 0..<3 {
            let expected = Philox4x64.encrypt((UInt64(block), 0, 0, 0), key: (7, 9))
            #expect(Array(words[(4 * block)..<(4 * block + 4)]) == [expected.0, expected.1, expected.2, expected.3])
        }
    }

    @Test("bulk fills equal word-by-word draws, from any starting offset")
    func fillMatchesNext() {
        for offset in 0..<4 {
            var one = Philox4x64(StreamKey(seed: 42, path: 3, stream: 1))
            var bulk = one
            for _ in 0..<offset { _ = one.next(); _ = bulk.next() }
            let expected = (0..<23).map { _ in one.nextUniform() }
            var filled = [Double](repeating: 0, count: 23)
            filled.withUnsafeMutableBufferPointer { bulk.fillUniform($0) }
            #expect(filled == expected, "offset \(offset)")
            #expect(one.next() == bulk.next(), "offset \(offset): state after the fill")
        }
    }

    @Test("uniforms lie strictly inside (0, 1) with 53-bit resolution")
    func uniformRange() {
        struct Constant: BitGenerator { let word: UInt64; mutating func next() -> UInt64 { word } }
        var zero = Constant(word: 0), ones = Constant(word: .max)
        #expect(zero.nextUniform() == 0x1p-54)
        #expect(ones.nextUniform() == 1 - 0x1p-54)
    }

    @Test("a stream depends only on (seed, path, stream)")
    func streamKeying() {
        let key = StreamKey(seed: 2026, path: 123_456, stream: 3)
        var a = key.generator, b = key.generator
        #expect((0..<8).map { _ in a.next() } == (0..<8).map { _ in b.next() })
        var otherPath = StreamKey(seed: 2026, path: 123_457, stream: 3).generator
        var otherStream = StreamKey(seed: 2026, path: 123_456, stream: 4).generator
        var otherSeed = StreamKey(seed: 2027, path: 123_456, stream: 3).generator
        var reference = key.generator
        let first = reference.next()
        #expect(Set([first, otherPath.next(), otherStream.next(), otherSeed.next()]).count == 4)
    }
}
