#!/usr/bin/env bash
# Usage: npm_ci_once.sh SRC_DIR WORK_DIR FILE...
# Copies FILE... (package.json and package-lock.json among them) from SRC_DIR into WORK_DIR and
# installs the pinned dependencies with `npm ci`, only when the lock file changed since the last
# install there: benchmarks and interop tests reuse one node_modules per build tree.
set -euo pipefail
src="$1"; work="$2"; shift 2
mkdir -p "$work"
for f in "$@"; do cp "$src/$f" "$work/"; done
if ! cmp -s "$src/package-lock.json" "$work/node_modules/.jot-installed-lock"; then
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$src/package-lock.json" "$work/node_modules/.jot-installed-lock"
fi
