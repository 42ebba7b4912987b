#!/usr/bin/env python3
"""Instructions rustc executes to compile flarekit's own crates, counted by callgrind:
deterministic to a few parts in ten thousand, where the seconds of `feature_cost.py` move with
the machine's load.

    python3 bench/rustc_instructions.py [--set none|dns|...] [CRATE ...]

CRATE is a crate name as rustc sees it (`flarekit_macros`, `flarekit_core`, `flarekit`; all
three by default). Each is built from clean in `feature_cost.py`'s workspace (the same
snapshot of macros/, core/ and endpoints/, debug profile, `CARGO_INCREMENTAL=0`) with
`callgrind_rustc.sh` as the RUSTC_WRAPPER, so that only that crate runs under valgrind. With
the `dns` set, (macros + flarekit) / core is the instruction form of the `dns` / none ratio:
with no service the build ends with core, with `dns` it is macros then flarekit.
"""

import argparse
import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import compile_cost as cc  # noqa: E402
import feature_cost as fc  # noqa: E402

WRAPPER = pathlib.Path(__file__).resolve().parent / "callgrind_rustc.sh"


def instructions(crate: str, clean: list[str], mode: str, package: str) -> int:
    """The instructions of `crate`'s rustc when `cargo MODE -p PACKAGE` builds it, after
    `cargo clean -p` of each of `clean`; in compile_cost.py's workspace."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".txt") as out:
        for name in clean:
            cc.cargo("clean", "-p", name)
        env = {"RUSTC_WRAPPER": str(WRAPPER), "CG_CRATE": crate, "CG_OUT": out.name}
        cc.cargo(mode, "-p", package, env_extra=env)
        fields = out.read().split()
    if len(fields) < 2 or not fields[1].isdigit():
        sys.exit(f"no count for {crate}: is valgrind installed?")
    return int(fields[1])


def count(crate: str, feature_set: str) -> int:
    return instructions(crate, fc.SCOPES["own"], "build", f"feat_{feature_set}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="dns", choices=sorted(fc.SETS))
    parser.add_argument("crates", nargs="*", default=["flarekit_macros", "flarekit_core", "flarekit"])
    args = parser.parse_args()
    fc.prepare([args.set])  # refreshes the snapshot of the crates too
    counts = {}
    for crate in args.crates:
        counts[crate] = count(crate, args.set)
        print(f"{crate:<18} {counts[crate] / 1e9:8.4f} G", flush=True)
    if {"flarekit_macros", "flarekit_core", "flarekit"} <= counts.keys():
        path = (counts["flarekit_macros"] + counts["flarekit"]) / counts["flarekit_core"]
        print(f"(macros + flarekit) / core = {path:.3f}")


if __name__ == "__main__":
    main()
