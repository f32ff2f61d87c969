// The only file that sees C: every call into OpenBLAS (CBLAS) and LAPACKE goes
// through `BLAS` (public, level 1–3 products) or `LAPACK` (internal, used by
// `Cholesky`, `SymmetricEigen` and `LeastSquares`). Swift `Int` sizes become
// the C integer types (`blasint`, `lapack_int`: both Int32 here) through
// `blasInt` / `lapackInt`, which stop the program if a size does not fit.
internal import COpenBLAS
#if canImport(CLAPACKE)
// Linux: links liblapacke (the module declares nothing; see Sources/CLAPACKE/shim.h).
internal import CLAPACKE
#endif

/// The BLAS products the engine needs, over ``Matrix`` values, Swift arrays
/// and, for hot loops, raw buffers.
///
/// The engine parallelises across chunks of paths itself; how many threads
/// OpenBLAS may add is the host program's choice (``setThreadCount(_:)``).
public enum BLAS {
    /// General matrix product, in place:
    ///
    ///     C ← α · op(A) · op(B) + β · C,   op(X) = X or Xᵀ
    ///
    /// op(A) is m × k, op(B) is k × n and C is m × n. A, B and C may each
    /// have either layout: the product is computed in C's layout, and an
    /// operand stored the other way is handed to BLAS as its transpose, with
    /// no copy. With β = 0, C's previous contents are not read (NaN included).
    /// O(m · n · k) flops.
    ///
    /// - Precondition: the shapes agree.
    public static func gemm(
        _ a: Matrix, _ b: Matrix, into c: inout Matrix,
        transposeA: Bool = false, transposeB: Bool = false,
        alpha: Double = 1, beta: Double = 0
    ) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let n = transposeB ? b.rows : b.columns
        let kB = transposeB ? b.columns : b.rows
        precondition(k == kB && c.rows == m && c.columns == n,
                     "gemm shapes disagree: op(A) \(m) × \(k), op(B) \(kB) × \(n), C \(c.rows) × \(c.columns)")
        // A matrix stored in the other layout is, read in C's layout, its transpose.
        let operationA = transposeA != (a.layout != c.layout)
        let operationB = transposeB != (b.layout != c.layout)
        let layout = c.layout, ldc = c.leadingDimension
        a.elements.withUnsafeBufferPointer { aBuffer in
            b.elements.withUnsafeBufferPointer { bBuffer in
                c.elements.withUnsafeMutableBufferPointer { cBuffer in
                    callGEMM(layout, operationA, operationB, m: m, n: n, k: k, alpha: alpha,
                             aBuffer.baseAddress, a.leadingDimension,
                             bBuffer.baseAddress, b.leadingDimension,
                             beta, cBuffer.baseAddress, ldc)
                }
            }
        }
    }

    /// General matrix product over raw buffers, for hot loops:
    ///
    ///     C ← α · op(A) · op(B) + β · C
    ///
    /// All three buffers hold tightly packed matrices in `layout`: op(A) is
    /// m × k, so A is stored m × k (k × m when `transposeA`), B is stored
    /// k × n (n × k when `transposeB`) and C m × n. Buffers may be longer than
    /// needed (a scratch buffer sized for a full chunk serves a short last
    /// chunk); only the first elements are used. For correlated normals,
    /// `Z · Lᵀ` with Z chunk × k and the Cholesky factor L k × k, all
    /// row-major: `gemm(layout: .rowMajor, transposeA: false, transposeB: true,
    /// m: chunk, n: k, k: k, a: z, b: l, c: out)`. O(m · n · k) flops.
    ///
    /// - Precondition: sizes ≥ 0 and every buffer long enough.
    public static func gemm(
        layout: Matrix.Layout, transposeA: Bool, transposeB: Bool,
        m: Int, n: Int, k: Int,
        alpha: Double = 1, a: UnsafeBufferPointer<Double>, b: UnsafeBufferPointer<Double>,
        beta: Double = 0, c: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(m >= 0 && n >= 0 && k >= 0, "gemm sizes must be ≥ 0; got m \(m), n \(n), k \(k)")
        precondition(a.count >= m * k && b.count >= k * n && c.count >= m * n,
                     "gemm buffers too short: need A \(m * k), B \(k * n), C \(m * n); "
                     + "got \(a.count), \(b.count), \(c.count)")
        // Tight leading dimension of a stored `rows` × `columns` matrix.
        func ld(_ rows: Int, _ columns: Int) -> Int { max(1, layout == .rowMajor ? columns : rows) }
        callGEMM(layout, transposeA, transposeB, m: m, n: n, k: k, alpha: alpha,
                 a.baseAddress, transposeA ? ld(k, m) : ld(m, k),
                 b.baseAddress, transposeB ? ld(n, k) : ld(k, n),
                 beta, c.baseAddress, ld(m, n))
    }

    /// General matrix–vector product, in place:
    ///
    ///     y ← α · op(A) · x + β · y
    ///
    /// With A r × c: x has c elements and y r (r and c when `transpose`).
    /// With β = 0, y's previous contents are not read. O(r · c) flops.
    ///
    /// - Precondition: the lengths agree.
    public static func gemv(
        _ a: Matrix, _ x: [Double], into y: inout [Double],
        transpose: Bool = false, alpha: Double = 1, beta: Double = 0
    ) {
        let xCount = transpose ? a.rows : a.columns
        let yCount = transpose ? a.columns : a.rows
        precondition(x.count == xCount && y.count == yCount,
                     "gemv lengths disagree: op(A) \(yCount) × \(xCount), x \(x.count), y \(y.count)")
        a.elements.withUnsafeBufferPointer { aBuffer in
            x.withUnsafeBufferPointer { xBuffer in
                y.withUnsafeMutableBufferPointer { yBuffer in
                    cblas_dgemv(order(a.layout), operation(transpose),
                                blasInt(a.rows), blasInt(a.columns), alpha,
                                aBuffer.baseAddress, blasInt(a.leadingDimension),
                                xBuffer.baseAddress, 1, beta, yBuffer.baseAddress, 1)
                }
            }
        }
    }

    /// Scaled vector addition, in place: `y ← α · x + y`. O(n).
    ///
    /// - Precondition: `x.count == y.count`.
    public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        precondition(x.count == y.count, "axpy lengths disagree: x \(x.count), y \(y.count)")
        x.withUnsafeBufferPointer { xBuffer in
            y.withUnsafeMutableBufferPointer { yBuffer in
                cblas_daxpy(blasInt(x.count), alpha, xBuffer.baseAddress, 1, yBuffer.baseAddress, 1)
            }
        }
    }

    /// Vector scaling, in place: `x ← α · x`. O(n).
    public static func scal(_ alpha: Double, _ x: inout [Double]) {
        let count = x.count
        x.withUnsafeMutableBufferPointer { buffer in
            cblas_dscal(blasInt(count), alpha, buffer.baseAddress, 1)
        }
    }

    /// Sets how many threads OpenBLAS may use for one call (`openblas_set_num_threads`).
    ///
    /// Process-wide, so the engine never calls it: the program that hosts the
    /// engine decides (the `capacity` CLI sets 1 once at start, because the
    /// engine parallelises across chunks of paths itself and the products it
    /// asks for are small). - Precondition: `count ≥ 1`.
    public static func setThreadCount(_ count: Int) {
        precondition(count >= 1, "OpenBLAS needs at least one thread")
        openblas_set_num_threads(Int32(clamping: count))
    }

    /// Stops OpenBLAS's idle worker threads (OpenBLAS's `blas_thread_shutdown_`, where
    /// the library has it); a later call that may use more than one thread starts
    /// them again. With ``setThreadCount(_:)`` at 1 they are never needed: they
    /// only spin for about 0.1 s after the library loads, taking CPU time from the
    /// engine's own threads (how much: `benchmarks/work-estimates.md`).
    ///
    /// Process-wide, like ``setThreadCount(_:)``: the host program's choice, never the engine's.
    public static func stopIdleThreads() {
        _ = capacity_openblas_stop_idle_threads()
    }

    /// The number of threads OpenBLAS currently uses.
    static var threadCount: Int { Int(openblas_get_num_threads()) }

    private static func callGEMM(
        _ layout: Matrix.Layout, _ transposeA: Bool, _ transposeB: Bool,
        m: Int, n: Int, k: Int, alpha: Double,
        _ a: UnsafePointer<Double>?, _ lda: Int,
        _ b: UnsafePointer<Double>?, _ ldb: Int,
        _ beta: Double, _ c: UnsafeMutablePointer<Double>?, _ ldc: Int
    ) {
        cblas_dgemm(order(layout), operation(transposeA), operation(transposeB),
                    blasInt(m), blasInt(n), blasInt(k), alpha,
                    a, blasInt(lda), b, blasInt(ldb), beta, c, blasInt(ldc))
    }

    private static func order(_ layout: Matrix.Layout) -> CBLAS_ORDER {
        layout == .rowMajor ? CblasRowMajor : CblasColMajor
    }

    private static func operation(_ transpose: Bool) -> CBLAS_TRANSPOSE {
        transpose ? CblasTrans : CblasNoTrans
    }

    /// `value` as CBLAS's integer type; sizes that do not fit are programmer errors.
    private static func blasInt(_ value: Int) -> blasint {
        guard let converted = blasint(exactly: value) else {
            preconditionFailure("\(value) does not fit OpenBLAS's \(blasint.self) (rebuild against ILP64?)")
        }
        return converted
    }
}

/// Thin wrappers over the LAPACKE drivers used by ``Cholesky``,
/// ``SymmetricEigen`` and ``LeastSquares``. Each works on the matrix in its
/// own layout and returns LAPACK's `info` (0 = success, > 0 = a numerical
/// failure the caller turns into a ``LinearAlgebraError``); an invalid
/// argument (`info` < 0) is a programmer error and stops the program.
enum LAPACK {
    /// `dpotrf`, lower: overwrites the lower triangle of the n × n `matrix`
    /// with L, A = L · Lᵀ; the strict upper triangle is left as it was.
    /// `info` = k > 0: the leading minor of order k is not positive. O(n³/3).
    static func potrf(lower matrix: inout Matrix) -> Int {
        let n = lapackInt(matrix.rows), lda = lapackInt(matrix.leadingDimension)
        let layout = matrixLayout(matrix.layout)
        let info = matrix.elements.withUnsafeMutableBufferPointer { buffer in
            LAPACKE_dpotrf(layout, character("L"), n, buffer.baseAddress, lda)
        }
        return checked(info, "dpotrf")
    }

    /// `dsyevd`, vectors wanted, lower triangle read: the eigenvalues of the
    /// symmetric n × n `matrix` in ascending order; `matrix` is overwritten
    /// with the orthonormal eigenvectors as columns. O(n³).
    static func syevd(_ matrix: inout Matrix, eigenvalues: inout [Double]) -> Int {
        let n = lapackInt(matrix.rows), lda = lapackInt(matrix.leadingDimension)
        let layout = matrixLayout(matrix.layout)
        eigenvalues = Array(repeating: 0, count: matrix.rows)
        let info = matrix.elements.withUnsafeMutableBufferPointer { buffer in
            eigenvalues.withUnsafeMutableBufferPointer { values in
                LAPACKE_dsyevd(layout, character("V"), character("L"), n,
                               buffer.baseAddress, lda, values.baseAddress)
            }
        }
        return checked(info, "dsyevd")
    }

    /// `dgels`, no transpose, one right-hand side: `a` (m × n) is overwritten
    /// by its QR (m ≥ n, R in the upper n × n triangle) or LQ (m < n, L in
    /// the lower m × m triangle) factorisation; `b` has max(m, n) elements,
    /// the first m the right-hand side on entry, the first n the solution on
    /// exit. `info` = i > 0: the i-th diagonal element of R (or L) is exactly
    /// zero. O(m · n · min(m, n)).
    static func gels(_ a: inout Matrix, _ b: inout [Double]) -> Int {
        let m = lapackInt(a.rows), n = lapackInt(a.columns), lda = lapackInt(a.leadingDimension)
        let layout = matrixLayout(a.layout)
        // One column of max(m, n) rows: ldb is 1 in row-major, max(m, n) in column-major.
        let ldb = lapackInt(a.layout == .rowMajor ? 1 : max(1, b.count))
        let info = a.elements.withUnsafeMutableBufferPointer { aBuffer in
            b.withUnsafeMutableBufferPointer { bBuffer in
                LAPACKE_dgels(layout, character("N"), m, n, 1, aBuffer.baseAddress, lda,
                              bBuffer.baseAddress, ldb)
            }
        }
        return checked(info, "dgels")
    }

    /// `dtrcon`, 1-norm, non-unit diagonal: an estimate of the reciprocal
    /// condition number 1 / (‖T‖₁ · ‖T⁻¹‖₁) of the leading `order` × `order`
    /// triangle of `matrix` (upper or lower). O(order²).
    static func trcon(_ matrix: Matrix, order: Int, upper: Bool) -> Double {
        var reciprocalCondition = 0.0
        let info = matrix.elements.withUnsafeBufferPointer { buffer in
            LAPACKE_dtrcon(matrixLayout(matrix.layout), character("1"), character(upper ? "U" : "L"),
                           character("N"), lapackInt(order), buffer.baseAddress,
                           lapackInt(matrix.leadingDimension), &reciprocalCondition)
        }
        _ = checked(info, "dtrcon")
        return reciprocalCondition
    }

    private static func checked(_ info: Int32, _ routine: String) -> Int {
        precondition(info >= 0, "LAPACKE_\(routine): argument \(-info) is invalid (a NaN in the matrix, or a bad size)")
        return Int(info)
    }

    private static func matrixLayout(_ layout: Matrix.Layout) -> Int32 {
        layout == .rowMajor ? LAPACK_ROW_MAJOR : LAPACK_COL_MAJOR
    }

    private static func character(_ ascii: Unicode.Scalar) -> CChar {
        CChar(bitPattern: UInt8(ascii: ascii))
    }

    /// `value` as LAPACKE's `lapack_int` (Int32); sizes that do not fit are programmer errors.
    private static func lapackInt(_ value: Int) -> Int32 {
        guard let converted = Int32(exactly: value) else {
            preconditionFailure("\(value) does not fit LAPACKE's 32-bit lapack_int")
        }
        return converted
    }
}
