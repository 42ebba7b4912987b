#!/usr/bin/env python3
"""Instructions rustc executes per endpoint: `cargo check` of compile_cost.py's crates under
callgrind, the N-endpoint crate minus the empty one, divided by N.

    python3 bench/endpoint_instructions.py [--n 100] [--variants hand,unreg,macro] [--mode check|build]

The deterministic form of compile_cost.py's marginal endpoint (its seconds move with the
machine's load): each crate is built from clean in compile_cost.py's workspace with
`callgrind_rustc.sh` as the RUSTC_WRAPPER, so that only that crate's rustc runs under valgrind.
The N = 0 crate (`hand_0`: the prelude, a response type, no endpoint) is the baseline of every
variant. Prints each variant's instructions per endpoint and its ratio to `hand`.
"""

import argparse
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import compile_cost as cc  # noqa: E402
from rustc_instructions import instructions  # noqa: E402


def count(crate: str, mode: str) -> int:
    return instructions(crate, [crate], mode, crate)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--variants", default="hand,unreg")
    parser.add_argument("--mode", default="check", choices=["check", "build"])
    args = parser.parse_args()
    variants = args.variants.split(",")
    cc.generate([0, args.n])  # refreshes the snapshot of the crates too
    base = count("gen_hand_0", args.mode)
    print(f"empty crate        {base / 1e9:8.4f} G", flush=True)
    per = {}
    for variant in variants:
        total = count(f"gen_{variant}_{args.n}", args.mode)
        per[variant] = (total - base) / args.n
        print(f"{variant:<6} N = {args.n:<5} {total / 1e9:8.4f} G, {per[variant] / 1e6:7.3f} M per endpoint", flush=True)
    if "hand" in per:
        for variant, value in per.items():
            print(f"{variant} / hand = {value / per['hand']:.3f}")


if __name__ == "__main__":
    main()
