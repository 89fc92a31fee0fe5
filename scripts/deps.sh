#!/usr/bin/env bash
# Installs the Debian packages jot needs, and nothing when they are all present.
# Idempotent: `apt-get update` runs only when something is missing.
# Usage: scripts/deps.sh [build|test|bench|all]   (default: test)
set -euo pipefail

profile="${1:-test}"

build_pkgs=(g++ cmake make pkg-config libssl-dev libboost-json1.81-dev libboost1.81-dev libcli11-dev
            libcurl4-openssl-dev
            libsqlite3-dev libpq-dev libargon2-dev libgtest-dev libgmock-dev libbenchmark-dev)
test_pkgs=(nodejs ca-certificates curl openssl python3 clang libclang-rt-14-dev clang-format
           postgresql)
bench_pkgs=(libjwt-dev libcpp-jwt-dev wrk valgrind)

pkgs=("${build_pkgs[@]}")
case "$profile" in
  build) ;;
  test) pkgs+=("${test_pkgs[@]}") ;;
  bench|all) pkgs+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  *) echo "deps.sh: unknown profile '$profile'" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  # nodejs may come from another repository (nodesource) that also ships npm; accept any node >= 18.
  if [ "$p" = nodejs ] && command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    continue
  fi
  if [ "$p" = nodejs ]; then missing+=(nodejs npm); continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "deps.sh: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
