// The kernels of CapacityKernels.h, written once and compiled once per
// instruction set: a variant's file defines CK_TARGET (a function attribute)
// and CK_NAME(x) (its suffix), then includes this file. Plain C loops, no
// intrinsics: the compiler vectorises them for the variant's vector unit.
//
// Bit-identical across variants: contraction is off (a · b + c is never fused),
// and only correctly rounded operations and bit manipulation occur, so a vector
// lane computes exactly what scalar code computes.

#include "CapacityKernels.h"
#include <string.h>

#pragma clang fp contract(off)
#pragma STDC FP_CONTRACT OFF

#ifndef CK_TARGET
#define CK_TARGET
#endif

#define CK_INLINE static inline __attribute__((always_inline))

// The bulk normals' loop is vectorised this many paths at a time (a variant may set it): wider than
// the compiler's choice, which follows the 64-bit Philox lanes and leaves the single-precision
// transform at half width. The widths measured fastest: benchmarks/work-estimates.md.
#ifndef CK_NORMALS_WIDTH
#define CK_NORMALS_WIDTH 16
#endif
#define CK_PRAGMA(x) _Pragma(#x)
#define CK_VECTORIZE_WIDTH(n) CK_PRAGMA(clang loop vectorize_width(n))
#define CK_VECTORIZE_NORMALS CK_VECTORIZE_WIDTH(CK_NORMALS_WIDTH)

// √x without errno (so loops over it vectorise): the elementwise builtin where the
// compiler has it; elsewhere __builtin_sqrt (Apple's compilers set no errno in libm calls).
#if __has_builtin(__builtin_elementwise_sqrt)
#define CK_SQRT(x) __builtin_elementwise_sqrt(x)
#else
#define CK_SQRT(x) __builtin_sqrt(x)
#endif

CK_INLINE double ck_double(uint64_t bits) { double d; memcpy(&d, &bits, 8); return d; }
CK_INLINE uint64_t ck_bits(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }

// MARK: Philox4x32-10 and the single-precision Box–Muller (the Swift twins: Philox4x32.swift,
// BoxMuller32.swift; the same operations in the same order).

#define CK_M0 UINT64_C(0xD2511F53)
#define CK_M1 UINT64_C(0xCD9E8D57)
#define CK_W0 UINT32_C(0x9E3779B9)
#define CK_W1 UINT32_C(0xBB67AE85)
#define CK_LOW UINT64_C(0xFFFFFFFF)

CK_INLINE float ck_float(uint32_t bits) { float f; memcpy(&f, &bits, 4); return f; }
CK_INLINE uint32_t ck_float_bits(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }

/// ln x in single precision for a positive normal float x: x = 2ᵉ·m, m ∈ [√½, √2),
/// ln x = e·ln 2 + 2 atanh(s), s = (m − 1)/(m + 1), the series to s⁹ (|s| ≤ 0.172: truncation
/// below 10⁻⁹); ln 2 in two parts (Cephes' logf: the head times e ≤ 32 is exact).
CK_INLINE float ck_logf(float x) {
    const uint32_t root_half = UINT32_C(0x3F3504F3);            // √½ rounded to float
    uint32_t biased = ck_float_bits(x) + (UINT32_C(0x3F800000) - root_half);
    float exponent = (float)((int32_t)(biased >> 23) - 127);
    float m = ck_float((biased & UINT32_C(0x007FFFFF)) + root_half);
    float f = m - 1;
    float s = f / (2 + f);
    float z = s * s;
    float series = 0x1.555556p-2f + z * (0x1.99999ap-3f + z * (0x1.24924ap-3f + z * 0x1.c71c72p-4f));
    float log_m = 2 * s + 2 * s * (z * series);
    return exponent * 0x1.63p-1f + (exponent * -0x1.bd0106p-13f + log_m);
}

/// Box–Muller in single precision of two 32-bit words: the radius from all 32 bits of `radius`,
/// u = (radius + 1)·2⁻³² ∈ [2⁻³², 1] rounded once to float (two exact halves, one addition), so
/// r = √(−2 ln u) ≤ √(64 ln 2) ≈ 6.660; the angle θ = (π/2)(q + v − ½) from the quadrant
/// q = angle mod 4 and 23 bits of v (bits 9…31). sin and cos of x = (π/2)(v − ½) ∈ [−π/4, π/4)
/// by Cephes' sinf/cosf polynomials, turned by q quarter turns (a swap, two sign flips).
CK_INLINE void ck_box_muller32(uint32_t radius, uint32_t angle, float *z0, float *z1) {
    float u = (float)(int32_t)(radius >> 16) * 0x1p-16f + ((float)(int32_t)(radius & 0xFFFF) + 1) * 0x1p-32f;
    float r = CK_SQRT(__builtin_fabsf(-2 * ck_logf(u)));
    float v = ck_float(UINT32_C(0x3F800000) | angle >> 9) - 1;
    float x = (v - 0.5f) * 0x1.921fb6p0f;
    float z = x * x;
    float sin_x = x + x * (z * (-0x1.555546p-3f + z * (0x1.11073cp-7f + z * -0x1.9943f2p-13f)));
    float cos_x = 1 + (z * z * (0x1.55554ap-5f + z * (-0x1.6c0c34p-10f + z * 0x1.99eb9cp-16f)) - 0.5f * z);
    uint32_t quadrant = angle & 3;
    uint32_t cosine_sign = ((quadrant + 1) & 2) << 30, sine_sign = (quadrant & 2) << 30;
    int swapped = (int)(quadrant & 1);
    float a = swapped ? sin_x : cos_x, b = swapped ? cos_x : sin_x;
    *z0 = r * ck_float(ck_float_bits(a) ^ cosine_sign);
    *z1 = r * ck_float(ck_float_bits(b) ^ sine_sign);
}

/// One block of fill_normals: block `block` of `paths` consecutive paths, its four words
/// (x₀, x₁, x₂, x₃) to draws 4·block … 4·block + 3 in rows[0…3]: Box–Muller of (x₀, x₁), then
/// of (x₂, x₃), each widened to double. Rounds 1–3 of Philox are partly the same for every
/// path (the block index and the stream id are), so their products are computed once; from
/// round 4 on every word depends on the path. Words garbage above bit 31 are harmless inside
/// the rounds: the 32 × 32-bit products read only the low halves, and the outputs are truncated.
CK_INLINE void ck_normals_block(double *restrict row0, double *restrict row1, double *restrict row2,
                                double *restrict row3, int64_t paths, uint32_t block, const uint64_t key0[10],
                                const uint64_t key1[10], uint32_t first_path, uint64_t stream) {
    uint64_t s2 = (uint32_t)stream, s3 = stream >> 32;
    // Round 1: c = (block, path, s2, s3): both products are the same for every path.
    uint64_t p0 = CK_M0 * block, p1 = CK_M1 * s2;
    uint64_t r1_c0_part = (p1 >> 32) ^ key0[0];                  // c0 = this ^ path
    uint64_t r1_c1 = p1 & CK_LOW, r1_c2 = ((p0 >> 32) ^ s3 ^ key1[0]) & CK_LOW, r1_c3 = p0 & CK_LOW;
    // Round 2: the second product (of c2) is shared; the first depends on the path.
    uint64_t q1 = CK_M1 * r1_c2;
    uint64_t r2_c0 = ((q1 >> 32) ^ r1_c1 ^ key0[1]) & CK_LOW, r2_c1 = q1 & CK_LOW;
    // Round 3: the first product (of c0) is shared.
    uint64_t r3_p0 = CK_M0 * r2_c0;
    uint64_t r3_c2_part = (r3_p0 >> 32) ^ key1[2];                // c2 = this ^ round-2 c3
    CK_VECTORIZE_NORMALS
    for (int64_t i = 0; i < paths; i++) {
        uint64_t c0 = r1_c0_part ^ (uint32_t)(first_path + (uint32_t)i);
        uint64_t t0 = (c0 & CK_LOW) * CK_M0;                       // round 2
        uint64_t c2 = (t0 >> 32) ^ r1_c3 ^ key1[1], c3 = t0;
        uint64_t t1 = (c2 & CK_LOW) * CK_M1;                       // round 3
        c0 = (t1 >> 32) ^ r2_c1 ^ key0[2];
        uint64_t c1 = t1;
        c2 = r3_c2_part ^ c3;
        c3 = r3_p0;
#pragma clang loop unroll(full)
        for (int round = 3; round < 10; round++) {
            uint64_t x0 = (c0 & CK_LOW) * CK_M0, x1 = (c2 & CK_LOW) * CK_M1;
            c0 = (x1 >> 32) ^ c1 ^ key0[round];
            c1 = x1;
            c2 = (x0 >> 32) ^ c3 ^ key1[round];
            c3 = x0;
        }
        float z0, z1, z2, z3;
        ck_box_muller32((uint32_t)c0, (uint32_t)c1, &z0, &z1);
        ck_box_muller32((uint32_t)c2, (uint32_t)c3, &z2, &z3);
        row0[i] = z0;
        row1[i] = z1;
        row2[i] = z2;
        row3[i] = z3;
    }
}

CK_TARGET static void CK_NAME(fill_normals)(double *out, int64_t draws, int64_t paths, uint64_t seed,
                                            uint32_t first_path, uint64_t stream, int64_t first_draw) {
    uint64_t key0[10], key1[10];
    uint32_t k0 = (uint32_t)seed, k1 = (uint32_t)(seed >> 32);
    for (int round = 0; round < 10; round++) {
        key0[round] = k0; key1[round] = k1;
        k0 += CK_W0; k1 += CK_W1;
    }
    int64_t first_block = first_draw / 4;
    for (int64_t block = 0; 4 * block < draws; block++) {
        double *first_row = out + 4 * block * paths;
        uint32_t index = (uint32_t)(first_block + block);
        int64_t rows = draws - 4 * block < 4 ? draws - 4 * block : 4;
        if (rows == 4) {
            ck_normals_block(first_row, first_row + paths, first_row + 2 * paths, first_row + 3 * paths, paths,
                             index, key0, key1, first_path, stream);
            continue;
        }
        // The last block, in part: tiles of paths, the rows past `draws` into scratch.
        enum { tile = 256 };
        double scratch[3][tile];
        for (int64_t start = 0; start < paths; start += tile) {
            int64_t n = paths - start < tile ? paths - start : tile;
            double *row[4];
            for (int64_t j = 0; j < 4; j++) row[j] = j < rows ? first_row + j * paths + start : scratch[j - 1];
            ck_normals_block(row[0], row[1], row[2], row[3], n, index, key0, key1,
                             first_path + (uint32_t)start, stream);
        }
    }
}

// MARK: Histograms (QuantileHistogram.add)

/// The lowest pattern ≥ smallest_bits of n values whose lowest pattern is `lowest`: `lowest` itself
/// unless that is below smallest_bits (a zero: never, for traffic, memory and loads), and only
/// then a pass of its own (INT64_MAX when none is).
CK_INLINE int64_t ck_lowest_binned(const int64_t *bits, int64_t n, int64_t lowest, int64_t smallest_bits) {
    if (lowest >= smallest_bits) return lowest;
    int64_t lowest_binned = INT64_MAX;
    for (int64_t i = 0; i < n; i++) {
        int64_t binned = bits[i] >= smallest_bits ? bits[i] : INT64_MAX;
        lowest_binned = binned < lowest_binned ? binned : lowest_binned;
    }
    return lowest_binned;
}

/// The values' range as ck_observe and ck_traffic_advance find it for theirs: lowest and
/// highest in one pass, then ck_lowest_binned.
CK_TARGET static void CK_NAME(histogram_range)(const double *values, int64_t n, int64_t smallest_bits,
                                               int64_t *lowest_out, int64_t *highest_out,
                                               int64_t *lowest_binned_out) {
    const int64_t *bits = (const int64_t *)(const void *)values;
    int64_t lowest = INT64_MAX, highest = INT64_MIN;
    for (int64_t i = 0; i < n; i++) {
        int64_t pattern = bits[i];
        lowest = pattern < lowest ? pattern : lowest;
        highest = pattern > highest ? pattern : highest;
    }
    *lowest_out = lowest;
    *highest_out = highest;
    *lowest_binned_out = ck_lowest_binned(bits, n, lowest, smallest_bits);
}

/// Adds 1 to recent[(pattern >> shift) − first_bin] for each value whose bit pattern is
/// ≥ smallest_bits; returns how many were below it (zeros). recent[bins] is a scratch slot
/// (0 before and after): a zero's increment goes there, branch-free. low_bin … high_bin
/// (absolute) are the values' bins: their cache lines of `recent` are prefetched first.
///
/// In blocks of 512 values: a branch-free pass (which vectorises) writes each value's bin,
/// then a scalar pass increments. Split so, the scalar pass is a load and an increment per
/// value, faster than one loop doing both (measured: benchmarks/work-estimates.md).
CK_TARGET static int64_t CK_NAME(histogram_count)(const double *values, int64_t n, uint16_t *recent, int64_t bins,
                                                  int64_t first_bin, int64_t shift, int64_t smallest_bits,
                                                  int64_t low_bin, int64_t high_bin) {
    const int64_t *bits = (const int64_t *)(const void *)values;
    enum { block = 512 };
    uint32_t bin[block];
    for (int64_t b = low_bin - first_bin; b <= high_bin - first_bin; b += 32) __builtin_prefetch(recent + b, 1);
    for (int64_t start = 0; start < n; start += block) {
        int64_t m = n - start < block ? n - start : block;
        for (int64_t i = 0; i < m; i++) {
            int64_t pattern = bits[start + i];
            bin[i] = (uint32_t)(pattern >= smallest_bits ? (pattern >> shift) - first_bin : bins);
        }
        for (int64_t i = 0; i < m; i++) recent[bin[i]] += 1;
    }
    int64_t small = recent[bins];
    recent[bins] = 0;
    return small;
}

// MARK: The month loop (TrafficDrivers, MemoryDemand, ResourceObserver)

CK_INLINE double ck_max(double x, double y) { return y >= x ? y : x; }   // Swift's max(x, y)
CK_INLINE double ck_min(double x, double y) { return y < x ? y : x; }    // Swift's min(x, y)

CK_TARGET static void CK_NAME(traffic_start)(int64_t count, const double *restrict growth_z, double mean,
                                             double sd, double *restrict rate, double *restrict factor) {
    for (int64_t i = 0; i < count; i++) {
        rate[i] = mean + sd * growth_z[i];
        factor[i] = 1;
    }
}

/// traffic_advance's loop, `grow` fixed per copy; one pass (a path's factor, traffic and peak
/// in turn) that also finds the traffic's range for its histogram.
CK_INLINE void ck_traffic_advance(int64_t count, int grow, const double *restrict rate, double *restrict factor,
                                  const double *restrict volatility_z, const double *restrict peak_z, double rps,
                                  double volatility, double minimum_step, double peak_mean, double peak_sd,
                                  double *restrict traffic, double *restrict peak, int64_t smallest_bits,
                                  int64_t range[3]) {
    int64_t lowest = INT64_MAX, highest = INT64_MIN;
    for (int64_t i = 0; i < count; i++) {
        double f = factor[i];
        if (grow) {
            f *= ck_max(minimum_step, 1 + rate[i] + volatility * volatility_z[i]);
            factor[i] = f;
        }
        double t = rps * f;
        traffic[i] = t;
        peak[i] = t * ck_max(1, peak_mean + peak_sd * peak_z[i]);
        int64_t pattern = (int64_t)ck_bits(t);
        lowest = pattern < lowest ? pattern : lowest;
        highest = pattern > highest ? pattern : highest;
    }
    range[0] = lowest;
    range[1] = highest;
    range[2] = ck_lowest_binned((const int64_t *)(const void *)traffic, count, lowest, smallest_bits);
}

CK_TARGET static void CK_NAME(traffic_advance)(int64_t count, int32_t grow, const double *restrict rate,
                                               double *restrict factor, const double *restrict volatility_z,
                                               const double *restrict peak_z, double rps, double volatility,
                                               double minimum_step, double peak_mean, double peak_sd,
                                               double *restrict traffic, double *restrict peak,
                                               int64_t smallest_bits, int64_t range[3]) {
    if (grow) {
        ck_traffic_advance(count, 1, rate, factor, volatility_z, peak_z, rps, volatility, minimum_step, peak_mean,
                           peak_sd, traffic, peak, smallest_bits, range);
    } else {
        ck_traffic_advance(count, 0, rate, factor, volatility_z, peak_z, rps, volatility, minimum_step, peak_mean,
                           peak_sd, traffic, peak, smallest_bits, range);
    }
}

CK_TARGET static void CK_NAME(pool_load)(int64_t count, const double *restrict peak, double per_rps,
                                         double capacity, int32_t accumulate, double *restrict offered,
                                         double *restrict held) {
    if (accumulate) {
        for (int64_t i = 0; i < count; i++) {
            double a = peak[i] * per_rps;
            offered[i] = a;
            held[i] += ck_min(a, capacity);
        }
    } else {
        for (int64_t i = 0; i < count; i++) {
            double a = peak[i] * per_rps;
            offered[i] = a;
            held[i] = ck_min(a, capacity);
        }
    }
}

/// One service's memory for `count` paths (see service_memory); `first`: host[i] = memory, else host[i] += memory.
CK_INLINE void ck_service_memory(int64_t count, const double *restrict peak, const double *restrict z, double base,
                                 double per_peak, double per_connection, double noise, const double *restrict held,
                                 int first, double *restrict out, double *restrict host) {
    for (int64_t i = 0; i < count; i++) {
        double memory = held ? (base + per_peak * peak[i] + per_connection * held[i]) * ck_max(0, 1 + noise * z[i])
                             : ck_max(0, 1 + noise * z[i]) * (base + per_peak * peak[i]);
        out[i] = memory;
        host[i] = first ? memory : host[i] + memory;
    }
}

/// A service's memory given (see ck_service.given): `first`: host[i] = given[i], else host[i] += given[i].
CK_INLINE void ck_given_memory(int64_t count, const double *restrict given, int first, double *restrict host) {
    for (int64_t i = 0; i < count; i++) host[i] = first ? given[i] : host[i] + given[i];
}

/// Every service in turn over blocks of 512 paths, so a block's peaks and host sums stay in
/// L1 while each service reads them (service by service over all paths, they came from L2).
CK_TARGET static void CK_NAME(service_memory)(int64_t count, const double *restrict peak, int64_t services,
                                              const ck_service *service, double *restrict host) {
    enum { block = 512 };
    if (services == 0) memset(host, 0, (size_t)count * sizeof(double));
    for (int64_t start = 0; start < count; start += block) {
        int64_t m = count - start < block ? count - start : block;
        for (int64_t s = 0; s < services; s++) {
            const ck_service *x = &service[s];
            const double *p = peak + start, *z = x->z + start;
            double *out = x->out + start, *h = host + start;
            // Four copies of one loop, each with its branches fixed (so each vectorises), and a given memory.
            if (x->given) {
                if (s == 0) ck_given_memory(m, x->given + start, 1, h);
                else ck_given_memory(m, x->given + start, 0, h);
            } else if (!x->held) {
                if (s == 0) ck_service_memory(m, p, z, x->base, x->per_peak, 0, x->noise, NULL, 1, out, h);
                else ck_service_memory(m, p, z, x->base, x->per_peak, 0, x->noise, NULL, 0, out, h);
            } else {
                const double *held = x->held + start;
                if (s == 0) ck_service_memory(m, p, z, x->base, x->per_peak, x->per_connection, x->noise, held, 1, out, h);
                else ck_service_memory(m, p, z, x->base, x->per_peak, x->per_connection, x->noise, held, 0, out, h);
            }
        }
    }
}

/// observe's loop, with `at_capacity` fixed per copy: a pool counts x ≥ t, memory x > t. Plain
/// comparisons (a vector compare each), counted in 32-bit sums (twice the lanes of 64-bit ones)
/// over blocks of 2¹⁶ values. The range: lowest and highest in the loop, then ck_lowest_binned.
CK_INLINE void ck_observe(const double *restrict demand, int64_t count, double warn, double critical,
                          double capacity, int at_capacity, uint8_t *restrict failed_so_far, int64_t counts[4],
                          int64_t smallest_bits, int64_t range[3]) {
    const int64_t *bits = (const int64_t *)(const void *)demand;
    int64_t lowest = INT64_MAX, highest = INT64_MIN;
    enum { block = 1 << 16 };
    for (int64_t start = 0; start < count; start += block) {
        int64_t end = count - start < block ? count : start + block;
        int32_t warn_count = 0, critical_count = 0, fail_count = 0, fail_by_count = 0;
        for (int64_t i = start; i < end; i++) {
            double x = demand[i];
            warn_count += at_capacity ? x >= warn : x > warn;
            critical_count += at_capacity ? x >= critical : x > critical;
            int32_t failed = at_capacity ? x >= capacity : x > capacity;
            fail_count += failed;
            uint8_t failed_by = (uint8_t)(failed_so_far[i] | failed);
            failed_so_far[i] = failed_by;
            fail_by_count += failed_by;
            int64_t pattern = bits[i];
            lowest = pattern < lowest ? pattern : lowest;
            highest = pattern > highest ? pattern : highest;
        }
        counts[0] += warn_count;
        counts[1] += critical_count;
        counts[2] += fail_count;
        counts[3] += fail_by_count;
    }
    range[0] = lowest;
    range[1] = highest;
    range[2] = ck_lowest_binned(bits, count, lowest, smallest_bits);
}

CK_TARGET static void CK_NAME(observe)(const double *restrict demand, int64_t count, double warn,
                                       double critical, double capacity, int32_t at_capacity,
                                       uint8_t *restrict failed_so_far, int64_t counts[4], int64_t smallest_bits,
                                       int64_t range[3]) {
    if (at_capacity) {
        ck_observe(demand, count, warn, critical, capacity, 1, failed_so_far, counts, smallest_bits, range);
    } else {
        ck_observe(demand, count, warn, critical, capacity, 0, failed_so_far, counts, smallest_bits, range);
    }
}

CK_TARGET static int64_t CK_NAME(count_at_or_above)(const double *values, int64_t n, double threshold) {
    int64_t above = 0;
    for (int64_t i = 0; i < n; i++) above += values[i] >= threshold;
    return above;
}

const ck_kernels CK_NAME(kernels) = {
    .name = CK_VARIANT_NAME,
    .fill_normals = CK_NAME(fill_normals),
    .histogram_range = CK_NAME(histogram_range),
    .histogram_count = CK_NAME(histogram_count),
    .traffic_start = CK_NAME(traffic_start),
    .traffic_advance = CK_NAME(traffic_advance),
    .pool_load = CK_NAME(pool_load),
    .service_memory = CK_NAME(service_memory),
    .observe = CK_NAME(observe),
    .count_at_or_above = CK_NAME(count_at_or_above),
};
