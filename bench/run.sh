#!/usr/bin/env bash
# Runs every flarekit benchmark against one bench_server and prints one table with ratios.
# See BENCHMARKS.md for what each figure means. Not part of the test command.
#
#   bash bench/run.sh                  # everything (~11 min on 2 cores)
#   SKIP_COMPILE=1 bash bench/run.sh   # without the compile-cost benchmark
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$TARGET/bench-results
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.txt

echo "== building (release)" >&2
cargo build --release -p flarekit-bench --bins
# The criterion executable is run directly below, so nothing is rebuilt once timing starts.
OVERHEAD=$(cargo bench -p flarekit-bench --bench overhead --no-run 2>&1 | tee /dev/stderr |
    sed -n 's/.*Executable.*(\(.*overhead-[0-9a-f]*\)).*/\1/p' | tail -n1)
BIN=$TARGET/release

echo "== starting bench_server" >&2
"$BIN/bench_server" >"$OUT/server.url" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$OUT/server.url" ] && break; sleep 0.05; done
URL=$(head -n1 "$OUT/server.url")
echo "   $URL" >&2

echo "== 1. per-request overhead (criterion)" >&2
(cd "$ROOT" && CARGO_TARGET_DIR=$TARGET BENCH_PAIRED_JSON=$OUT/overhead_paired.json "$OVERHEAD" --bench --noplot 2>&1 | grep -E "^[a-z_-]+/|time:|^paired" >&2)

echo "== 2. end-to-end throughput (against the hand-written client and a bare one)" >&2
"$BIN/bench_throughput" --url "$URL" --requests 10000 --concurrency 64 --rounds 4 --json "$OUT/throughput.json"

echo "== 2c. large bodies: KV values of 1 MiB, a 10 MiB Worker upload (multipart)" >&2
"$BIN/bench_bodies" --url "$URL" --kv-calls 500 --upload-calls 50 --blocks 10 --rounds 12 --json "$OUT/bodies.json"

if command -v valgrind >/dev/null; then
    # Client CPU instructions per call, counted by callgrind: deterministic, so unlike the
    # timings it does not move with the machine's load. Per call = (I(1500) - I(500)) / 1000.
    echo "== 2b. client instructions per sequential call (callgrind)" >&2
    for w in flarekit hand bare hyper; do
        for n in 500 1500; do
            valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN/bench_throughput" --url "$URL" \
                --only "$w" --sequential-only --requests "$n" --rounds 1 --block "$n" 2>&1 >/dev/null |
                sed -n 's/.*Collected : \([0-9]*\).*/\1/p' >"$OUT/callgrind_${w}_$n.txt"
        done
    done
    # The same for the large bodies: per call = (I(3n calls) - I(n calls)) / 2n.
    bodies_instructions() { # CLIENT CALL N
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN/bench_bodies" --url "$URL" --only "$1" \
            --call "$2" --kv-calls "$3" --upload-calls "$3" --blocks 1 --rounds 1 2>&1 >/dev/null |
            sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
    }
    for w in flarekit hand; do
        for c in kv_put:20 kv_get:20 upload:4; do
            call=${c%:*} n=${c#*:}
            lo=$(bodies_instructions "$w" "$call" "$n") hi=$(bodies_instructions "$w" "$call" $((3 * n)))
            echo $(((hi - lo) / (2 * n))) >"$OUT/callgrind_bodies_${w}_$call.txt"
        done
    done
fi

echo "== 3. Cloudflare Python SDK 5.9.0" >&2
VENV=$TARGET/bench-venv
if ! "$VENV/bin/python" -c 'import cloudflare, sys; sys.exit(cloudflare.__version__ != "5.9.0")' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet cloudflare==5.9.0
fi
"$VENV/bin/python" bench/python_client.py --url "$URL" --requests 2000 --rounds 2 --json "$OUT/python.json"
# flarekit again right after, with the same number of calls, for an adjacent comparison.
"$BIN/bench_throughput" --url "$URL" --only flarekit --sequential-only --requests 2000 --rounds 2 \
    --json "$OUT/flarekit_seq_after_python.json"

echo "== 5. memory of pagination (restrictions, DNS records)" >&2
"$BIN/bench_memory" --url "$URL" --json "$OUT/memory.json"

echo "== 6. memory of a streamed 1 GiB download" >&2
"$BIN/bench_stream" --json "$OUT/stream.json"

kill "$SERVER" 2>/dev/null || true

if [ "${SKIP_COMPILE:-0}" != 1 ]; then
    echo "== 4. compile cost" >&2
    python3 bench/compile_cost.py --sizes 10,100,1000 --repeat 3 --json "$OUT/compile.json"
fi

echo
echo "== results ($(nproc) cores, $(rustc --version))"
python3 bench/report.py "$OUT" "$TARGET/criterion"
