#!/usr/bin/env bash
# make bench-server: wrk (keep-alive) against GET /health and GET /protected of `jot serve`,
# then the same two routes on the reference, a minimal Node express + jsonwebtoken server,
# in one run. All check the same HS256 token with the same secret; the Node reference runs
# twice: with the secret as a string (as in the seed) and as a prepared KeyObject. jot also runs
# a second time with --no-metrics, for the cost of counting (docs/performance.md). Reports
# requests/s and protected/health, the share of throughput left after JWT checking.
# Usage: server/bench/bench_server.sh BUILD_DIR [DURATION [ROUNDS]]   (default 5s, 3 rounds)
set -euo pipefail
build="${1:-build/release}"
duration="${2:-5s}"
rounds="${3:-3}"
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
if ! cmp -s "$here/node/package-lock.json" "$node_dir/node_modules/.jot-installed-lock"; then
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$here/node/package-lock.json" "$node_dir/node_modules/.jot-installed-lock"
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

# The output files exist before the servers start: the redirections happen in the children,
# which may not have run yet when wait_listening first reads them.
: >"$tmp/jot.out"; : >"$tmp/jotq.out"; : >"$tmp/node.out"; : >"$tmp/nodek.out"
"$jot" serve --port 0 --db "$tmp/users.db" --secret-file "$tmp/secret" --ttl 1h \
  >"$tmp/jot.out" 2>/dev/null &
pids+=($!)
jot_url="$(wait_listening "$tmp/jot.out")"
"$jot" serve --port 0 --db "$tmp/users.db" --secret-file "$tmp/secret" --ttl 1h --no-metrics \
  >"$tmp/jotq.out" 2>/dev/null &
pids+=($!)
jotq_url="$(wait_listening "$tmp/jotq.out")"
JOT_BENCH_SECRET="$secret" node "$node_dir/server.js" >"$tmp/node.out" 2>&1 &
pids+=($!)
node_url="$(wait_listening "$tmp/node.out")"
JOT_BENCH_SECRET="$secret" JOT_BENCH_KEYOBJECT=1 node "$node_dir/server.js" >"$tmp/nodek.out" 2>&1 &
pids+=($!)
nodek_url="$(wait_listening "$tmp/nodek.out")"

token="$(curl -sf -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"bench-password"}' "$jot_url/login" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')"
# Both servers must grant access to the token before they are timed.
for u in "$jot_url" "$jotq_url" "$node_url" "$nodek_url"; do
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

# Rounds interleave the servers so that a burst of load elsewhere on the machine hits them
# alike; each figure is the median of the rounds.
echo "wrk -t2 -c32 -d$duration per figure, keep-alive, loopback, median of $rounds rounds;" \
     "$(nproc) cores; HS256 token"
names=("jot serve (Beast, C++)" "jot serve --no-metrics" "express + jsonwebtoken (string)"
       "express + jsonwebtoken (KeyObject)")
urls=("$jot_url" "$jotq_url" "$node_url" "$nodek_url")
declare -A health protected
for r in $(seq "$rounds"); do
  for i in "${!urls[@]}"; do
    health[$i]+="$(rps "${urls[$i]}/health") "
    protected[$i]+="$(rps "${urls[$i]}/protected" "Authorization: Bearer $token") "
  done
done
median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
printf '%-36s %14s %14s %8s\n' server "/health req/s" "/protected" "ratio"
for i in "${!urls[@]}"; do
  h="$(median <<<"${health[$i]}")"
  p="$(median <<<"${protected[$i]}")"
  printf '%-36s %14.0f %14.0f %8.2f\n' "${names[$i]}" "$h" "$p" "$(awk -v a="$p" -v b="$h" 'BEGIN{print a/b}')"
done
