#ifndef CAPACITY_CLAPACKE_SHIM_H
#define CAPACITY_CLAPACKE_SHIM_H

// LAPACKE as a library of its own: on Linux (Debian's and Ubuntu's
// liblapacke-dev, Fedora's lapack-devel) liblapacke is separate from
// libopenblas, and this module exists only to link it (`link "lapacke"` in its
// module map; pkg-config "lapacke" gives the same flag). The declarations come
// through COpenBLAS's shim (<lapacke.h>), so this header declares nothing.
// Package.swift depends on this target on Linux only: Homebrew's OpenBLAS
// (macOS) has LAPACKE inside libopenblas. Decided per platform, never by what
// is on the disk, so a manifest evaluated once holds on every machine.

#endif
