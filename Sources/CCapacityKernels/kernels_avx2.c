// The AVX2 variant (Haswell, Zen 1 and later).
#if defined(__x86_64__) || defined(_M_X64)
#define CK_TARGET __attribute__((target("avx2,bmi2,popcnt")))
#define CK_NAME(x) ck_avx2_##x
#define CK_VARIANT_NAME "avx2"
#include "kernels_body.h"
#endif
