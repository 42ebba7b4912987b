#!/usr/bin/env python3
"""Compile cost of flarekit's services: the crate with no service, with `dns`, with `dns` and
`zones` (a dynamic-DNS updater), and with `full` (the whole API).

Each feature set is a crate under target/compile-bench (`feat_<set>`, an empty library that
depends on flarekit with those features), in the workspace compile_cost.py uses, on the same
snapshot of macros/, core/ and endpoints/ (refreshed at the start) and one target directory: the
dependencies (serde, reqwest, tokio, flarekit-core, the macros) are built once before any
timing. Each timing is `cargo clean -p flarekit` then `cargo check` / `cargo build` (debug) of
one crate: flarekit with that feature set from clean, its dependencies fresh
(CARGO_INCREMENTAL=0). The sets alternate in order between repeats; the median is kept.

`--scope` says what is built from clean: `crate` (the default) is the `flarekit` crate alone,
every dependency fresh, flarekit-core and the macros included; `own` is flarekit's own crates
(flarekit, flarekit-core, flarekit-macros, flarekit-hyper) with the third-party dependencies
fresh: what a program pays for flarekit on top of the libraries it would have anyway.
`--scope crate,own` times both in one run.

Prints each set's seconds and its ratio to the set with no service, measured in the same run
and scope, and the budgets of issue 11 (dns at most 1.3x none; full: build at most 180 s, check
at most 90 s). Writes a JSON summary to --json.
"""

import argparse
import json
import statistics
import time
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compile_cost as cc  # noqa: E402  (the shared workspace, snapshot and cargo runner)

SETS = {
    "none": [],
    "dns": ["dns"],
    "dns_zones": ["dns", "zones"],
    "full": ["full"],
}

FEATURE_TOML = """[package]
name = "feat_{name}"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
flarekit = {{ path = "{root}/endpoints", features = {features} }}
"""


def prepare(sets):
    """Adds one member per feature set to compile_cost.py's workspace."""
    cc.generate([])
    manifest = cc.BENCH / "Cargo.toml"
    members = ["warm"] + [f"feat_{s}" for s in sets]
    manifest.write_text(
        "[workspace]\nresolver = \"2\"\nmembers = [" + ", ".join(f'"{m}"' for m in members) + "]\n"
    )
    for s in sets:
        d = cc.BENCH / f"feat_{s}"
        (d / "src").mkdir(parents=True, exist_ok=True)
        toml = FEATURE_TOML.format(name=s, root=cc.SNAPSHOT, features=json.dumps(SETS[s]))
        if not (d / "Cargo.toml").exists() or (d / "Cargo.toml").read_text() != toml:
            (d / "Cargo.toml").write_text(toml)
        lib = d / "src" / "lib.rs"
        text = f"//! flarekit with {SETS[s] or 'no service'}.\npub use flarekit;\n"
        if not lib.exists() or lib.read_text() != text:
            lib.write_text(text)


# What each scope builds from clean.
SCOPES = {
    "crate": ["flarekit"],
    "own": ["flarekit", "flarekit-core", "flarekit-macros", "flarekit-hyper"],
}


def timed(mode: str, crate: str, scope: str = "crate") -> float:
    for package in SCOPES[scope]:
        cc.cargo("clean", "-p", package)
    start = time.perf_counter()
    cc.cargo(mode, "-p", crate)
    return time.perf_counter() - start


def key(scope: str, *parts: str) -> str:
    """A result's key: `dns/build` in the default scope, `own/dns/build` in another."""
    return "/".join(([] if scope == "crate" else [scope]) + list(parts))


def measure(sets, scope: str, repeat: int) -> dict:
    results = {}
    for mode in ("check", "build"):
        runs = {s: [] for s in sets}
        for r in range(repeat):
            order = sets if r % 2 == 0 else list(reversed(sets))
            for s in order:
                t = timed(mode, f"feat_{s}", scope)
                runs[s].append(t)
                print(f"  {scope:<5} {mode:<5} {s:<10} {t:7.2f} s", file=sys.stderr)
        for s in sets:
            results[key(scope, s, mode)] = statistics.median(runs[s])
            results[key(scope, s, mode, "runs")] = runs[s]
    return results


def report(sets, scope: str, results: dict):
    built = " + ".join(SCOPES[scope])
    print()
    print(f"scope {scope}: {built} built from clean")
    print(f"{'features':<10} {'check s':>8} {'ratio':>6} {'build s':>8} {'ratio':>6}")
    for s in sets:
        c, b = results[key(scope, s, "check")], results[key(scope, s, "build")]
        rc, rb = c / results[key(scope, "none", "check")], b / results[key(scope, "none", "build")]
        results[key(scope, s, "check", "ratio")], results[key(scope, s, "build", "ratio")] = rc, rb
        print(f"{s:<10} {c:8.2f} {rc:6.2f} {b:8.2f} {rb:6.2f}")
    budgets = []
    if "dns" in sets:
        budgets.append(("dns build / none build <= 1.3", results[key(scope, "dns", "build", "ratio")], 1.3))
    if "full" in sets:
        budgets.append(("full build <= 180 s", results[key(scope, "full", "build")], 180.0))
        budgets.append(("full check <= 90 s", results[key(scope, "full", "check")], 90.0))
    for what, value, limit in budgets:
        print(f"{'within' if value <= limit else 'OVER':<6} {what}: {value:.2f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scope", default="crate", help="crate, own, or both: crate,own")
    ap.add_argument("--json")
    args = ap.parse_args()
    sets = args.sets.split(",")
    scopes = args.scope.split(",")
    if any(scope not in SCOPES for scope in scopes):
        sys.exit(f"--scope takes {', '.join(SCOPES)}")
    if "none" not in sets:
        sys.exit("the set `none` is the baseline every ratio is measured against")
    prepare(sets)
    print("feature_cost: building dependencies once (check and build profiles)...", file=sys.stderr)
    cc.cargo("check", "-p", "gen_warm")
    cc.cargo("build", "-p", "gen_warm")
    results = {}
    for scope in scopes:
        results.update(measure(sets, scope, args.repeat))
    for scope in scopes:
        report(sets, scope, results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
