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

// √x without errno (so loops over it vectorise): the elementwise builtin where the
// compiler has it; elsewhere __builtin_sqrt (Apple's compilers set no errno in libm calls).
#if __has_builtin(__builtin_elementwise_sqrt)
#define CK_SQRT(x) __builtin_elementwise_sqrt(x)
#else
#define CK_SQRT(x) __builtin_sqrt(x)
#endif

CK_INLINE double ck_double(uint64_t bits) { double d; memcpy(&d, &bits, 8); return d; }
CK_INLINE uint64_t ck_bits(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }

// MARK: Philox4x32-10 and Box–Muller (the Swift twins: Philox4x32.swift, BoxMuller.swift,
// ElementaryFunctions.swift; the same operations in the same order).

#define CK_M0 UINT64_C(0xD2511F53)
#define CK_M1 UINT64_C(0xCD9E8D57)
#define CK_W0 UINT32_C(0x9E3779B9)
#define CK_W1 UINT32_C(0xBB67AE85)
#define CK_LOW UINT64_C(0xFFFFFFFF)

/// ln x for positive normal x: x = 2ᵉ·m, m ∈ [√½, √2), ln x = e·ln 2 + 2 atanh((m − 1)/(m + 1)).
CK_INLINE double ck_log(double x) {
    const uint64_t root_half = UINT64_C(0x3FE6A09E667F3BCD);
    uint64_t biased = ck_bits(x) + (UINT64_C(0x3FF0000000000000) - root_half);
    double exponent = ck_double(UINT64_C(0x4330000000000000) | biased >> 52) - (0x1p52 + 1023);
    double m = ck_double((biased & UINT64_C(0x000FFFFFFFFFFFFF)) + root_half);
    double f = m - 1;
    double s = f / (2 + f);
    double z = s * s;
    double z2 = z * z, z4 = z2 * z2;
    double series = (1.0 / 3 + z * (1.0 / 5)) + z2 * (1.0 / 7 + z * (1.0 / 9))
        + z4 * ((1.0 / 11 + z * (1.0 / 13)) + z2 * (1.0 / 15 + z * (1.0 / 17)) + z4 * (1.0 / 19));
    double log_m = 2 * s + 2 * s * (z * series);
    const double ln2_head = 0x1.62e42fee00000p-1, ln2_tail = 0x1.a39ef35793c76p-33;
    return exponent * ln2_head + (exponent * ln2_tail + log_m);
}

/// Box–Muller of two words: radius from 53 bits of w0, angle from the quadrant (w1 mod 4) and 52 bits of w1.
CK_INLINE void ck_box_muller(uint64_t w0, uint64_t w1, double *z0, double *z1) {
    const uint64_t one = UINT64_C(0x3FF0000000000000);
    double half_step = ck_double((UINT64_C(0) - (w0 >> 11 & 1)) & ck_bits(0x1p-53));
    double u = (2 - ck_double(one | w0 >> 12)) - half_step;
    double r = CK_SQRT(__builtin_fabs(-2 * ck_log(u)));
    double v = ck_double(one | w1 >> 12) - 1;
    double x = (v - 0.5) * (3.14159265358979323846264338327950288 / 2);
    double z = x * x, z2 = z * z, z4 = z2 * z2;
    double sine = (-1.0 / 6 + z * (1.0 / 120)) + z2 * (-1.0 / 5040 + z * (1.0 / 362880))
        + z4 * ((-1.0 / 39916800 + z * (1.0 / 6227020800.0)) + z2 * (-1.0 / 1307674368000.0));
    double cosine = (-0.5 + z * (1.0 / 24)) + z2 * (-1.0 / 720 + z * (1.0 / 40320))
        + z4 * ((-1.0 / 3628800 + z * (1.0 / 479001600)) + z2 * (-1.0 / 87178291200.0 + z * (1.0 / 20922789888000.0)));
    double sin_x = x + x * (z * sine), cos_x = 1 + z * cosine;
    uint64_t quadrant = w1 & 3;
    uint64_t cosine_sign = ((quadrant + 1) & 2) << 62, sine_sign = (quadrant & 2) << 62;
    int swapped = (int)(quadrant & 1);
    double a = swapped ? sin_x : cos_x, b = swapped ? cos_x : sin_x;
    *z0 = r * ck_double(ck_bits(a) ^ cosine_sign);
    *z1 = r * ck_double(ck_bits(b) ^ sine_sign);
}

/// One row pair of fill_normals: block `block` of `paths` consecutive paths. Rounds 1–3 of
/// Philox are partly the same for every path (the block index and the stream id are), so
/// their products are computed once; from round 4 on every word depends on the path.
/// Words garbage above bit 31 are harmless inside the rounds: the 32 × 32-bit products
/// read only the low halves, and the outputs are masked.
CK_INLINE void ck_normals_block(double *restrict first_row, double *restrict second_row, int64_t paths,
                                uint32_t block, const uint64_t key0[10], const uint64_t key1[10],
                                uint32_t first_path, uint64_t stream) {
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
        uint64_t w0 = (c1 << 32) | (c0 & CK_LOW), w1 = (c3 << 32) | (c2 & CK_LOW);
        double z0, z1;
        ck_box_muller(w0, w1, &z0, &z1);
        first_row[i] = z0;
        if (second_row) second_row[i] = z1;
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
    int64_t first_block = first_draw / 2;
    for (int64_t block = 0; 2 * block < draws; block++) {
        double *first_row = out + 2 * block * paths;
        uint32_t index = (uint32_t)(first_block + block);
        if (2 * block + 1 < draws) {
            ck_normals_block(first_row, first_row + paths, paths, index, key0, key1, first_path, stream);
        } else {
            ck_normals_block(first_row, NULL, paths, index, key0, key1, first_path, stream);
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
/// value, a third faster than one loop doing both (measured on Zen 4).
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
            // Four copies of one loop, each with its branches fixed (so each vectorises).
            if (!x->held) {
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
