#ifndef CAPACITY_COPENBLAS_SHIM_H
#define CAPACITY_COPENBLAS_SHIM_H

// CBLAS from OpenBLAS (its include directory comes from pkg-config "openblas"),
// LAPACKE from liblapacke-dev, and OpenBLAS's thread control.
#include <cblas.h>
#include <lapacke.h>

// OpenBLAS's own: stops its worker threads (it is what its fork handler calls).
// Exported by every OpenBLAS build with a thread server, not declared in cblas.h.
int blas_thread_shutdown_(void);

#endif
