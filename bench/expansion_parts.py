#!/usr/bin/env python3
"""What each part of `#[endpoint]`'s expansion costs `cargo check`, in rustc instructions per
endpoint, against the hand-written endpoint of compile_cost.py.

    python3 bench/expansion_parts.py [--n 100] [--parts full,no_send,...]

The N-endpoint `unreg` crate of compile_cost.py is expanded once (`-Zunpretty=expanded`, as
compile_cost.py's sizes). Its endpoints (each struct with `#[derive(Debug, Clone)]` put back,
and its `const _` block) are then compiled as plain code, with nothing for the macro to run:

  full       : the expansion as it is (unreg minus this is the macro's own run);
  no_send    : without the `send` method;
  no_setters : without the optional fields' setters;
  no_api     : without the inherent impl (`new`, the setters, `send`);
  no_fields  : without `EndpointInfo::fields` (no field table);
  bare       : no_api and no_fields together: the items the hand-written endpoint has too.

Each crate is counted as endpoint_instructions.py counts (`cargo check` under callgrind, minus
the empty crate, divided by N). The parts are cut from the compiler's pretty-printed output by
pattern: a change of that format ends the run with the part that no longer matched.
"""

import argparse
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import compile_cost as cc  # noqa: E402
from endpoint_instructions import count  # noqa: E402

SEND = re.compile(r"\n {12}#\[doc =\n {12}\"Validates this request.*?\n {12}}(?=\n {8}}\n {4}};)", re.S)
SETTER = re.compile(r"\n {12}#\[doc = \"Sets .*?\n {12}}(?=\n)", re.S)
API = re.compile(r"\n {8}impl \w+ \{\n.*?\n {8}}(?=\n {4}};)", re.S)
FIELDS = re.compile(r"\n {24}fields: __p::Fields::table(?:_with_facts)?\(.*?\),(?=\n {24}\.\.__p::ENDPOINT)", re.S)


def cut(pattern, text, n, replacement=""):
    """`text` without `pattern`'s matches, which must be at least `n`."""
    out, found = pattern.subn(replacement, text)
    if found < n:
        sys.exit(f"{pattern.pattern[:40]!r} matched {found} times, not {n}: has the expansion changed?")
    return out


def endpoints(expanded: str) -> str:
    """The endpoint items of an expanded crate: each params struct (its derives put back in
    place of their expansion) and each `#[endpoint]` block."""
    items, item, closed = [], [], True
    for line in expanded.splitlines():
        top = bool(line) and not line[0].isspace()
        if top and not line.startswith("}") and closed and item:
            items.append("\n".join(item))
            item = []
        item.append(line)
        if line.rstrip() == "    };":
            closed = True
        elif top:
            end = line.rstrip()
            closed = end in ("}", "};") or end.endswith(";") or (end.endswith("}") and not end.startswith("#"))
    items.append("\n".join(item))
    kept = []
    for text in items:
        if re.search(r"^pub struct (CreateThing|GetThing)\d+ \{", text, re.M):
            kept.append(text.replace("#[non_exhaustive]", "#[non_exhaustive]\n#[derive(Debug, Clone)]"))
        elif text.startswith("#[allow(deprecated)]\nconst _: () ="):
            kept.append(text)
    return "\n".join(kept) + "\n"


def parts(code: str, n: int) -> dict:
    no_api = cut(API, code, n)
    return {
        "full": code,
        "no_send": cut(SEND, code, n),
        "no_setters": cut(SETTER, code, 1),
        "no_api": no_api,
        "no_fields": cut(FIELDS, code, n),
        "bare": cut(FIELDS, no_api, n),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--parts", default="full,no_send,no_setters,no_api,no_fields,bare")
    args = parser.parse_args()
    wanted = args.parts.split(",")
    cc.generate([0, args.n])
    expanded = cc.cargo("rustc", "-p", f"gen_unreg_{args.n}", "--profile", "check", "--lib", "--",
                        "-Zunpretty=expanded", env_extra={"RUSTC_BOOTSTRAP": "1"}, capture=True,
                        target=cc.EXPAND_TARGET)
    code = endpoints(expanded)
    sources = parts(code, args.n)
    members = ["warm", "hand_0", f"hand_{args.n}", f"unreg_{args.n}"] + [f"parts_{p}" for p in wanted]
    (cc.BENCH / "Cargo.toml").write_text(
        "[workspace]\nresolver = \"2\"\nmembers = [" + ", ".join(f'"{m}"' for m in members) + "]\n"
    )
    prelude = cc.PRELUDE.format(n=args.n, variant="parts")
    for part in wanted:
        crate = cc.BENCH / f"parts_{part}"
        (crate / "src").mkdir(parents=True, exist_ok=True)
        (crate / "Cargo.toml").write_text(cc.CRATE_TOML.format(name=f"parts_{part}", root=cc.SNAPSHOT))
        (crate / "src" / "lib.rs").write_text(prelude + sources[part])

    base = count("gen_hand_0", "check")
    hand = (count(f"gen_hand_{args.n}", "check") - base) / args.n
    unreg = (count(f"gen_unreg_{args.n}", "check") - base) / args.n
    print(f"{'hand':<11} {hand / 1e6:7.3f} M per endpoint")
    print(f"{'unreg':<11} {unreg / 1e6:7.3f} M  / hand {unreg / hand:.3f}", flush=True)
    full = None
    for part in wanted:
        value = (count(f"parts_{part}", "check") - base) / args.n
        full = value if part == "full" else full
        against = f"  full - this {(full - value) / 1e6:6.3f} M" if full is not None and part != "full" else ""
        print(f"{part:<11} {value / 1e6:7.3f} M  / hand {value / hand:.3f}{against}", flush=True)
    if full is not None:
        print(f"the macro's run: unreg - full = {(unreg - full) / 1e6:.3f} M per endpoint")


if __name__ == "__main__":
    main()
