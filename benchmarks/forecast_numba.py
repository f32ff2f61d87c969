#!/usr/bin/env python3
"""The Numba peer of `capacity forecast`: the same computation as
forecast_numpy.py (same model, same formulas, log-binned histograms with 2^-10
relative bin width, the same CSV columns), written the way an expert writes it
with Numba:

- compiled loops (`@njit`, no temporaries, `fastmath=True`: LLVM may contract and
  reassociate, about 3 % less kernel CPU here), `parallel=True` with `prange` over
  chunks of 4,096 paths, on THREADS threads;
- random numbers: xoshiro256++ per chunk (seeded by splitmix64 from the seed and
  the chunk index, so the result does not depend on the thread count), state in
  registers, and 256-layer ziggurat normals (Marsaglia & Tsang 2000) drawn in
  bulk per chunk and month;
- months in the outer loop over a super-chunk of 262,144 paths (their growth,
  traffic factor and OOM-so-far kept across months), so one month's normals and
  histograms stay in cache while every chunk adds to them;
- per-thread histograms: int32 counts in one flat array per thread over ranges
  placed by a pilot chunk with 4 octaves of margin on each side (a value outside
  is counted and reported), summed at the end; a chunk's month computes every
  quantity into rows first, then each histogram counts its row in a tight loop.

    forecast_numba.py MODEL.yaml MONTHS PATHS SEED OUTPUT.csv [THREADS]

Prints `kernel_seconds S kernel_cpu_seconds C` on stdout: the wall and CPU time
of the computation itself (compilation excluded: the kernel is compiled by the
pilot run first), then writes the CSV. The figures agree with capacity's in
distribution, not bit for bit (another generator, another normal transform).
"""
import math
import sys
import time

import numba
import numpy as np
import yaml
from numba import njit, prange

CHUNK = 4096
SUPER = 64 * CHUNK  # paths whose state (growth, traffic factor, OOM so far) is kept across months
SHIFT = 42          # keep the binary exponent and 10 mantissa bits: bins 2^-10 wide
MARGIN = 4 * 1024   # bins of margin on each side of the pilot's range (4 octaves)


def rate(value):
    if isinstance(value, str) and value.strip().endswith("%"):
        return float(value.strip()[:-1]) / 100
    return float(value)


def ziggurat_tables():
    """256-layer ziggurat for exp(-x^2/2): X[0] = v/f(r) (base strip), X[1] = r, …, X[256] = 0.
    Fast accept in layer i when m < K[i] (m: 52 random bits); x = m * W[i]."""
    n, r = 256, 3.6541528853610087963519472518
    f = lambda x: math.exp(-x * x / 2)
    v = r * f(r) + math.sqrt(math.pi / 2) * math.erfc(r / math.sqrt(2))
    x = [v / f(r), r]
    for _ in range(1, n - 1):
        x.append(math.sqrt(-2 * math.log(f(x[-1]) + v / x[-1])))
    x.append(0.0)
    k = np.array([int(2**52 * x[i + 1] / x[i]) for i in range(n)], dtype=np.uint64)
    w = np.array([x[i] / 2**52 for i in range(n)])
    fx = np.array([f(xi) for xi in x])
    return k, w, fx, r


ZK, ZW, ZF, ZR = ziggurat_tables()


@njit(inline="always")
def rotl(x, k):
    return (x << np.uint64(k)) | (x >> np.uint64(64 - k))   # x: uint64 (int64 would mix into float64)


@njit(error_model="numpy", fastmath=True)
def next_u64(s0, s1, s2, s3):
    """xoshiro256++ (Blackman & Vigna 2019) on a state held in four locals: (word, new state)."""
    s0, s1, s2, s3 = np.uint64(s0), np.uint64(s1), np.uint64(s2), np.uint64(s3)
    result = rotl(s0 + s3, 23) + s0
    t = s1 << np.uint64(17)
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result, s0, s1, s2, s3


@njit(error_model="numpy", fastmath=True)
def seed_state(seed, chunk):
    """splitmix64 from (seed, chunk): the chunk's four state words."""
    z = np.uint64(seed) ^ (np.uint64(chunk) * np.uint64(0x9E3779B97F4A7C15))
    out = []
    for i in range(4):
        z += np.uint64(0x9E3779B97F4A7C15)
        y = z
        y = (y ^ (y >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        y = (y ^ (y >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        out.append(y ^ (y >> np.uint64(31)))
    return out[0], out[1], out[2], out[3]


@njit(error_model="numpy", fastmath=True)
def fill_normals(z, s0, s1, s2, s3, zk, zw, zf, zr):
    """Fills z with standard normals by the 256-layer ziggurat (Marsaglia & Tsang 2000) over
    xoshiro256++ (Blackman & Vigna 2019), the state in registers; returns the new state.
    The fast path (98.5 %) is straight-line code; the rest is a call."""
    s0, s1, s2, s3 = np.uint64(s0), np.uint64(s1), np.uint64(s2), np.uint64(s3)
    for k in range(z.size):
        u = s0 + s3
        u = ((u << np.uint64(23)) | (u >> np.uint64(41))) + s0
        t = s1 << np.uint64(17)
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << np.uint64(45)) | (s3 >> np.uint64(19))
        i = np.intp(u & np.uint64(255))
        m = u >> np.uint64(12)
        x = np.float64(m) * zw[i]
        if u & np.uint64(256):
            x = -x
        if m < zk[i]:
            z[k] = x
        else:
            z[k], s0, s1, s2, s3 = normal_slow(x, i, s0, s1, s2, s3, zk, zw, zf, zr)
    return s0, s1, s2, s3


@njit(error_model="numpy", fastmath=True)
def normal_slow(x, i, s0, s1, s2, s3, zk, zw, zf, zr):
    """The ziggurat's tail (layer 0) and wedges, then fresh attempts until one is accepted."""
    scale = 1.0 / 9007199254740992.0
    while True:
        if i == 0:
            while True:
                u1, s0, s1, s2, s3 = next_u64(s0, s1, s2, s3)
                u2, s0, s1, s2, s3 = next_u64(s0, s1, s2, s3)
                a = -math.log1p(-np.float64(u1 >> np.uint64(11)) * scale) / zr
                b = -math.log1p(-np.float64(u2 >> np.uint64(11)) * scale)
                if b + b > a * a:
                    return (-(zr + a) if x < 0 else zr + a), s0, s1, s2, s3
        u1, s0, s1, s2, s3 = next_u64(s0, s1, s2, s3)
        if zf[i] + np.float64(u1 >> np.uint64(11)) * scale * (zf[i + 1] - zf[i]) < math.exp(-0.5 * x * x):
            return x, s0, s1, s2, s3
        u, s0, s1, s2, s3 = next_u64(s0, s1, s2, s3)
        i = np.intp(u & np.uint64(255))
        m = u >> np.uint64(12)
        x = np.float64(m) * zw[i]
        if u & np.uint64(256):
            x = -x
        if m < zk[i]:
            return x, s0, s1, s2, s3


@njit(error_model="numpy", fastmath=True)
def count_values(values, q, m, base, width, offset, pilot, row, clamped, tid):
    """Histogram (q, m) of one thread takes values: row[offset[q, m] + bin − base[q, m]] += 1,
    bin = bit pattern >> 42 (binary exponent and 10 mantissa bits). The pilot (pilot true)
    only widens base (lowest bin) and width (highest)."""
    bits = values.view(np.int64)
    if pilot:
        for i in range(values.size):
            b = bits[i] >> SHIFT
            base[q, m] = min(base[q, m], b)
            width[q, m] = max(width[q, m], b)
        return
    first, size, start = base[q, m], width[q, m], offset[q, m]
    for i in range(values.size):
        b = (bits[i] >> SHIFT) - first
        if b < 0 or b >= size:
            clamped[tid] += 1
            b = min(max(b, 0), size - 1)
        row[start + b] += 1


@njit(error_model="numpy", fastmath=True)
def simulate_month(m, c, n, first, g, factor, oom_by, state, z, values, p, zk, zw, zf, zr, base, width, offset,
                   pilot, row, counts, clamped, tid):
    """Month m of chunk c: its n paths start at `first` in the super-chunk's arrays. First the
    month's quantities of every path (values[q, :n]: 0 rps, 1 host, 2 + s service s,
    2 + S + k pool k utilisation) and the threshold counts, in one loop; then each
    histogram (q, m) — row[offset[q, m] …] over bins base[q, m] … + width[q, m] − 1 —
    counts its row of values in a tight loop of its own."""
    rps0, vol, pf_mean, pf_sd, nodes, usable, warn, crit = p[0], p[3], p[4], p[5], p[6], p[7], p[8], p[9]
    S, K = np.int64(p[10]), np.int64(p[11])
    svc = p[12:12 + 5 * S].reshape(S, 5)                    # base, per_rps, per_conn, noise, limit (0: none)
    pools = p[12 + 5 * S:12 + 5 * S + 3 * K].reshape(K, 3)  # load per rps, capacity, service index
    zc = z[:(2 + S) * n]
    state[c, 0], state[c, 1], state[c, 2], state[c, 3] = fill_normals(zc, state[c, 0], state[c, 1], state[c, 2],
                                                                      state[c, 3], zk, zw, zf, zr)
    zc = zc.reshape(2 + S, n)
    for j in range(n):
        i = first + j
        if m > 0:
            factor[i] *= max(0.01, 1 + g[i] + vol * zc[0, j])
        traffic = rps0 * factor[i]
        peak = traffic * max(1.0, pf_mean + pf_sd * zc[1, j])
        values[0, j] = traffic
        host = 0.0
        for sv in range(S):
            conn = 0.0
            for k in range(K):
                if np.int64(pools[k, 2]) == sv:
                    conn += min(peak * pools[k, 0], pools[k, 1])
            level = svc[sv, 0] + svc[sv, 1] * peak / nodes + svc[sv, 2] * conn / nodes
            mem = max(0.0, 1 + svc[sv, 3] * zc[2 + sv, j]) * level
            host += mem
            if svc[sv, 4] > 0 and mem > svc[sv, 4]:
                counts[tid, 4 + sv, m] += 1
            values[2 + sv, j] = mem
        for k in range(K):
            utilization = peak * pools[k, 0] / pools[k, 1]
            if utilization >= 1:
                counts[tid, 4 + S + k, m] += 1
            values[2 + S + k, j] = utilization
        if host > warn:
            counts[tid, 0, m] += 1
        if host > crit:
            counts[tid, 1, m] += 1
        if host > usable:
            counts[tid, 2, m] += 1
            oom_by[i] = 1
        counts[tid, 3, m] += oom_by[i]
        values[1, j] = host
    for q in range(2 + S + K):
        count_values(values[q, :n], q, m, base, width, offset, pilot, row, clamped, tid)


@njit(parallel=True, error_model="numpy", fastmath=True)
def simulate(paths, months, seed, p, zk, zw, zf, zr, base, width, offset, pilot, hist, counts, clamped):
    """Super-chunks of SUPER paths; in each, months in the outer loop and chunks of CHUNK
    paths in parallel, so a month's histograms (per thread) stay in cache while every
    chunk adds to them. A chunk's random stream is its own (seeded by its index)."""
    g_mean, g_sd, S = p[1], p[2], np.int64(p[10])
    per_super = SUPER // CHUNK
    g = np.empty(SUPER)
    factor = np.empty(SUPER)
    oom_by = np.empty(SUPER, dtype=np.uint8)
    state = np.empty((per_super, 4), dtype=np.uint64)
    z = np.empty((numba.get_num_threads(), (2 + S) * CHUNK))
    values = np.empty((numba.get_num_threads(), 2 + S + np.int64(p[11]), CHUNK))
    for start in range(0, paths, SUPER):
        chunks = (min(SUPER, paths - start) + CHUNK - 1) // CHUNK
        for c in prange(chunks):
            first = c * CHUNK
            n = min(CHUNK, paths - start - first)
            state[c, 0], state[c, 1], state[c, 2], state[c, 3] = seed_state(seed, start // CHUNK + c)
            gc = g[first:first + n]
            state[c, 0], state[c, 1], state[c, 2], state[c, 3] = fill_normals(gc, state[c, 0], state[c, 1], state[c, 2],
                                                                              state[c, 3], zk, zw, zf, zr)
            for j in range(n):
                gc[j] = g_mean + g_sd * gc[j]
                factor[first + j] = 1.0
                oom_by[first + j] = 0
        for m in range(months):
            for c in prange(chunks):
                tid = numba.get_thread_id()
                first = c * CHUNK
                n = min(CHUNK, paths - start - first)
                simulate_month(m, c, n, first, g, factor, oom_by, state, z[tid], values[tid], p, zk, zw, zf, zr, base,
                               width, offset, pilot, hist[tid], counts, clamped, tid)


def quantile(counts, first, q):
    total = counts.sum()
    rank = max(1, int(np.ceil(q * total)))
    index = int(np.searchsorted(np.cumsum(counts), rank))
    lower = np.array([(first + index) << SHIFT], dtype=np.int64).view(np.float64)[0]
    upper = np.array([(first + index + 1) << SHIFT], dtype=np.int64).view(np.float64)[0]
    return (lower + upper) / 2


def main():
    model_path, months, paths, seed, output = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    threads = int(sys.argv[6]) if len(sys.argv) > 6 else numba.config.NUMBA_NUM_THREADS
    numba.set_num_threads(threads)
    model = yaml.safe_load(open(model_path))
    host = model["host"]
    nodes = host.get("nodes", 1)
    usable = host["memory_mb"] - host.get("reserved_mb", 0)
    thresholds = model.get("thresholds", {"warn": 0.75, "critical": 0.85})
    warn, critical = rate(thresholds["warn"]) * usable, rate(thresholds["critical"]) * usable
    traffic = model["traffic"]
    growth = traffic["growth"]
    peak = traffic.get("peak_factor", {"mean": 1, "sd": 0})
    services, pools = model["services"], model.get("pools", [])
    names = [s["name"] for s in services]
    S, K = len(services), len(pools)
    p = [traffic["rps"], rate(growth["mean"]), rate(growth.get("sd", 0)), rate(growth.get("volatility", 0)),
         float(peak["mean"]), float(peak.get("sd", 0)), nodes, usable, warn, critical, S, K]
    for s in services:
        memory = s["memory"]
        p += [memory["base_mb"], memory.get("per_rps_mb", 0), memory.get("per_connection_mb", 0),
              rate(memory.get("noise", 0)), s.get("limit_mb", 0)]
    for pool in pools:
        capacity = min(pool["size"] * pool.get("instances_per_node", 1) * nodes,
                       pool["max_connections"] - pool.get("reserved_connections", 3))
        p += [pool.get("queries_per_request", 1) * pool["hold_ms"] / 1000, capacity, names.index(pool["service"])]
    p = np.array(p, dtype=np.float64)
    quantities = 2 + S + K

    def run(n_paths, base, width, offset, total, n_threads, pilot=False):
        numba.set_num_threads(n_threads)
        hist = np.zeros((n_threads, total), dtype=np.int32)
        counts = np.zeros((n_threads, 4 + S + K, months), dtype=np.int64)
        clamped = np.zeros(n_threads, dtype=np.int64)
        simulate(n_paths, months, seed, p, ZK, ZW, ZF, ZR, base, width, offset, pilot, hist, counts, clamped)
        return hist, counts, clamped

    # Pilot (also compiles the kernel): one chunk, one thread, recording only each
    # histogram's lowest and highest bin, to place its range (MARGIN bins each side).
    low = np.full((quantities, months), np.iinfo(np.int64).max, dtype=np.int64)
    high = np.full((quantities, months), np.iinfo(np.int64).min, dtype=np.int64)
    run(min(paths, CHUNK), low, high, np.zeros_like(low), 0, 1, pilot=True)
    base = low - MARGIN
    width = high - low + 2 * MARGIN + 1
    # A thread's histograms in one flat array, those of one month together.
    offset = (np.cumsum(width.T.reshape(-1)) - width.T.reshape(-1)).reshape(months, quantities).T.copy()
    total = int(width.sum())

    start, cpu = time.perf_counter(), time.process_time()
    hist, counts, clamped = run(paths, base, width, offset, total, threads)
    kernel, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"kernel_seconds {kernel:.4f} kernel_cpu_seconds {cpu:.4f}")
    if clamped.sum():
        print(f"warning: {clamped.sum()} values outside the histograms' range", file=sys.stderr)
    hist, counts = hist.sum(axis=0), counts.sum(axis=0)

    def q(quantity, m, level):
        start = offset[quantity, m]
        return quantile(hist[start:start + width[quantity, m]], base[quantity, m], level)

    year, month = (int(x) for x in str(model["start"]).split("-"))
    rows = ["month,date,rps_p50,rps_p90,memory_p50_mb,memory_p90_mb,memory_p99_mb,p_warn,p_critical,p_oom,status,"
            + ",".join(f"{s}_memory_p50_mb,{s}_memory_p90_mb,{s}_memory_p99_mb,{s}_p_over_limit" for s in names)
            + "".join(f",{pl['name']}_utilization_p50,{pl['name']}_utilization_p90,{pl['name']}_p_saturated" for pl in pools)
            + ",p_oom_by,memory_p90_pct_usable"]
    for m in range(months):
        index = year * 12 + month - 1 + m
        p90 = q(1, m, 0.9)
        p_oom = counts[2, m] / paths
        status = ("CRITICAL" if p_oom >= 0.01 else "ACT" if p90 >= critical else "WATCH" if p90 >= warn else "SAFE")
        row = [m + 1, f"{index // 12}-{index % 12 + 1:02d}", f"{q(0, m, 0.5):.2f}", f"{q(0, m, 0.9):.2f}",
               f"{q(1, m, 0.5):.1f}", f"{p90:.1f}", f"{q(1, m, 0.99):.1f}",
               counts[0, m] / paths, counts[1, m] / paths, p_oom, status]
        for s in range(S):
            row += [f"{q(2 + s, m, level):.1f}" for level in (0.5, 0.9, 0.99)] + [counts[4 + s, m] / paths]
        for k in range(K):
            row += [f"{q(2 + S + k, m, level):.4f}" for level in (0.5, 0.9)] + [counts[4 + S + k, m] / paths]
        row += [counts[3, m] / paths, f"{100 * p90 / usable:.2f}"]
        rows.append(",".join(str(x) for x in row))
    with open(output, "w") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
