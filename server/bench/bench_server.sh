#!/usr/bin/env bash
# make bench-server: wrk (keep-alive) against GET /health and GET /protected of `jot serve`,
# then the same two routes on the reference, a minimal Node express + jsonwebtoken server,
# in one run. All check the same HS256 token with the same secret; the Node reference runs
# twice: with the secret as a string (as in the seed) and as a prepared KeyObject. jot runs on
# SQLite, on PostgreSQL (a throwaway server this script starts and stops: #16 wants /protected
# there within 5 % of SQLite) and on SQLite with --no-metrics (the cost of counting). Reports
# requests/s, protected/health (the share of throughput left after JWT checking), the
# per-round PostgreSQL/SQLite and metrics-off/on ratios, and POST /login on both stores.
# Usage: server/bench/bench_server.sh BUILD_DIR [DURATION [ROUNDS]]   (default 5s, 3 rounds)
# JOT_BENCH_NODE=0 leaves the Node reference out; JOT_BENCH_LOGIN=0 leaves /login out.
set -euo pipefail
build="${1:-build/release}"
duration="${2:-5s}"
rounds="${3:-3}"
with_node="${JOT_BENCH_NODE:-1}"
with_login="${JOT_BENCH_LOGIN:-1}"
here="$(cd "$(dirname "$0")" && pwd)"
jot="$build/cli/jot"
fail() { echo "bench_server.sh: $*" >&2; exit 1; }
[ -x "$jot" ] || fail "$jot not built"
command -v wrk >/dev/null || fail "wrk missing (scripts/deps.sh bench)"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
[ -x "$pg_bin/initdb" ] || fail "no PostgreSQL server installed (scripts/deps.sh bench)"

tmp="$(mktemp -d)"
pids=()
pg_dir=""
pg_running=0
# PostgreSQL refuses to run as root: as root, its tools run as the package's `postgres` user.
as_pg=()
[ "$(id -u)" -ne 0 ] || as_pg=(runuser -u postgres --)
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  if [ "$pg_running" = 1 ]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  fi
  [ -z "$pg_dir" ] || rm -rf "$pg_dir"
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM  # through the EXIT trap: the PostgreSQL server is stopped on ^C too

# Node reference: pinned dependencies from the lock file, installed once per build tree.
if [ "$with_node" = 1 ]; then
  node_dir="$build/server-bench-node"
  "$here/../../scripts/npm_ci_once.sh" "$here/node" "$node_dir" package.json package-lock.json server.js
fi

# PostgreSQL: a fresh cluster in a temporary directory, on a free loopback port; durability off
# (nothing here must survive a crash, and /protected never touches the database anyway).
pg_dir="$(mktemp -d /tmp/jot-bench-pg-XXXXXX)"
pg_password="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$pg_password" >"$pg_dir/pw"
[ "$(id -u)" -ne 0 ] || chown -R postgres: "$pg_dir"
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U jot --pwfile "$pg_dir/pw" \
  --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --no-sync >"$tmp/initdb.log" 2>&1 ||
  { cat "$tmp/initdb.log" >&2; fail "initdb failed"; }
pg_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
pg_running=1
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { tail -n 20 "$pg_dir/log" >&2; fail "PostgreSQL did not start"; }
pg_uri="postgresql://jot@127.0.0.1:$pg_port/postgres"
export PGPASSWORD="$pg_password"

secret="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"  # 64 hex characters
printf '%s' "$secret" >"$tmp/secret"
echo "bench-password" | "$jot" user add bench --db "$tmp/users.db" >/dev/null
echo "bench-password" | "$jot" user add bench --db "$pg_uri" >/dev/null

wait_listening() {  # wait_listening OUT_FILE → prints the URL
  for _ in $(seq 300); do
    local url
    url="$(sed -n 's/^listening on \(http:[^ ]*\)$/\1/p' "$1")"
    if [ -n "$url" ]; then echo "$url"; return 0; fi
    sleep 0.1
  done
  echo "server did not start" >&2; return 1
}

names=() urls=() logins=()
start_server() {  # start_server NAME LOGIN(0|1) COMMAND… → appends to names, urls, logins
  local name="$1" login="$2" out="$tmp/server${#urls[@]}.out"
  shift 2
  # The output file exists before the server starts: the redirection happens in the child,
  # which may not have run yet when wait_listening first reads it.
  : >"$out"
  "$@" >"$out" 2>"$out.err" &
  pids+=($!)
  names+=("$name")
  urls+=("$(wait_listening "$out")")
  logins+=("$login")
}
# --login-rate 0: the /login figure measures logins, not the limiter's refusals.
serve=("$jot" serve --port 0 --secret-file "$tmp/secret" --ttl 1h --login-rate 0)
start_server "jot serve (SQLite)" 1 "${serve[@]}" --db "$tmp/users.db"
start_server "jot serve --db postgresql://" 1 "${serve[@]}" --db "$pg_uri"
start_server "jot serve --no-metrics (SQLite)" 0 "${serve[@]}" --db "$tmp/users.db" --no-metrics
if [ "$with_node" = 1 ]; then
  start_server "express + jsonwebtoken (string)" 0 \
    env JOT_BENCH_SECRET="$secret" node "$node_dir/server.js"
  start_server "express + jsonwebtoken (KeyObject)" 0 \
    env JOT_BENCH_SECRET="$secret" JOT_BENCH_KEYOBJECT=1 node "$node_dir/server.js"
fi

login_body='{"username":"bench","password":"bench-password"}'
# Both stores must log the user in; every server must grant access to the token before timing.
for i in 0 1; do
  code="$(curl -s -o "$tmp/login.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "$login_body" "${urls[$i]}/login")"
  [ "$code" = 200 ] || fail "${urls[$i]}/login answered $code"
done
token="$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' "$tmp/login.json")"
[ -n "$token" ] || fail "no token in the /login answer"
for u in "${urls[@]}"; do
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$u/protected")"
  [ "$code" = 200 ] || fail "$u/protected answered $code"
done
cat >"$tmp/login.lua" <<EOF
wrk.method = "POST"
wrk.body = '$login_body'
wrk.headers["Content-Type"] = "application/json"
EOF

rps() {  # rps URL WRK_ARGS… → requests/s, after checking wrk saw no errors
  local url="$1" out
  shift
  out="$(wrk -d"$duration" "$@" "$url")"
  grep -q 'Non-2xx' <<<"$out" && fail "non-2xx answers from $url"
  grep -q 'Socket errors' <<<"$out" && fail "socket errors from $url: $(grep 'Socket errors' <<<"$out")"
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}

# Rounds interleave the servers so that a burst of load elsewhere on the machine hits them
# alike: each route is measured on every server in turn, in reverse order every other round,
# and each figure is the median of the rounds. The PostgreSQL/SQLite and metrics-off/on ratios
# are taken within each round, then their median.
echo "wrk -t2 -c32 -d$duration per figure (/login: -t1 -c4), keep-alive, loopback," \
     "median of $rounds rounds; $(nproc) cores; HS256 token; $("$pg_bin/postgres" --version)"
echo "start: $(uptime)"
declare -A health protected login
pg_ratio="" nometrics_ratio="" login_ratio=""
for r in $(seq "$rounds"); do
  order=("${!urls[@]}")
  if [ $((r % 2)) -eq 0 ]; then
    order=()
    for ((k = ${#urls[@]} - 1; k >= 0; k--)); do order+=("$k"); done
  fi
  for i in "${order[@]}"; do health[$r,$i]="$(rps "${urls[$i]}/health" -t2 -c32)"; done
  for i in "${order[@]}"; do
    protected[$r,$i]="$(rps "${urls[$i]}/protected" -t2 -c32 -H "Authorization: Bearer $token")"
  done
  if [ "$with_login" = 1 ]; then
    for i in "${order[@]}"; do
      [ "${logins[$i]}" = 1 ] || continue
      login[$r,$i]="$(rps "${urls[$i]}/login" -t1 -c4 -s "$tmp/login.lua")"
    done
    login_ratio+="$(awk -v a="${login[$r,1]}" -v b="${login[$r,0]}" 'BEGIN{print a/b}') "
  fi
  pg_ratio+="$(awk -v a="${protected[$r,1]}" -v b="${protected[$r,0]}" 'BEGIN{print a/b}') "
  nometrics_ratio+="$(awk -v a="${protected[$r,2]}" -v b="${protected[$r,0]}" 'BEGIN{print a/b}') "
  echo "round $r: $(uptime | sed 's/.*load/load/')"
done
median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
column_of() {  # column_of ARRAY_NAME SERVER → the rounds' figures, space separated
  local -n a="$1"
  local r
  for r in $(seq "$rounds"); do printf '%s ' "${a[$r,$2]:-}"; done
}
printf '%-36s %14s %14s %8s %10s\n' server "/health req/s" "/protected" "ratio" "/login"
for i in "${!urls[@]}"; do
  h="$(column_of health "$i" | median)"
  p="$(column_of protected "$i" | median)"
  l="-"
  [ "$with_login" != 1 ] || [ "${logins[$i]}" != 1 ] || l="$(column_of login "$i" | median)"
  printf '%-36s %14.0f %14.0f %8.2f %10s\n' "${names[$i]}" "$h" "$p" \
    "$(awk -v a="$p" -v b="$h" 'BEGIN{print a/b}')" "$l"
done
echo "/protected, PostgreSQL ÷ SQLite per round: $pg_ratio→ median $(median <<<"$pg_ratio")"
echo "/protected, --no-metrics ÷ metrics per round: $nometrics_ratio→ median $(median <<<"$nometrics_ratio")"
[ "$with_login" != 1 ] ||
  echo "/login, PostgreSQL ÷ SQLite per round: $login_ratio→ median $(median <<<"$login_ratio")"
echo "end: $(uptime)"
