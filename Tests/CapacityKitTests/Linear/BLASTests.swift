import Foundation
import Testing
@testable import CapacityKit

/// Hand computation used throughout:
///
///     A = [[1, 2, 3],      B = [[ 7,  8],
///          [4, 5, 6]]           [ 9, 10],
///                               [11, 12]]
///
///     A·B = [[1·7 + 2·9 + 3·11,  1·8 + 2·10 + 3·12],    [[ 58,  64],
///            [4·7 + 5·9 + 6·11,  4·8 + 5·10 + 6·12]]  =  [139, 154]]
///
/// Integer products and sums this small are exact in Double, so results are
/// compared exactly.
@Suite("Linear: BLAS")
struct LinearBLASTests {
    static let a: [[Double]] = [[1, 2, 3], [4, 5, 6]]
    static let b: [[Double]] = [[7, 8], [9, 10], [11, 12]]
    static let product: [[Double]] = [[58, 64], [139, 154]]
    static let layouts: [Matrix.Layout] = [.rowMajor, .columnMajor]

    @Test("gemm: A·B for every layout of A, B, C and every transpose flag",
          arguments: [false, true], [false, true])
    func gemmAllLayouts(transposeA: Bool, transposeB: Bool) {
        for layoutA in Self.layouts {
            for layoutB in Self.layouts {
                for layoutC in Self.layouts {
                    // Store Aᵀ (3×2) when op(A) = Aᵀ is asked for, so op(A) is always A.
                    let storedA = Matrix(Self.a, layout: layoutA)
                    let storedB = Matrix(Self.b, layout: layoutB)
                    var c = Matrix(rows: 2, columns: 2, layout: layoutC, repeating: .nan)
                    BLAS.gemm(transposeA ? transposed(storedA) : storedA,
                              transposeB ? transposed(storedB) : storedB,
                              into: &c, transposeA: transposeA, transposeB: transposeB)
                    #expect(c == Matrix(Self.product, layout: layoutC),
                            "layouts A \(layoutA), B \(layoutB), C \(layoutC); transposes \(transposeA), \(transposeB)")
                }
            }
        }
    }

    @Test("gemm: B·A (3×3) and Aᵀ·Bᵀ = (B·A)ᵀ")
    func gemmOtherOrder() {
        // B·A = [[7+32, 14+40, 21+48], [9+40, 18+50, 27+60], [11+48, 22+60, 33+72]]
        let expected = Matrix([[39, 54, 69], [49, 68, 87], [59, 82, 105]])
        var c = Matrix(rows: 3, columns: 3)
        BLAS.gemm(Matrix(Self.b, layout: .columnMajor), Matrix(Self.a), into: &c)
        #expect(c == expected)
        // Aᵀ·Bᵀ = (B·A)ᵀ
        var d = Matrix(rows: 3, columns: 3, layout: .columnMajor)
        BLAS.gemm(Matrix(Self.a), Matrix(Self.b), into: &d, transposeA: true, transposeB: true)
        #expect(d == transposed(expected).converted(to: .columnMajor))
    }

    @Test("gemm: C ← α·A·B + β·C")
    func gemmAlphaBeta() {
        // 2·[[58, 64], [139, 154]] − [[1, 1], [1, 1]] = [[115, 127], [277, 307]]
        for layout in Self.layouts {
            var c = Matrix([[1, 1], [1, 1]], layout: layout)
            BLAS.gemm(Matrix(Self.a, layout: layout), Matrix(Self.b), into: &c, alpha: 2, beta: -1)
            #expect(c == Matrix([[115, 127], [277, 307]], layout: layout))
        }
    }

    @Test("pointer gemm: a chunk of normals times Lᵀ, in either layout, in a longer scratch buffer")
    func pointerGemm() {
        // Z = [[1, 0], [0, 1], [1, 1]], L = [[2, 0], [1, 3]], Lᵀ = [[2, 1], [0, 3]]:
        // Z·Lᵀ rows: [1, 0]·Lᵀ = [2, 1]; [0, 1]·Lᵀ = [0, 3]; [1, 1]·Lᵀ = [2, 4].
        let z: [[Double]] = [[1, 0], [0, 1], [1, 1]]
        let l: [[Double]] = [[2, 0], [1, 3]]
        let expected = Matrix([[2, 1], [0, 3], [2, 4]])
        for layout in Self.layouts {
            let zStored = Matrix(z, layout: layout).elements
            let lStored = Matrix(l, layout: layout).elements
            var out = Array(repeating: -1.0, count: 8)  // 6 used, 2 spare
            zStored.withUnsafeBufferPointer { zBuffer in
                lStored.withUnsafeBufferPointer { lBuffer in
                    out.withUnsafeMutableBufferPointer { outBuffer in
                        BLAS.gemm(layout: layout, transposeA: false, transposeB: true, m: 3, n: 2, k: 2,
                                  a: zBuffer, b: lBuffer, c: outBuffer)
                    }
                }
            }
            #expect(Array(out[..<6]) == expected.converted(to: layout).elements, "layout \(layout)")
            #expect(out[6...] == [-1, -1], "layout \(layout): elements past m·n untouched")
        }
    }

    @Test("pointer gemm: transposed A with β accumulates")
    func pointerGemmTransposedA() {
        // Aᵀ stored row-major 3×2 = [[1, 4], [2, 5], [3, 6]]; op(A) = A; C = A·B + 1·C₀,
        // C₀ = [[1, 2], [3, 4]]: [[59, 66], [142, 158]].
        let aTransposed: [Double] = [1, 4, 2, 5, 3, 6]
        let b = Matrix(Self.b).elements
        var c: [Double] = [1, 2, 3, 4]
        aTransposed.withUnsafeBufferPointer { aBuffer in
            b.withUnsafeBufferPointer { bBuffer in
                c.withUnsafeMutableBufferPointer { cBuffer in
                    BLAS.gemm(layout: .rowMajor, transposeA: true, transposeB: false, m: 2, n: 2, k: 3,
                              a: aBuffer, b: bBuffer, beta: 1, c: cBuffer)
                }
            }
        }
        #expect(c == [59, 66, 142, 158])
    }

    @Test("gemv: A·x, Aᵀ·y and α, β, in both layouts")
    func gemv() {
        for layout in Self.layouts {
            let a = Matrix(Self.a, layout: layout)
            // A·[1, 0, −1] = [1 − 3, 4 − 6] = [−2, −2]
            var y = [Double](repeating: .nan, count: 2)
            BLAS.gemv(a, [1, 0, -1], into: &y)
            #expect(y == [-2, -2], "layout \(layout)")
            // Aᵀ·[1, 1] = column sums [5, 7, 9]
            var x = [Double](repeating: 0, count: 3)
            BLAS.gemv(a, [1, 1], into: &x, transpose: true)
            #expect(x == [5, 7, 9], "layout \(layout)")
            // 2·[−2, −2] + 3·[1, 2] = [−1, 2]
            var z: [Double] = [1, 2]
            BLAS.gemv(a, [1, 0, -1], into: &z, alpha: 2, beta: 3)
            #expect(z == [-1, 2], "layout \(layout)")
        }
    }

    @Test("axpy and scal")
    func axpyScal() {
        // 2·[1, 2, 3] + [10, 20, 30] = [12, 24, 36]
        var y: [Double] = [10, 20, 30]
        BLAS.axpy(2, [1, 2, 3], &y)
        #expect(y == [12, 24, 36])
        // 0.5·[2, −4, 6] = [1, −2, 3]
        var x: [Double] = [2, -4, 6]
        BLAS.scal(0.5, &x)
        #expect(x == [1, -2, 3])
        var empty: [Double] = []
        BLAS.scal(3, &empty)
        #expect(empty.isEmpty)
    }

    @Test("setThreadCount sets OpenBLAS's thread count; the engine's runner leaves it alone",
          .enabled(if: ProcessInfo.processInfo.activeProcessorCount >= 2))
    func threadCount() {
        BLAS.setThreadCount(1)
        #expect(BLAS.threadCount == 1)
        BLAS.setThreadCount(2)
        #expect(BLAS.threadCount == 2)
        _ = ChunkedRunner.reduce(ChunkPlan(paths: 10, chunkSize: 3), threads: 2, into: 0, { $0.count },
                                 combine: { $0 += $1 })
        #expect(BLAS.threadCount == 2, "an engine must not change the host's BLAS threads")
        BLAS.setThreadCount(1)
    }
}
