#!/usr/bin/env python3
"""Prints the table of bench/run.sh from the JSON files in its results directory."""

import json
import sys
from pathlib import Path

out = Path(sys.argv[1])
criterion = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("target/criterion")


def load(name):
    p = out / name
    return json.loads(p.read_text()) if p.exists() else None


def crit(group, fn):
    p = criterion / group / fn / "new" / "estimates.json"
    if not p.exists():
        return None
    return json.loads(p.read_text())["median"]["point_estimate"]


rows = []


def row(what, fk, base, ratio, target, ok):
    verdict = "" if ok is None else ("met" if ok else "MISSED")
    rows.append((what, fk, base, "" if ratio is None else f"{ratio:.3f}", target, verdict))


paired = load("overhead_paired.json") or {}
for group, label in (("build", "build request"), ("decode", "decode response"), ("build_and_decode", "build + decode")):
    p = paired.get(f"{group}/flarekit")
    if p:
        main = group == "build_and_decode"
        row(f"1 overhead: {label} (paired, interleaved)", f"{p['ns']:.0f} ns", f"{p['hand_ns']:.0f} ns",
            p["ratio"], "≤ 1.05" if main else "", p["ratio"] <= 1.05 if main else None)
for group, label in (("build", "build request"), ("decode", "decode response"), ("build_and_decode", "build + decode")):
    f, h = crit(group, "flarekit"), crit(group, "hand-written")
    if f and h:
        row(f"1 overhead: {label} (criterion median)", f"{f:.0f} ns", f"{h:.0f} ns", f / h, "", None)

t = load("throughput.json")
if t:
    for mode in ("sequential", "concurrent"):
        f, h = t.get(f"{mode}/flarekit"), t.get(f"{mode}/hand-written")
        if f and h:
            what = "10,000 sequential" if mode == "sequential" else "10,000 at 64 concurrent"
            r = f["calls_per_s"] / h["calls_per_s"]
            r = t.get(f"{mode}/ratio", r)
            row(f"2 throughput: {what} (calls/s; ratio = median of paired blocks)", f"{f['calls_per_s']:.0f}",
                f"{h['calls_per_s']:.0f}", r, "≥ 0.95", r >= 0.95)
            row(f"2 latency {mode} p50 / p99 (µs)", f"{f['p50_us']:.0f} / {f['p99_us']:.0f}",
                f"{h['p50_us']:.0f} / {h['p99_us']:.0f}", f["p50_us"] / h["p50_us"], "(p50 ratio)", None)
            b, rb = t.get(f"{mode}/bare"), t.get(f"{mode}/ratio_bare")
            if b and rb:
                row(f"2 throughput: {what}, against a bare reqwest client (calls/s; paired blocks)",
                    f"{f['calls_per_s']:.0f}", f"{b['calls_per_s']:.0f}", rb, "≥ 0.98", rb >= 0.98)
            y, ry = t.get(f"{mode}/bare-hyper"), t.get(f"{mode}/ratio_hyper")
            if y and ry:
                row(f"2 throughput: {what}, against bare hyper, the floor (calls/s; paired blocks)",
                    f"{f['calls_per_s']:.0f}", f"{y['calls_per_s']:.0f}", ry, "", None)

def instructions(w):
    try:
        lo = int((out / f"callgrind_{w}_500.txt").read_text())
        hi = int((out / f"callgrind_{w}_1500.txt").read_text())
    except (OSError, ValueError):
        return None
    return (hi - lo) / 1000


fi, hi_, bi, yi = instructions("flarekit"), instructions("hand"), instructions("bare"), instructions("hyper")
if fi and hi_:
    row("2 client instructions per sequential call (callgrind)", f"{fi:.0f}", f"{hi_:.0f}", fi / hi_, "(deterministic)", None)
if fi and bi:
    row("2 client instructions per sequential call, against bare (callgrind)", f"{fi:.0f}", f"{bi:.0f}", fi / bi,
        "(deterministic)", None)
if fi and yi:
    row("2 client instructions per sequential call, against bare hyper (callgrind)", f"{fi:.0f}", f"{yi:.0f}",
        fi / yi, "(deterministic)", None)

b = load("bodies.json")
if b:
    for call, what, target in (("kv_put", "KV put", 0.98), ("kv_get", "KV get", 0.98), ("upload", "Worker upload, multipart", 0.95)):
        f, h, r = b.get(f"{call}/flarekit"), b.get(f"{call}/hand-written"), b.get(f"{call}/ratio")
        if f and h and r:
            row(f"2c {what} of {b[f'{call}/mib']:g} MiB (MiB/s; paired blocks)", f"{f['mib_per_s']:.0f}",
                f"{h['mib_per_s']:.0f}", r, f"≥ {target}", r >= target)
        try:
            fi, hi = (int((out / f"callgrind_bodies_{w}_{call}.txt").read_text()) for w in ("flarekit", "hand"))
        except (OSError, ValueError):
            continue
        row(f"2c {what}: client instructions per call (callgrind)", f"{fi}", f"{hi}", fi / hi, "(deterministic)", None)

py, fk = load("python.json"), load("flarekit_seq_after_python.json")
if py and fk:
    f = fk["sequential/flarekit"]
    row("3 vs Python SDK 5.9.0: sequential (calls/s)", f"{f['calls_per_s']:.0f}", f"{py['calls_per_s']:.0f}",
        f["calls_per_s"] / py["calls_per_s"], "(flarekit / Python)", None)
    row("3 latency p50 / p99 (µs)", f"{f['p50_us']:.0f} / {f['p99_us']:.0f}", f"{py['p50_us']:.0f} / {py['p99_us']:.0f}",
        f["p50_us"] / py["p50_us"], "(p50 ratio)", None)

c = load("compile.json")
if c:
    sizes = sorted({int(k.split("/")[1]) for k in c if k.split("/")[1].isdigit()})
    for n in sizes:
        for mode in ("check", "build"):
            m, h = c[f"macro/{n}/{mode}"], c[f"hand/{n}/{mode}"]
            last = n == sizes[-1]
            row(f"4 compile: cargo {mode}, N = {n} (s)", f"{m:.2f}", f"{h:.2f}", m / h,
                "≤ 1.3" if last else "", (m / h <= 1.3) if last else None)
    for mode in ("check", "build"):
        if f"macro/marginal_ms/{mode}" in c:
            m, h = c[f"macro/marginal_ms/{mode}"], c[f"hand/marginal_ms/{mode}"]
            row(f"4 compile: marginal cost per endpoint, {mode} (ms)", f"{m:.2f}", f"{h:.2f}", m / h if h > 0 else None, "", None)
    n = sizes[-1]
    row(f"4 source lines, N = {n}", str(c[f"macro/{n}/source_lines"]), str(c[f"hand/{n}/source_lines"]),
        c[f"macro/{n}/source_lines"] / c[f"hand/{n}/source_lines"], "", None)
    row(f"4 expanded lines, N = {n}", str(c[f"macro/{n}/expanded_lines"]), str(c[f"hand/{n}/expanded_lines"]),
        c[f"macro/{n}/expanded_lines"] / c[f"hand/{n}/expanded_lines"], "", None)

m = load("memory.json")
if m:
    d = m["delta_kib"] / 1024
    row("5 memory: peak RSS, paginate 100,000 vs 1,000 items (MiB)", f"{m['rss_100000_kib'] / 1024:.1f}",
        f"{m['rss_1000_kib'] / 1024:.1f}", m["rss_100000_kib"] / m["rss_1000_kib"], "Δ ≤ 4 MiB", d <= 4)
    rows.append((f"  (difference: {d:+.2f} MiB)", "", "", "", "", ""))
    if "dns_delta_kib" in m:
        d = m["dns_delta_kib"] / 1024
        row("5 memory: peak RSS, paginate 100,000 vs 1,000 DNS records (MiB)", f"{m['dns_rss_100000_kib'] / 1024:.1f}",
            f"{m['dns_rss_1000_kib'] / 1024:.1f}", m["dns_rss_100000_kib"] / m["dns_rss_1000_kib"], "Δ ≤ 16 MiB", d <= 16)
        rows.append((f"  (difference: {d:+.2f} MiB)", "", "", "", "", ""))
    if "rays_delta_kib" in m:
        d = m["rays_delta_kib"] / 1024
        row("5 memory: peak RSS, the cf-ray of 10,000 calls kept vs 100 (MiB)", f"{m['rays_rss_10000_kib'] / 1024:.1f}",
            f"{m['rays_rss_100_kib'] / 1024:.1f}", m["rays_rss_10000_kib"] / m["rays_rss_100_kib"], "", None)
        rows.append((f"  (difference: {d:+.2f} MiB)", "", "", "", "", ""))

s = load("stream.json")
if s:
    d = s["delta_kib"] / 1024
    row("6 memory: peak RSS, streamed download 1 GiB vs 1 MiB (MiB)", f"{s['rss_1gib_kib'] / 1024:.1f}",
        f"{s['rss_1mib_kib'] / 1024:.1f}", s["rss_1gib_kib"] / s["rss_1mib_kib"], "Δ ≤ 16 MiB", d <= 16)
    rows.append((f"  (difference: {d:+.2f} MiB)", "", "", "", "", ""))

head = ("measure", "flarekit", "baseline", "ratio", "target", "")
widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(6)]
line = lambda r: "| " + " | ".join(str(v).ljust(w) for v, w in zip(r, widths)) + " |"
print(line(head))
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in rows:
    print(line(r))
