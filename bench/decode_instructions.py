#!/usr/bin/env python3
"""Instructions per call of flarekit's build, decode and build + decode of the seed create,
against the hand-written code of bench/src/common.rs, counted by callgrind.

    python3 bench/decode_instructions.py [--n 1000] [--parts build,decode,both]

Runs `bench_decode_count` (release) under callgrind for n and 2n calls; the difference divided
by n is one call, free of the start-up. Deterministic, unlike the timed form in
`benches/overhead.rs` (whose ratios move with where the code lands in the binary). Prints each
part's instructions per call for both sides and flarekit's ratio to the hand-written code.
"""

import argparse
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def instructions(binary: pathlib.Path, args: list[str]) -> int:
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", str(binary), *args],
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        sys.exit(f"{binary.name} {' '.join(args)} failed:\n{run.stderr}")
    found = re.search(r"Collected : (\d+)", run.stderr)
    if not found:
        sys.exit(f"no callgrind total in:\n{run.stderr}")
    return int(found.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--parts", default="build,decode,both")
    args = parser.parse_args()
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "-p", "flarekit-bench", "--bin", "bench_decode_count"],
        cwd=ROOT,
        check=True,
    )
    target = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps"], cwd=ROOT, check=True, capture_output=True, text=True
    )
    binary = pathlib.Path(json.loads(target.stdout)["target_directory"]) / "release/bench_decode_count"
    for part in args.parts.split(","):
        per = {}
        for side in ("flarekit", "hand"):
            lo = instructions(binary, [side, part, str(args.n)])
            hi = instructions(binary, [side, part, str(2 * args.n)])
            per[side] = (hi - lo) / args.n
        print(f"{part:<7} flarekit {per['flarekit']:9.0f}  hand {per['hand']:9.0f}  ratio {per['flarekit'] / per['hand']:.3f}", flush=True)


if __name__ == "__main__":
    main()
