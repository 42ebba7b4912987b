#!/usr/bin/env bash
# A RUSTC_WRAPPER for bench/rustc_instructions.py: compiles the crate named $CG_CRATE under
# callgrind and appends "<crate> <instructions>" to $CG_OUT (a profile goes to $CG_FILE when
# set), then compiles it again plainly: rustc's messages to cargo (on stderr) are mixed with
# valgrind's in the first run, and cargo needs them. Every other crate compiles as usual.
rustc="$1"
shift
crate="" prev=""
for a in "$@"; do
    if [ "$prev" = "--crate-name" ]; then crate="$a"; fi
    prev="$a"
done
if [ "$crate" = "${CG_CRATE:-}" ]; then
    n=$(valgrind --tool=callgrind --callgrind-out-file="${CG_FILE:-/dev/null}" "$rustc" "$@" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    echo "$crate $n" >>"$CG_OUT"
fi
exec "$rustc" "$@"
