#ifndef CAPACITY_COPENBLAS_SHIM_H
#define CAPACITY_COPENBLAS_SHIM_H

// CBLAS and OpenBLAS's public thread control (openblas_set_num_threads) from
// OpenBLAS (its include directory comes from pkg-config "openblas"); LAPACKE's
// declarations from liblapacke-dev on Linux (its library is linked through the
// CLAPACKE target), from OpenBLAS's own headers on macOS.
#include <cblas.h>
#include <lapacke.h>

// OpenBLAS starts its worker threads when the library loads, and each spins
// (sched_yield) for about 0.1 s before it sleeps: CPU time the host program's
// own threads could use. blas_thread_shutdown_ stops them; OpenBLAS starts them
// again by itself if a later call asks for more than one thread. Not in
// OpenBLAS's public headers, and absent from single-threaded builds: weak.
extern int blas_thread_shutdown_(void) __attribute__((weak));

/// Stops OpenBLAS's idle worker threads when this OpenBLAS has them; 1 if it did.
static inline int capacity_openblas_stop_idle_threads(void) {
    if (!blas_thread_shutdown_) return 0;
    blas_thread_shutdown_();
    return 1;
}

#endif
