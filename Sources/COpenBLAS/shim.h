#ifndef CAPACITY_COPENBLAS_SHIM_H
#define CAPACITY_COPENBLAS_SHIM_H

// CBLAS from OpenBLAS (its include directory comes from pkg-config "openblas"),
// LAPACKE from liblapacke-dev, and OpenBLAS's thread control.
#include <cblas.h>
#include <lapacke.h>

#endif
