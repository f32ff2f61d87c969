// Chooses the kernels' variant for this processor, once: the most capable
// instruction set that both the processor and the operating system support
// (AVX-512 and AVX need the OS to save the wider registers: XGETBV).
#include "CapacityKernels.h"
#include <stdlib.h>
#include <string.h>

extern const ck_kernels ck_baseline_kernels;

#if defined(__x86_64__) || defined(_M_X64)
#include <cpuid.h>

extern const ck_kernels ck_avx512_kernels;
extern const ck_kernels ck_avx2_kernels;

static const ck_kernels *const variants[] = {&ck_avx512_kernels, &ck_avx2_kernels, &ck_baseline_kernels};

static uint64_t xgetbv0(void) {
    uint32_t low, high;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    return (uint64_t)high << 32 | low;
}

/// 2: AVX-512 F/DQ/BW/VL, 1: AVX2 (with BMI2 and POPCNT), 0: neither.
static int x86_level(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int osxsave = (c >> 27) & 1, avx = (c >> 28) & 1, popcnt = (c >> 23) & 1;
    if (!osxsave || !avx || !popcnt) return 0;
    uint64_t xcr0 = xgetbv0();
    if ((xcr0 & 0x6) != 0x6) return 0;                 // SSE and AVX state
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, a, b, c, d);
    int avx2 = (b >> 5) & 1, bmi2 = (b >> 8) & 1;
    if (!avx2 || !bmi2) return 0;
    int avx512 = ((b >> 16) & 1) && ((b >> 17) & 1) && ((b >> 30) & 1) && ((b >> 31) & 1);
    if (avx512 && (xcr0 & 0xE6) == 0xE6) return 2;     // opmask, ZMM_Hi256, Hi16_ZMM state
    return 1;
}

int32_t ck_variant_count(void) { return 3; }

const ck_kernels *ck_variant(int32_t index) {
    if (index < 0 || index > 2) return 0;
    return x86_level() >= 2 - index ? variants[index] : 0;
}
#else
int32_t ck_variant_count(void) { return 1; }

const ck_kernels *ck_variant(int32_t index) { return index == 0 ? &ck_baseline_kernels : 0; }
#endif

/// The variant named by the environment variable CAPACITY_KERNELS (e.g. "sse2", to
/// measure a slower variant), when this processor runs it; else the most capable.
const ck_kernels *ck_best(void) {
    static const ck_kernels *_Atomic chosen;
    const ck_kernels *kernels = chosen;
    if (kernels) return kernels;
    const char *wanted = getenv("CAPACITY_KERNELS");
    for (int32_t index = 0; wanted && index < ck_variant_count() && !kernels; index++) {
        const ck_kernels *variant = ck_variant(index);
        if (variant && strcmp(variant->name, wanted) == 0) kernels = variant;
    }
    for (int32_t index = 0; index < ck_variant_count() && !kernels; index++) kernels = ck_variant(index);
    chosen = kernels;
    return kernels;
}

