#!/usr/bin/env bash
# Instructions per operation under callgrind: the steady figure on a shared, noisy machine
# (wall-clock rates move with the load; instruction counts do not). For each benchmark of
# jot_bench named on the command line, counts the instructions inside jot::try_verify (the
# jot side) or inside the floor's verify (the floor side) and divides by the calls made.
# OpenSSL under valgrind cannot use the SHA extensions, so HMAC weighs more here than on the
# CPU; compare jot's own instructions (jot - floor) between builds and shapes.
#
# Usage: bench/instructions.sh [BUILD_DIR] NAME...   e.g. HS256/verify/keycloak/jot
set -euo pipefail
build="build/release"
if [ $# -gt 0 ] && [ -d "$1" ]; then build="$1"; shift; fi
exe="$build/bench/jot_bench"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for name in "$@"; do
  case "$name" in
    */jot) fn='jot::try_verify' ;;
    */floor) fn='jot::bench::(anonymous namespace)::HmacFloor::verify' ;;
    *) echo "instructions.sh: $name: only .../jot and .../floor verify rows" >&2; exit 2 ;;
  esac
  file="$out/callgrind.out"
  valgrind --tool=callgrind --callgrind-out-file="$file" --toggle-collect="$fn*" "$exe" \
    --benchmark_filter="^${name}\$" --benchmark_repetitions=1 --benchmark_min_time=0.3 \
    --benchmark_enable_random_interleaving=false >/dev/null 2>&1
  # Total of the collected events, and the calls made to the toggled function.
  awk -v fn="$fn" -v name="$name" '
    /^summary:/ { total = $2 }
    /^c?fn=\(/ {
      id = substr($1, index($1, "(")); if (NF > 1 && index($0, fn) > 0) wanted[id] = 1
    }
    /^cfn=/ { target = (id in wanted) }
    /^calls=/ { if (target) { split($0, a, /[= ]/); calls += a[2] } target = 0 }
    END { if (calls > 0) printf "%-36s %8.0f instructions per call (%d calls)\n", name, total / calls, calls }
  ' "$file"
done
