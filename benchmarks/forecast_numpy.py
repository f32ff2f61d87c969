#!/usr/bin/env python3
"""The NumPy peer of `capacity forecast`: the same computation on the same model,
written as a good NumPy user would (vectorised over a chunk of paths, chunked so
memory stays bounded), with the same statistics (log-binned histograms with
2^-10 relative bin width, merged across chunks) and the same CSV columns.

    forecast_numpy.py MODEL.yaml MONTHS PATHS SEED OUTPUT.csv

Random numbers come from NumPy's own Philox (4x64-10; capacity uses 4x32-10) and its
ziggurat normals, so the figures agree with capacity's in distribution, not bit
for bit.
"""
import sys

import numpy as np
import yaml

CHUNK = 65_536
SHIFT = 42  # keep the binary exponent and 10 mantissa bits: bins 2^-10 wide


def rate(value):
    if isinstance(value, str) and value.strip().endswith("%"):
        return float(value.strip()[:-1]) / 100
    return float(value)


def bins(values):
    return (np.maximum(values, 2.0**-20).view(np.uint64) >> SHIFT).astype(np.int64)


class Histogram:
    def __init__(self):
        self.first = None
        self.counts = np.zeros(0, dtype=np.int64)

    def add(self, values):
        b = bins(values)
        low, high = int(b.min()), int(b.max())
        if self.first is None:
            self.first, self.counts = low, np.zeros(high - low + 1, dtype=np.int64)
        if low < self.first:
            self.counts = np.concatenate([np.zeros(self.first - low, dtype=np.int64), self.counts])
            self.first = low
        last = self.first + len(self.counts) - 1
        if high > last:
            self.counts = np.concatenate([self.counts, np.zeros(high - last, dtype=np.int64)])
        self.counts += np.bincount(b - self.first, minlength=len(self.counts))

    def quantile(self, p):
        total = self.counts.sum()
        rank = max(1, int(np.ceil(p * total)))
        index = int(np.searchsorted(np.cumsum(self.counts), rank))
        lower = np.array([(self.first + index) << SHIFT], dtype=np.uint64).view(np.float64)[0]
        upper = np.array([(self.first + index + 1) << SHIFT], dtype=np.uint64).view(np.float64)[0]
        return (lower + upper) / 2


def main():
    model_path, months, paths, seed, output = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    model = yaml.safe_load(open(model_path))
    host = model["host"]
    nodes = host.get("nodes", 1)
    usable = host["memory_mb"] - host.get("reserved_mb", 0)
    thresholds = model.get("thresholds", {"warn": 0.75, "critical": 0.85})
    warn, critical = rate(thresholds["warn"]) * usable, rate(thresholds["critical"]) * usable
    traffic = model["traffic"]
    rps0 = traffic["rps"]
    growth = traffic["growth"]
    g_mean, g_sd, vol = rate(growth["mean"]), rate(growth.get("sd", 0)), rate(growth.get("volatility", 0))
    peak = traffic.get("peak_factor", {"mean": 1, "sd": 0})
    pf_mean, pf_sd = float(peak["mean"]), float(peak.get("sd", 0))
    services = model["services"]
    names = [s["name"] for s in services]
    pools = model.get("pools", [])

    rng = np.random.Generator(np.random.Philox(seed))
    S, K = len(services), len(pools)
    h_rps = [Histogram() for _ in range(months)]
    h_host = [Histogram() for _ in range(months)]
    h_service = [[Histogram() for _ in range(months)] for _ in range(S)]
    h_pool = [[Histogram() for _ in range(months)] for _ in range(K)]
    n_warn, n_crit, n_oom, n_oom_by = (np.zeros(months, dtype=np.int64) for _ in range(4))
    n_over = np.zeros((S, months), dtype=np.int64)
    n_sat = np.zeros((K, months), dtype=np.int64)

    for start in range(0, paths, CHUNK):
        n = min(CHUNK, paths - start)
        g = g_mean + g_sd * rng.standard_normal(n)
        step = np.maximum(0.01, 1 + g + vol * rng.standard_normal((months, n)))
        step[0] = 1
        traffic_m = rps0 * np.cumprod(step, axis=0)
        peak_m = traffic_m * np.maximum(1, pf_mean + pf_sd * rng.standard_normal((months, n)))
        connections = np.zeros((S, months, n))
        for k, pool in enumerate(pools):
            capacity = min(pool["size"] * pool.get("instances_per_node", 1) * nodes,
                           pool["max_connections"] - pool.get("reserved_connections", 3))
            offered = peak_m * pool.get("queries_per_request", 1) * pool["hold_ms"] / 1000
            utilization = offered / capacity
            connections[names.index(pool["service"])] += np.minimum(offered, capacity)
            n_sat[k] += (utilization >= 1).sum(axis=1)
            for m in range(months):
                h_pool[k][m].add(utilization[m])
        host_m = np.zeros((months, n))
        for s, service in enumerate(services):
            memory = service["memory"]
            level = (memory["base_mb"] + memory.get("per_rps_mb", 0) * peak_m / nodes
                     + memory.get("per_connection_mb", 0) * connections[s] / nodes)
            mem = np.maximum(0, 1 + rate(memory.get("noise", 0)) * rng.standard_normal((months, n))) * level
            host_m += mem
            if "limit_mb" in service:
                n_over[s] += (mem > service["limit_mb"]).sum(axis=1)
            for m in range(months):
                h_service[s][m].add(mem[m])
        out = host_m > usable
        n_warn += (host_m > warn).sum(axis=1)
        n_crit += (host_m > critical).sum(axis=1)
        n_oom += out.sum(axis=1)
        n_oom_by += np.logical_or.accumulate(out, axis=0).sum(axis=1)
        for m in range(months):
            h_rps[m].add(traffic_m[m])
            h_host[m].add(host_m[m])

    year, month = (int(x) for x in str(model["start"]).split("-"))
    rows = ["month,date,rps_p50,rps_p90,memory_p50_mb,memory_p90_mb,memory_p99_mb,p_warn,p_critical,p_oom,status,"
            + ",".join(f"{s}_memory_p50_mb,{s}_memory_p90_mb,{s}_memory_p99_mb,{s}_p_over_limit" for s in names)
            + "".join(f",{p['name']}_utilization_p50,{p['name']}_utilization_p90,{p['name']}_p_saturated" for p in pools)
            + ",p_oom_by,memory_p90_pct_usable"]
    for m in range(months):
        index = year * 12 + month - 1 + m
        p90 = h_host[m].quantile(0.9)
        p_oom = n_oom[m] / paths
        status = ("CRITICAL" if p_oom >= 0.01 else "ACT" if p90 >= critical else "WATCH" if p90 >= warn else "SAFE")
        row = [m + 1, f"{index // 12}-{index % 12 + 1:02d}", f"{h_rps[m].quantile(0.5):.2f}", f"{h_rps[m].quantile(0.9):.2f}",
               f"{h_host[m].quantile(0.5):.1f}", f"{p90:.1f}", f"{h_host[m].quantile(0.99):.1f}",
               n_warn[m] / paths, n_crit[m] / paths, p_oom, status]
        for s in range(S):
            row += [f"{h_service[s][m].quantile(q):.1f}" for q in (0.5, 0.9, 0.99)] + [n_over[s][m] / paths]
        for k in range(K):
            row += [f"{h_pool[k][m].quantile(q):.4f}" for q in (0.5, 0.9)] + [n_sat[k][m] / paths]
        row += [n_oom_by[m] / paths, f"{100 * p90 / usable:.2f}"]
        rows.append(",".join(str(x) for x in row))
    with open(output, "w") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
