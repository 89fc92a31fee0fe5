#!/usr/bin/env bash
# make bench-server: wrk (keep-alive) against GET /health and GET /protected of `jot serve`,
# then the same two routes on the reference, a minimal Node express + jsonwebtoken server,
# in one run. Both check the same HS256 token with the same secret. Reports requests/s and
# protected/health, the share of throughput left after JWT checking.
# Usage: server/bench/bench_server.sh BUILD_DIR [DURATION]   (DURATION default 10s)
set -euo pipefail
build="${1:-build/release}"
duration="${2:-10s}"
here="$(cd "$(dirname "$0")" && pwd)"
jot="$build/cli/jot"
[ -x "$jot" ] || { echo "bench_server.sh: $jot not built" >&2; exit 1; }
command -v wrk >/dev/null || { echo "bench_server.sh: wrk missing (scripts/deps.sh bench)" >&2; exit 1; }

tmp="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

# Node reference: pinned dependencies from the lock file, installed once per build tree.
node_dir="$build/server-bench-node"
mkdir -p "$node_dir"
cp "$here/node/package.json" "$here/node/package-lock.json" "$here/node/server.js" "$node_dir/"
if [ ! -d "$node_dir/node_modules/express" ] ||
   ! cmp -s "$here/node/package-lock.json" "$node_dir/node_modules/.package-lock.json"; then
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi

secret="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"  # 64 hex characters
printf '%s' "$secret" >"$tmp/secret"
echo "bench-password" | "$jot" user add bench --db "$tmp/users.db" >/dev/null

wait_listening() {  # wait_listening OUT_FILE → prints the URL
  for _ in $(seq 300); do
    local url
    url="$(sed -n 's/^listening on \(http:[^ ]*\)$/\1/p' "$1")"
    if [ -n "$url" ]; then echo "$url"; return 0; fi
    sleep 0.1
  done
  echo "server did not start" >&2; return 1
}

"$jot" serve --port 0 --db "$tmp/users.db" --secret-file "$tmp/secret" --ttl 1h \
  >"$tmp/jot.out" 2>/dev/null &
pids+=($!)
jot_url="$(wait_listening "$tmp/jot.out")"
JOT_BENCH_SECRET="$secret" node "$node_dir/server.js" >"$tmp/node.out" 2>&1 &
pids+=($!)
node_url="$(wait_listening "$tmp/node.out")"

token="$(curl -sf -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"bench-password"}' "$jot_url/login" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')"
# Both servers must grant access to the token before they are timed.
for u in "$jot_url" "$node_url"; do
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$u/protected")"
  [ "$code" = 200 ] || { echo "bench_server.sh: $u/protected answered $code" >&2; exit 1; }
done

rps() {  # rps URL [HEADER] → requests/s, after checking wrk saw no errors
  local out
  if [ $# -gt 1 ]; then out="$(wrk -t2 -c32 -d"$duration" -H "$2" "$1")"
  else out="$(wrk -t2 -c32 -d"$duration" "$1")"; fi
  if grep -q 'Non-2xx' <<<"$out"; then echo "bench_server.sh: non-2xx answers from $1" >&2; exit 1; fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}

echo "wrk -t2 -c32 -d$duration, keep-alive, loopback; $(nproc) cores; HS256 token"
printf '%-28s %14s %14s %10s\n' server "/health req/s" "/protected" "ratio"
for name in jot node; do
  if [ "$name" = jot ]; then url="$jot_url"; label="jot serve (Beast)"
  else url="$node_url"; label="node express+jsonwebtoken"; fi
  h="$(rps "$url/health")"
  p="$(rps "$url/protected" "Authorization: Bearer $token")"
  printf '%-28s %14.0f %14.0f %10.2f\n' "$label" "$h" "$p" "$(awk -v a="$p" -v b="$h" 'BEGIN{print a/b}')"
done
