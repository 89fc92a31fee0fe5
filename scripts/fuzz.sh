#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan, preset `fuzz`) and runs each for
# FUZZ_SECONDS seconds (default 60) on a working copy of its seed corpus
# (build/fuzz/corpus/<target>, which keeps growing from run to run; the seeds in
# fuzz/corpus/ are never written). FUZZ_TARGETS="fuzz_keys fuzz_verify" runs only those;
# FUZZ_JOBS (default 2) is the build parallelism. Any crash, leak, timeout or invariant
# failure stops the run with the reproducer saved under build/fuzz/artifacts/; replay it
# with `build/fuzz/fuzz/<target> <file>`.
# FUZZ_SEED fixes libFuzzer's random seed (default: a new one each run). `make fuzz-smoke`
# (CI) sets it, so that the same code on a fresh clone walks the same mutations and a red CI
# means the change, not the dice; `make fuzz` explores with fresh seeds and is where new
# findings come from (a CI failure on session 2's last commit was such a finding).
set -euo pipefail
seconds="${FUZZ_SECONDS:-60}"
seed_flag=()
if [ -n "${FUZZ_SEED:-}" ]; then seed_flag=(-seed="$FUZZ_SEED"); fi
# The preset's UBSan checks are recoverable: make the first report abort, so libFuzzer keeps
# the input (ASan aborts by itself; LeakSanitizer runs after every input).
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
cd "$(dirname "$0")/.."
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "${FUZZ_JOBS:-2}" --target jot_fuzz
targets="${FUZZ_TARGETS:-$(cd build/fuzz/fuzz && ls fuzz_* | grep -v '\.' | tr '\n' ' ')}"
mkdir -p build/fuzz/artifacts
for name in $targets; do
  work="build/fuzz/corpus/$name"
  mkdir -p "$work"
  cp -n fuzz/corpus/"$name"/* "$work"/ 2>/dev/null || true
  echo "== $name ($seconds s)"
  log="build/fuzz/$name.log"
  rc=0
  "build/fuzz/fuzz/$name" "${seed_flag[@]}" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -rss_limit_mb=2560 -artifact_prefix=build/fuzz/artifacts/"$name"- -print_final_stats=1 \
    "$work" >"$log" 2>&1 || rc=$?
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|SUMMARY)' "$log" || true
  echo "corpus: $(ls "$work" | wc -l) files"
  if [ "$rc" -ne 0 ]; then
    tail -n 40 "$log"
    echo "fuzz: $name failed (exit $rc); reproducer in build/fuzz/artifacts/" >&2
    exit 1
  fi
done
echo "fuzz: all targets ran ${seconds}s each without findings"
