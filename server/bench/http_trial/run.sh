#!/usr/bin/env bash
# The HTTP-library trial behind docs/design.md: a minimal GET /health server on Boost.Beast
# (async, N I/O threads) and on cpp-httplib (thread pool, TCP_NODELAY on, as tuned after
# its default of Nagle + delayed ACKs gave ~300 req/s), each loaded with wrk on loopback.
# Not part of the build; needs libboost1.81-dev, libcpp-httplib-dev and wrk.
# Usage: server/bench/http_trial/run.sh [BEAST_THREADS [HTTPLIB_THREADS]]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$out"' EXIT
g++ -O2 -std=c++20 "$here/beast_health.cpp" -o "$out/beast_health" -pthread
g++ -O2 -std=c++20 "$here/httplib_health.cpp" -o "$out/httplib_health" -pthread -lcpp-httplib
"$out/beast_health" "${1:-2}" & pids+=($!)
"$out/httplib_health" "${2:-64}" & pids+=($!)
sleep 0.5
for round in 1 2 3; do
  for s in "beast 18081" "httplib 18082"; do
    set -- $s
    printf 'round %s %-8s ' "$round" "$1"
    wrk -t2 -c32 -d5s "http://127.0.0.1:$2/health" | awk '/Requests\/sec/ {print $2 " req/s"}'
  done
done
