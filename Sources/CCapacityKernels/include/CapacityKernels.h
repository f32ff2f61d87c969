#ifndef CAPACITY_KERNELS_H
#define CAPACITY_KERNELS_H

// The engine's hot loops in C, compiled once per instruction set and chosen at
// run time (see dispatch.c): the forecast's bulk standard normals (Philox4x32-10
// and a single-precision Box–Muller), its month loop (drivers, demand, observers) and histogram
// counting. Every variant computes bit for bit the same results: the code is
// the same, floating-point contraction is off (no fused multiply-add) and only
// correctly rounded operations (+ − × ÷ √, comparisons, bit operations, exact
// conversions) occur, in float or double as written.
//
// Only CapacityKit's Kernels/VectorKernels.swift imports this module.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One service's parameters and arrays for service_memory (per_peak and per_connection per node).
typedef struct ck_service {
    double base, per_peak, per_connection, noise;
    const double *z;        // its standard normals for the month
    const double *held;     // the connections it holds, or NULL: none
    double *out;            // its memory
    const double *given;    // its memory already computed (by a model with the same figures), or NULL:
                            // then only added to the host, in its turn, and `out` is not written
} ck_service;

/// One instruction-set variant of every kernel.
typedef struct ck_kernels {
    /// "avx512", "avx2", "sse2" (x86-64 baseline) or "baseline" (other architectures).
    const char *name;

    /// out[d·paths + i] = standard normal first_draw + d of the stream (seed, first_path + i, stream):
    /// draws 4k … 4k + 3 are the single-precision Box–Muller of the four 32-bit words (x₀, x₁)
    /// and (x₂, x₃) of Philox4x32-10 block k under key seed and counter
    /// (k, first_path + i, stream low, stream high), widened to double. first_draw is a multiple of 4.
    void (*fill_normals)(double *out, int64_t draws, int64_t paths, uint64_t seed, uint32_t first_path,
                         uint64_t stream, int64_t first_draw);

    /// The range of n values as int64 bit patterns: the smallest and largest pattern,
    /// and the smallest pattern ≥ smallest_bits (INT64_MAX when none is).
    void (*histogram_range)(const double *values, int64_t n, int64_t smallest_bits, int64_t *lowest,
                            int64_t *highest, int64_t *lowest_binned);

    /// Adds 1 to recent[(pattern >> shift) − first_bin] for each of the n values whose bit pattern
    /// is ≥ smallest_bits, and returns how many were below it (zeros). recent has bins + 1 entries:
    /// the bins, which cover every such value's bin, and a scratch slot (0 before and after).
    /// low_bin … high_bin (absolute) are the lowest and highest bin among those values.
    /// The caller keeps every count ≤ 65,535 (see QuantileHistogram).
    int64_t (*histogram_count)(const double *values, int64_t n, uint16_t *recent, int64_t bins, int64_t first_bin,
                               int64_t shift, int64_t smallest_bits, int64_t low_bin, int64_t high_bin);

    /// rate[i] = mean + sd · growth_z[i]; factor[i] = 1.
    void (*traffic_start)(int64_t count, const double *growth_z, double mean, double sd, double *rate,
                          double *factor);

    /// When grow ≠ 0: factor[i] ·= max(minimum_step, 1 + rate[i] + volatility · volatility_z[i]);
    /// then traffic[i] = rps · factor[i] and peak[i] = traffic[i] · max(1, peak_mean + peak_sd · peak_z[i]).
    /// range[0…2] = histogram_range's lowest, highest and lowest binned pattern of the traffic.
    void (*traffic_advance)(int64_t count, int32_t grow, const double *rate, double *factor,
                            const double *volatility_z, const double *peak_z, double rps, double volatility,
                            double minimum_step, double peak_mean, double peak_sd, double *traffic,
                            double *peak, int64_t smallest_bits, int64_t range[3]);

    /// offered[i] = peak[i] · per_rps; held[i] += min(offered[i], capacity) when accumulate ≠ 0,
    /// else held[i] = min(offered[i], capacity) (the first pool of the service: no zero-fill first).
    void (*pool_load)(int64_t count, const double *peak, double per_rps, double capacity, int32_t accumulate,
                      double *offered, double *held);

    /// Service memory and the host total, for every service s: with service[s].held == NULL,
    /// out[i] = max(0, 1 + noise · z[i]) · (base + per_peak · peak[i]); otherwise
    /// out[i] = (base + per_peak · peak[i] + per_connection · held[i]) · max(0, 1 + noise · z[i]).
    /// host[i] = Σ_s out[i], added in service order from the first (no zero-fill first: the first
    /// is written, the same value as 0 + out[i], out[i] being ≥ +0); 0 when there is no service.
    void (*service_memory)(int64_t count, const double *peak, int64_t services, const ck_service *service,
                           double *host);

    /// One resource in one month: counts[0…3] += the paths above warn, above critical,
    /// failed, and failed in this or an earlier month (failed_so_far[i], 0 or 1, is updated).
    /// A pool (at_capacity ≠ 0) counts "at or above"; memory counts "above".
    /// range[0…2] = histogram_range's lowest, highest and lowest binned pattern of the demands
    /// (for their histogram, which so needs no pass of its own to find them).
    void (*observe)(const double *demand, int64_t count, double warn, double critical, double capacity,
                    int32_t at_capacity, uint8_t *failed_so_far, int64_t counts[4], int64_t smallest_bits,
                    int64_t range[3]);

    /// How many of the n values are ≥ threshold.
    int64_t (*count_at_or_above)(const double *values, int64_t n, double threshold);
} ck_kernels;

/// How many variants this build has (the first is the most capable).
int32_t ck_variant_count(void);

/// Variant `index`, or NULL when this processor cannot run it.
const ck_kernels *ck_variant(int32_t index);

/// The most capable variant this processor runs (chosen once).
const ck_kernels *ck_best(void);

#ifdef __cplusplus
}
#endif

#endif
