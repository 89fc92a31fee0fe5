#!/usr/bin/env bash
# Issues #6 and #15: jot against its peers in one run, one table.
#   C++: libjwt, cpp-jwt and jwt-cpp (jot_bench_peers, built only for this, with jot's and the
#   floor's rows of the same operations interleaved in the same process, so that the C++
#   ratios come from one run), Node: jsonwebtoken, fast-jwt and jose (bench/node, pinned by
#   package-lock.json).
# Same operations everywhere: HS256/RS256/ES256 sign and verify of the seed payload
# ({"userId":123,"iat":…,"exp":…}); HS256 verify of the ~1 KB payload and of every issuer
# shape (tests/support/payload_shapes.cpp) for the C++ peers.
#
# Usage: bench/compare.sh [BUILD_DIR]   (default build/release; `make bench-compare` builds it)
# Environment: MIN_TIME (seconds per repetition, default 0.2), KEEP=1 keeps the raw JSON.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build/release}"
min_time="${MIN_TIME:-0.2}"
out="$(mktemp -d)"
if [ "${KEEP:-0}" = 1 ]; then echo "raw results in $out"; else trap 'rm -rf "$out"' EXIT; fi

for exe in jot_bench jot_bench_peers; do
  if [ ! -x "$build/bench/$exe" ]; then
    echo "compare.sh: $build/bench/$exe missing (make bench-compare builds it)" >&2
    exit 1
  fi
done

echo "== jot and its OpenSSL floor =="
"$build/bench/jot_bench" \
  --benchmark_filter='^(HS256|RS256|ES256)/(sign|verify)/seed/(jot|floor)$|^HS256/verify/1KB/(jot|floor)$' \
  --benchmark_repetitions=5 --benchmark_min_time="$min_time" \
  --benchmark_out="$out/jot.json" --benchmark_out_format=json >"$out/jot.txt" 2>&1
echo "== C++ peers: libjwt, cpp-jwt, jwt-cpp (with jot and the floor, interleaved) =="
"$build/bench/jot_bench_peers" --benchmark_repetitions=5 --benchmark_min_time="$min_time" \
  --benchmark_report_aggregates_only=true --benchmark_enable_random_interleaving=true \
  --benchmark_out="$out/peers.json" --benchmark_out_format=json >"$out/peers.txt" 2>&1

echo "== Node peers: jsonwebtoken, fast-jwt, jose =="
node_dir="$root/bench/node"
stamp="$node_dir/node_modules/.jot-installed-lock.json"
if ! cmp -s "$node_dir/package-lock.json" "$stamp"; then
  (cd "$node_dir" && npm ci --no-audit --no-fund --prefer-offline >/dev/null)
  cp "$node_dir/package-lock.json" "$stamp"
fi
node "$node_dir/bench.mjs" --min-time="$min_time" >"$out/node.json" 2>"$out/node.txt"

node "$root/bench/compare_table.mjs" "$out/jot.json" "$out/peers.json" "$out/node.json"
