#!/usr/bin/env bash
# Interop: tokens issued by `jot serve` verify in Node's jose with the keys fetched from
# the server's JWKS endpoint (createRemoteJWKSet), for ES256, EdDSA, PS256 and RS256.
# Usage: jose_interop.sh JOT_BINARY SOURCE_DIR WORK_DIR
set -euo pipefail
jot="$1"; src="$2"; work="$3"

# Pinned dependencies, installed with `npm ci` from the lock file (once per build tree).
"$(dirname "$0")/../../scripts/npm_ci_once.sh" "$src" "$work" package.json package-lock.json \
  verify_with_jwks.mjs

tmp="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
# This test failed once, fast, and was never seen to fail again: say where, and what the
# server logged, so that the next failure explains itself.
trap 'echo "jose_interop: failed at line $LINENO: $BASH_COMMAND" >&2;
      for f in "$tmp"/out "$tmp"/log; do [ -f "$f" ] && { echo "--- $f"; cat "$f"; } >&2; done' ERR

echo "pw-interop" | "$jot" user add interop --db "$tmp/users.db" >/dev/null

for alg in ES256 EdDSA PS256 RS256; do
  # Created before the server starts: the redirection below happens in the child, which may
  # not have run yet when the loop first reads the file.
  : >"$tmp/out"
  "$jot" serve --port 0 --db "$tmp/users.db" --alg "$alg" --iss jot-interop --aud jose \
    >"$tmp/out" 2>"$tmp/log" &
  pid=$!
  url=""
  for _ in $(seq 300); do
    url="$(sed -n 's/^listening on \(http:[^ ]*\)$/\1/p' "$tmp/out")"
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || { echo "server did not start"; cat "$tmp/log"; exit 1; }
  token="$(curl -sf -H 'Content-Type: application/json' \
    -d '{"username":"interop","password":"pw-interop"}' "$url/login" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')"
  (cd "$work" && node verify_with_jwks.mjs "$url" "$token" jot-interop jose "$alg")
  kill "$pid"; wait "$pid" || true; pid=""
done
echo "jose interop: all algorithms verified"
