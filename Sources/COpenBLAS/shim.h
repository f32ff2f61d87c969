#ifndef CAPACITY_COPENBLAS_SHIM_H
#define CAPACITY_COPENBLAS_SHIM_H

// CBLAS and OpenBLAS's public thread control (openblas_set_num_threads) from
// OpenBLAS (its include directory comes from pkg-config "openblas"); LAPACKE
// from liblapacke-dev on Debian, from OpenBLAS's own headers elsewhere.
#include <cblas.h>
#include <lapacke.h>

#endif
