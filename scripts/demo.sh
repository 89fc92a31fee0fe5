#!/usr/bin/env bash
# make demo: the seed's flow (jsonwebtoken's sign → verify, in Node) walked with the `jot`
# command-line tool. Usage: scripts/demo.sh [BUILD_DIR]   (default build/release)
set -euo pipefail

build="${1:-build/release}"
jot="$build/cli/jot"
if [ ! -x "$jot" ]; then
  echo "demo: no jot binary at $jot (build first: make build)" >&2
  exit 2
fi

bold() { if [ -t 1 ]; then printf '\n\033[1m== %s\033[0m\n' "$*"; else printf '\n== %s\n' "$*"; fi; }
say() { printf '   %s\n' "$*"; }
show() { printf '   $ %s\n' "$*"; }
# decide LABEL TOKEN SECRET: the server's access decision, from jot verify's exit status.
decide() {
  local label="$1" token="$2" secret="$3" payload status
  show "jot verify --secret '$secret' --allow-weak-secret \"\$TOKEN\""
  set +e
  payload="$("$jot" verify --secret "$secret" --allow-weak-secret "$token" 2>"$tmp/err")"
  status=$?
  set -e
  if [ "$status" -eq 0 ]; then
    say "payload: $payload"
    say "$label: access granted (exit 0)"
  else
    sed 's/^/   /' "$tmp/err"
    say "$label: access denied (exit $status)"
  fi
}
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

bold "1. Define the secret and the payload"
say "secret  = 'mysecret'      payload = {\"userId\":123}"
say "'mysecret' is 8 bytes. RFC 7518 §3.2 asks for at least 32 bytes for HS256, so jot"
say "refuses it unless you opt in with --allow-weak-secret. Without the opt-in:"
show "jot sign --secret mysecret '{\"userId\":123}'"
set +e
"$jot" sign --secret mysecret '{"userId":123}' 2>&1 | sed 's/^/   /'
set -e
say "The demo opts in to reproduce the seed; real code uses: jot keygen --alg HS256"

bold "2. Sign the payload (the server issues a token)"
show "jot sign --secret mysecret --allow-weak-secret '{\"userId\":123}'"
token="$("$jot" sign --secret mysecret --allow-weak-secret '{"userId":123}')"
say "TOKEN=$token"
say "header.payload.signature: anyone can read the first two parts, only the secret signs."
show "jot decode \"\$TOKEN\"    # for debugging: reads it WITHOUT verifying"
"$jot" decode --color never "$token" 2>"$tmp/err" | sed 's/^/   /'
say "(stderr: $(cat "$tmp/err"))"

bold "3. The client sends the token back; the server verifies it with the same secret"
decide "valid token" "$token" mysecret

bold "4. A tampered token: the client changes its payload to {\"userId\":124}"
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
tampered="${token%%.*}.$(printf '{"userId":124,"iat":%s}' "$(date +%s)" | b64url).${token##*.}"
say "TOKEN=$tampered    (same header and signature, new payload)"
decide "tampered token" "$tampered" mysecret

bold "5. The right token, the wrong secret"
decide "wrong secret" "$token" not-my-secret

bold "6. An expired token"
now=$(date +%s)
show "jot sign --secret mysecret --allow-weak-secret --now $((now - 7200)) --exp 1h '{\"userId\":123}'"
say "(signed as if it were two hours ago, valid for one hour)"
expired="$("$jot" sign --secret mysecret --allow-weak-secret --now $((now - 7200)) --exp 1h \
  '{"userId":123}')"
decide "expired token" "$expired" mysecret

bold "Done: jot verify exits 0 (valid), 1 (rejected: the reason is on stderr), 2 (usage/key error)."

# The server's part of the demo (jot serve), when its author has provided it.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -x "$here/demo_server.sh" ]; then
  "$here/demo_server.sh" "$build"
fi
