// The baseline variant: the architecture's guaranteed vector unit (SSE2 on
// x86-64, NEON on arm64), with the compiler's default flags.
#define CK_NAME(x) ck_baseline_##x
#if defined(__x86_64__) || defined(_M_X64)
#define CK_VARIANT_NAME "sse2"
#else
#define CK_VARIANT_NAME "baseline"
#endif
#include "kernels_body.h"
