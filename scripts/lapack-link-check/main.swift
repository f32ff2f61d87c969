// Links and calls OpenBLAS and LAPACKE through the package's system-library
// targets, nothing else: `scripts/check-manifest` builds it in a fresh clone
// with an empty manifest cache, in seconds (the engine takes minutes), to show
// that the manifest links LAPACKE wherever it is evaluated.
//
// Solves the least-squares problem [1; 1]·x ≈ [1; 3] with LAPACKE_dgels:
// x = (1 + 3)/2 = 2, and checks it with cblas_ddot: [1, 1]·[1, 3] = 4.
import COpenBLAS
#if canImport(CLAPACKE)
import CLAPACKE
#endif

var a: [Double] = [1, 1]
var b: [Double] = [1, 3]
let info = LAPACKE_dgels(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), 2, 1, 1, &a, 2, &b, 2)
let dot = cblas_ddot(2, [1, 1], 1, [1, 3], 1)
guard info == 0, abs(b[0] - 2) < 1e-12, dot == 4 else {
    print("lapack-link-check: FAILED (info \(info), x \(b[0]), dot \(dot); expected 0, 2, 4)")
    exit(1)
}
print("lapack-link-check: LAPACKE_dgels x = 2, cblas_ddot = 4: OpenBLAS and LAPACKE link")
