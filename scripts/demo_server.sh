#!/usr/bin/env bash
# make demo, part 2: the seed's flow over HTTP with `jot serve`, walked with curl.
#   login → token → protected 200 → tampered token 401 → wrong password 401
#   → logout 204 → the logged-out token 401
# Usage: scripts/demo_server.sh BUILD_DIR
set -euo pipefail
build="${1:-build/release}"
jot="$build/cli/jot"
[ -x "$jot" ] || { echo "demo_server.sh: $jot not built" >&2; exit 1; }

tmp="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

if [ -t 1 ]; then bold=$'\033[1m'; plain=$'\033[0m'; else bold=""; plain=""; fi
step() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }
show() { printf '   $ %s\n' "$*"; }
json_field() {  # json_field NAME < JSON
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s)[process.argv[1]];console.log(v===undefined?"":v)})' "$1"
}

echo
echo "== jot serve: the seed's flow over HTTP =="

step "1. create a user 'demo' (password from stdin, stored as an Argon2id hash in SQLite)"
show "echo demo-password | jot user add demo --db $tmp/users.db"
echo "demo-password" | "$jot" user add demo --db "$tmp/users.db"

step "2. start the server on a free port (no key configured: an ephemeral ES256 key)"
show "jot serve --port 0 --db $tmp/users.db"
# Created first: the redirection happens in the child, which may not have run yet when the
# loop below first reads the file.
: >"$tmp/out"
"$jot" serve --port 0 --db "$tmp/users.db" >"$tmp/out" 2>"$tmp/log" &
pid=$!
url=""
for _ in $(seq 300); do
  url="$(sed -n 's/^listening on \(http:[^ ]*\)$/\1/p' "$tmp/out")"
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
[ -n "$url" ] || { echo "server did not start:"; cat "$tmp/log"; exit 1; }
sed 's/^/   /' "$tmp/log"
echo "   listening on $url"

step "3. log in: POST /login → a signed token"
show "curl -s -X POST $url/login -H 'Content-Type: application/json' -d '{\"username\":\"demo\",\"password\":\"demo-password\"}'"
login="$(curl -s -X POST "$url/login" -H 'Content-Type: application/json' \
  -d '{"username":"demo","password":"demo-password"}')"
echo "   $login"
token="$(json_field token <<<"$login")"
[ -n "$token" ] || { echo "no token"; exit 1; }

step "4. the token grants access: GET /protected → 200"
show "curl -s $url/protected -H 'Authorization: Bearer <token>'"
code="$(curl -s -o "$tmp/body" -w '%{http_code}' "$url/protected" -H "Authorization: Bearer $token")"
echo "   HTTP $code $(cat "$tmp/body")"
[ "$code" = 200 ] || { echo "expected 200"; exit 1; }

step "5. a tampered token is refused: payload changed, signature kept → 401"
IFS=. read -r h p s <<<"$token"
forged_payload="$(node -e 'const p=JSON.parse(Buffer.from(process.argv[1],"base64url"));p.sub="admin";console.log(Buffer.from(JSON.stringify(p)).toString("base64url"))' "$p")"
show "curl -s $url/protected -H 'Authorization: Bearer <header>.<payload with sub=admin>.<signature>'"
code="$(curl -s -D "$tmp/headers" -o "$tmp/body" -w '%{http_code}' "$url/protected" \
  -H "Authorization: Bearer $h.$forged_payload.$s")"
echo "   HTTP $code $(grep -i '^www-authenticate' "$tmp/headers" | tr -d '\r')"
[ "$code" = 401 ] || { echo "expected 401"; exit 1; }

step "6. a wrong password gets no token → 401"
show "curl -s -X POST $url/login -d '{\"username\":\"demo\",\"password\":\"guess\"}'"
code="$(curl -s -o "$tmp/body" -w '%{http_code}' -X POST "$url/login" \
  -H 'Content-Type: application/json' -d '{"username":"demo","password":"guess"}')"
echo "   HTTP $code $(cat "$tmp/body")"
[ "$code" = 401 ] || { echo "expected 401"; exit 1; }

step "7. log out: POST /logout revokes the token (until it would have expired) → 204"
show "curl -s -X POST $url/logout -H 'Authorization: Bearer <token>'"
code="$(curl -s -o "$tmp/body" -w '%{http_code}' -X POST "$url/logout" -H "Authorization: Bearer $token")"
echo "   HTTP $code"
[ "$code" = 204 ] || { echo "expected 204"; cat "$tmp/body"; exit 1; }

step "8. the logged-out token no longer grants access: GET /protected → 401"
show "curl -s $url/protected -H 'Authorization: Bearer <token>'"
code="$(curl -s -D "$tmp/headers" -o "$tmp/body" -w '%{http_code}' "$url/protected" \
  -H "Authorization: Bearer $token")"
echo "   HTTP $code $(grep -i '^www-authenticate' "$tmp/headers" | tr -d '\r')"
[ "$code" = 401 ] || { echo "expected 401"; exit 1; }

step "9. stop the server (SIGTERM: graceful shutdown)"
kill -TERM "$pid"; wait "$pid" || true; pid=""
echo "   access log (one line per request, no tokens or passwords):"
grep '"' "$tmp/log" | sed 's/^/   /'
echo
echo "== the flow works end to end over HTTP =="
