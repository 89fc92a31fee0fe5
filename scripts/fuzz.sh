#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each for FUZZ_SECONDS seconds
# (default 60) on a working copy of its seed corpus. Any crash, leak or invariant failure
# stops the run with the reproducer saved under build/fuzz/artifacts/.
set -euo pipefail
seconds="${FUZZ_SECONDS:-60}"
cd "$(dirname "$0")/.."
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"
mkdir -p build/fuzz/artifacts
for src in fuzz/fuzz_*.cpp; do
  name="$(basename "$src" .cpp)"
  work="build/fuzz/corpus/$name"
  mkdir -p "$work"
  cp -n fuzz/corpus/"$name"/* "$work"/ 2>/dev/null || true
  echo "== $name ($seconds s)"
  log="build/fuzz/$name.log"
  rc=0
  "build/fuzz/fuzz/$name" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -artifact_prefix=build/fuzz/artifacts/"$name"- -print_final_stats=1 "$work" >"$log" 2>&1 || rc=$?
  grep -E '^(#[0-9]+ *DONE|stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY)' "$log" || true
  if [ "$rc" -ne 0 ]; then
    tail -n 40 "$log"
    echo "fuzz: $name failed (exit $rc); reproducer in build/fuzz/artifacts/" >&2
    exit 1
  fi
done
echo "fuzz: all targets ran ${seconds}s each without findings"
