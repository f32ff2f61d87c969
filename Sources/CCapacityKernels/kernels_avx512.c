// The AVX-512 variant (F, DQ, BW, VL: Skylake-SP, Ice Lake, Zen 4 and later).
#if defined(__x86_64__) || defined(_M_X64)
#define CK_TARGET __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl,avx2,bmi2,popcnt")))
#define CK_NAME(x) ck_avx512_##x
#define CK_VARIANT_NAME "avx512"
#define CK_NORMALS_WIDTH 32
#include "kernels_body.h"
#endif
