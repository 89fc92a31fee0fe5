#!/usr/bin/env bash
# Drives the built `jot` binary: cli_test.sh JOT_BINARY SHARED_DIR CASE
# Each case is a function below; CTest runs one per test (tests/cli/CMakeLists.txt).
# Checks are independent of the library's internals: tokens made by one command are
# judged by another, by the RFC test vectors, or by plain text tools.
set -uo pipefail

JOT="$1"
SHARED="$2"
CASE="$3"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 2
FAILS=0
NOW=1700000000  # 2023-11-14T22:13:20Z, a fixed clock for every time-dependent check
SECRET=0123456789abcdef0123456789abcdef  # 32 bytes: long enough for HS256

# ---- helpers -----------------------------------------------------------------------------

# run CMD...: runs with stdin from /dev/null; sets RC, OUT, ERR.
run() {
  "$@" </dev/null >"$WORK/.out" 2>"$WORK/.err"
  RC=$?
  OUT="$(cat "$WORK/.out")"
  ERR="$(cat "$WORK/.err")"
}
# run_in INPUT CMD...: like run, with INPUT on stdin.
run_in() {
  local input="$1"
  shift
  printf '%s' "$input" | "$@" >"$WORK/.out" 2>"$WORK/.err"
  RC=$?
  OUT="$(cat "$WORK/.out")"
  ERR="$(cat "$WORK/.err")"
}
fail() {
  echo "FAIL [$CASE]: $*"
  echo "  exit: ${RC:-?}"
  echo "  stdout: ${OUT:-}"
  echo "  stderr: ${ERR:-}"
  FAILS=$((FAILS + 1))
}
expect_rc() {  # expect_rc WANT DESCRIPTION
  [ "$RC" = "$1" ] || fail "$2: expected exit $1"
}
expect_out() {  # expect_out TEXT DESCRIPTION (exact stdout)
  [ "$OUT" = "$1" ] || fail "$2: expected stdout '$1'"
}
expect_out_has() { [[ "$OUT" == *"$1"* ]] || fail "$2: stdout lacks '$1'"; }
expect_err_has() { [[ "$ERR" == *"$1"* ]] || fail "$2: stderr lacks '$1'"; }
expect_err_first_line() {  # the library's message, exactly, on the first line
  [ "$(printf '%s\n' "$ERR" | head -n1)" = "$1" ] || fail "$2: first stderr line is not '$1'"
}
expect_no_err() { [ -z "$ERR" ] || fail "$1: unexpected stderr"; }
expect_no_out() { [ -z "$OUT" ] || fail "$1: unexpected stdout"; }
is_token() { [[ "$1" =~ ^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$ ]]; }
is_jwe() { [[ "$1" =~ ^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$ ]]; }
# cookbook FILE JS_EXPR: a field of a JOSE cookbook JWE example (needs node).
cookbook() {
  node -e 'const v = require(process.argv[1]); const r = eval(process.argv[2]);
           process.stdout.write(typeof r === "string" ? r : JSON.stringify(r));' \
    "$SHARED/vectors/jose-cookbook/jwe/$1" "$2"
}
# The JWE with the first character of its segment N (0-4) changed: still base64url.
flip_segment() {
  local IFS=.
  # shellcheck disable=SC2206
  local parts=($1) r=A
  local seg="${parts[$2]}"
  [ "${seg:0:1}" = A ] && r=B
  parts[$2]="$r${seg:1}"
  printf '%s' "${parts[*]}"
}
have_node() { command -v node >/dev/null 2>&1; }
# json_eval JSON_TEXT JS_EXPR: prints the JS expression over `v` (the parsed JSON).
json_eval() {
  node -e 'const v = JSON.parse(process.argv[1]); const r = eval(process.argv[2]);
           process.stdout.write(typeof r === "string" ? r : JSON.stringify(r));' "$1" "$2"
}
# vector FILE INDEX JS_EXPR: a field of an RFC vector (needs node).
vector() {
  node -e 'const v = require(process.argv[1])[+process.argv[2]]; const r = eval(process.argv[3]);
           process.stdout.write(typeof r === "string" ? r : JSON.stringify(r));' \
    "$SHARED/vectors/rfc/$1" "$2" "$3"
}
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
# The token with its payload replaced by another, valid one: what an attacker would send.
tamper() {
  local head="${1%%.*}" sig="${1##*.}"
  printf '%s.%s.%s' "$head" "$(printf '{"userId":1,"admin":true}' | b64url)" "$sig"
}
# The token with the first character of its signature changed.
flip_signature() {
  local body="${1%.*}" sig="${1##*.}" r=A
  [ "${sig:0:1}" = A ] && r=B
  printf '%s.%s%s' "$body" "$r" "${sig:1}"
}
# PEM → DER: the base64 body of the first PEM block, decoded.
pem_to_der() { sed -n '1,/-----END/p' "$1" | sed '/-----/d' | base64 -d >"$2"; }

# ---- cases -------------------------------------------------------------------------------

case_help() {
  run "$JOT" --help
  expect_rc 0 "jot --help"
  for sub in sign verify encrypt decrypt decode keygen jwk; do
    expect_out_has "$sub" "jot --help lists $sub"
  done
  for sub in sign verify encrypt decrypt decode keygen jwk; do
    run "$JOT" "$sub" --help
    expect_rc 0 "jot $sub --help"
    expect_out_has "Examples:" "jot $sub --help has examples"
    expect_no_err "jot $sub --help"
  done
  run "$JOT" sign --help
  for flag in --alg --exp --nbf --aud --iss --sub --jti --kid --typ --header --no-iat --now \
    --secret --secret-file --secret-base64url --key --passphrase --allow-weak-secret \
    --allow-insecure-key; do
    expect_out_has "$flag" "sign --help documents $flag"
  done
  run "$JOT" verify --help
  for flag in --alg --aud --iss --sub --jti --nonce --max-age --clock-tolerance --ignore-exp \
    --ignore-nbf --require --typ --now --complete --key --secret; do
    expect_out_has "$flag" "verify --help documents $flag"
  done
  run "$JOT" encrypt --help
  for flag in --alg --enc --kid --cty --typ --header --pbes2-count --allow-insecure-rsa1_5 \
    --secret --secret-base64url --key --password --password-file; do
    expect_out_has "$flag" "encrypt --help documents $flag"
  done
  run "$JOT" decrypt --help
  for flag in --alg --enc --crit --max-pbes2-count --allow-insecure-rsa1_5 --secret \
    --secret-base64url --key --password --password-file; do
    expect_out_has "$flag" "decrypt --help documents $flag"
  done
  run "$JOT" keygen --help
  for flag in --enc --curve A256KW ECDH-ES PBES2-HS256+A128KW; do
    expect_out_has "$flag" "keygen --help documents $flag"
  done
}

case_usage() {
  run "$JOT"
  expect_rc 2 "no subcommand"
  expect_no_out "no subcommand"
  run "$JOT" frobnicate
  expect_rc 2 "unknown subcommand"
  run "$JOT" sign --secret "$SECRET" --bogus '{}'
  expect_rc 2 "unknown option"
  expect_no_out "unknown option"
  run "$JOT" sign '{}'
  expect_rc 2 "sign without a key"
  expect_err_has "a key is needed" "sign without a key"
  run "$JOT" sign --secret "$SECRET" --key nonexistent '{}'
  expect_rc 2 "two key sources"
  run "$JOT" sign --key "$WORK/does-not-exist.pem" '{}'
  expect_rc 2 "missing key file"
  expect_err_has "does-not-exist.pem" "missing key file named"
  run "$JOT" sign --secret "$SECRET" --alg HS999 '{}'
  expect_rc 2 "unknown algorithm"
  expect_err_has "HS999" "unknown algorithm named"
  run "$JOT" sign --secret "$SECRET" --alg none '{}'
  expect_rc 2 "alg none refused"
  run "$JOT" sign --secret "$SECRET" --exp soon '{}'
  expect_rc 2 "bad --exp"
  expect_err_has "--exp" "bad --exp named"
  run "$JOT" sign --secret "$SECRET" 'not json'
  expect_rc 2 "payload not JSON"
  expect_no_out "payload not JSON"
  run "$JOT" sign --secret "$SECRET" '[1,2]'
  expect_rc 2 "payload not an object"
  run "$JOT" verify --secret "$SECRET" --clock-tolerance -5 a.b.c
  expect_rc 2 "negative clock tolerance"
  run "$JOT" verify --secret "$SECRET" --aud-regex '(' a.b.c
  expect_rc 2 "bad regex"
  run "$JOT" keygen
  expect_rc 2 "keygen without --alg"
  run "$JOT" keygen --alg ES256 --format der
  expect_rc 2 "keygen bad format"
  run "$JOT" keygen --alg ES256 --bits 4096
  expect_rc 2 "--bits with EC"
  run "$JOT" decode
  expect_rc 1 "decode with no token and an empty stdin"
  expect_err_first_line "jot: jwt must be provided" "empty token message"
}

case_version() {
  run "$JOT" --version
  expect_rc 0 "--version"
  [[ "$OUT" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version prints a version"
}

case_sign_verify_secret() {
  run "$JOT" sign --secret "$SECRET" '{"userId":123}'
  expect_rc 0 "sign"
  expect_no_err "sign"
  is_token "$OUT" || fail "sign prints one token"
  [ "$(wc -l <"$WORK/.out")" = 1 ] || fail "sign prints exactly one line"
  local token="$OUT"
  run "$JOT" verify --secret "$SECRET" "$token"
  expect_rc 0 "verify"
  expect_no_err "verify"
  expect_out_has '"userId":123' "verify prints the payload"
  expect_out_has '"iat":' "sign adds iat"
  [ "$(wc -l <"$WORK/.out")" = 1 ] || fail "verify prints one line"
  # The header names the algorithm (HS256 by default for a secret).
  run "$JOT" verify --secret "$SECRET" --alg HS256 "$token"
  expect_rc 0 "verify with --alg HS256"
  run "$JOT" verify --secret "$SECRET" --alg HS512 "$token"
  expect_rc 1 "verify with a disallowed alg"
  expect_err_first_line "jot: invalid algorithm" "disallowed alg message"
  run "$JOT" sign --secret "$SECRET" --alg HS384 '{}'
  expect_rc 2 "HS384 with a 32-byte secret is too weak"
  run "$JOT" sign --secret "$SECRET$SECRET" --alg HS512 '{"a":1}'
  expect_rc 0 "HS512 with a 64-byte secret"
  local t512="$OUT"
  run "$JOT" verify --secret "$SECRET$SECRET" --alg HS512 "$t512"
  expect_rc 0 "verify HS512"
}

case_secret_sources() {
  printf '%s' "$SECRET" >secret.bin
  run "$JOT" sign --secret-file secret.bin '{"n":1}'
  expect_rc 0 "sign with --secret-file"
  local token="$OUT"
  run "$JOT" verify --secret "$SECRET" "$token"
  expect_rc 0 "--secret-file uses the file's exact bytes"
  printf '%s\n' "$SECRET" >secret-nl.bin
  run "$JOT" verify --secret-file secret-nl.bin "$token"
  expect_rc 1 "a trailing newline is part of the secret"
  expect_err_first_line "jot: invalid signature" "newline secret message"
  local b64
  b64="$(printf '%s' "$SECRET" | b64url)"
  run "$JOT" verify --secret-base64url "$b64" "$token"
  expect_rc 0 "--secret-base64url decodes the secret"
  run "$JOT" verify --secret-base64url "$b64=" "$token"
  expect_rc 2 "--secret-base64url is strict (no padding)"
  run_in "$SECRET" "$JOT" verify --secret-file - "$token"
  expect_rc 0 "--secret-file - reads stdin"
  run "$JOT" sign --secret "-----BEGIN PUBLIC KEY-----" '{}'
  expect_rc 2 "a PEM is never an HMAC secret"
}

case_weak_secret() {
  run "$JOT" sign --secret mysecret '{"userId":123}'
  expect_rc 2 "the demo's 8-byte secret is refused by default"
  expect_no_out "weak secret"
  expect_err_has "pass --allow-weak-secret to accept it" "the error names the CLI's opt-in"
  [[ "$ERR" != *"KeyOptions"* ]] || fail "the CLI speaks of its flags, not of KeyOptions: $ERR"
  run "$JOT" sign --secret mysecret --allow-weak-secret '{"userId":123}'
  expect_rc 0 "--allow-weak-secret"
  local token="$OUT"
  run "$JOT" verify --secret mysecret "$token"
  expect_rc 2 "verifying with a weak secret also needs the opt-in"
  run "$JOT" verify --secret mysecret --allow-weak-secret "$token"
  expect_rc 0 "verify with --allow-weak-secret"
  expect_out_has '"userId":123' "weak-secret payload"
}

case_exit_codes() {
  run "$JOT" sign --secret "$SECRET" --now "$NOW" --exp 60 '{"userId":123}'
  local token="$OUT"
  run "$JOT" verify --secret "$SECRET" --now "$NOW" "$token"
  expect_rc 0 "valid"
  run "$JOT" verify --secret "$SECRET" --now "$NOW" "$(tamper "$token")"
  expect_rc 1 "tampered"
  expect_err_first_line "jot: invalid signature" "tampered message"
  expect_no_out "tampered"
  run "$JOT" verify --secret "$SECRET" --now "$NOW" "$(flip_signature "$token")"
  expect_rc 1 "signature changed"
  expect_err_first_line "jot: invalid signature" "changed signature message"
  run "$JOT" verify --secret "${SECRET}x" --now "$NOW" "$token"
  expect_rc 1 "wrong secret"
  expect_err_first_line "jot: invalid signature" "wrong secret message"
  run "$JOT" verify --secret "$SECRET" --now $((NOW + 61)) "$token"
  expect_rc 1 "expired"
  expect_err_first_line "jot: jwt expired" "expired message"
  expect_err_has "2023-11-14T22:14:20Z" "expired shows the date"
  run "$JOT" verify --secret "$SECRET" --now $((NOW + 61)) --clock-tolerance 5 "$token"
  expect_rc 0 "clock tolerance"
  # The tolerance is bounded (300 s) unless explicitly allowed: a day of tolerance would pass
  # a token that expired yesterday.
  run "$JOT" verify --secret "$SECRET" --now $((NOW + 86400)) --clock-tolerance 300 "$token"
  expect_rc 1 "expired beyond the largest tolerance"
  run "$JOT" verify --secret "$SECRET" --now $((NOW + 86400)) --clock-tolerance 86400 "$token"
  expect_rc 2 "clock tolerance above 300 s"
  expect_err_has "--insecure-allow-long-clock-tolerance" "bound names its opt-in"
  run "$JOT" verify --secret "$SECRET" --now $((NOW + 86400)) --clock-tolerance 86400 \
    --insecure-allow-long-clock-tolerance "$token"
  expect_rc 0 "long clock tolerance with its opt-in"
  run "$JOT" verify --secret "$SECRET" --now $((NOW + 61)) --ignore-exp "$token"
  expect_rc 0 "--ignore-exp"
  run "$JOT" sign --secret "$SECRET" --now "$NOW" --nbf 1h '{}'
  local later="$OUT"
  run "$JOT" verify --secret "$SECRET" --now "$NOW" "$later"
  expect_rc 1 "not yet valid"
  expect_err_first_line "jot: jwt not active" "nbf message"
  run "$JOT" verify --secret "$SECRET" --now "$NOW" --ignore-nbf "$later"
  expect_rc 0 "--ignore-nbf"
  run "$JOT" verify --secret "$SECRET" --now $((NOW + 3600)) "$later"
  expect_rc 0 "nbf reached"
  run "$JOT" verify --secret "$SECRET" "not.a.token"
  expect_rc 1 "malformed"
  expect_no_out "malformed"
  run "$JOT" verify --secret "$SECRET" "garbage"
  expect_rc 1 "malformed (one segment)"
  expect_err_first_line "jot: jwt malformed" "malformed message"
  run "$JOT" verify --key "$WORK/missing.pem" "$token"
  expect_rc 2 "missing key file while verifying"
}

case_claims_sign() {
  run "$JOT" sign --secret "$SECRET" --now "$NOW" --exp 1h --nbf 90 --aud api --aud admin \
    --iss https://issuer.example --sub alice --jti id-1 --kid k1 --typ at+jwt \
    --header '{"x-extra":true}' '{"userId":123}'
  expect_rc 0 "sign with claims"
  local token="$OUT"
  run "$JOT" verify --secret "$SECRET" --now "$NOW" --ignore-nbf --aud api --complete "$token"
  expect_rc 0 "verify claims"
  expect_out_has '"userId":123' "payload kept"
  expect_out_has '"iat":1700000000' "iat from --now"
  expect_out_has '"exp":1700003600' "--exp 1h"
  expect_out_has '"nbf":1700000090' "--nbf 90 (plain number = seconds)"
  expect_out_has '"aud":["api","admin"]' "repeated --aud"
  expect_out_has '"iss":"https://issuer.example"' "--iss"
  expect_out_has '"sub":"alice"' "--sub"
  expect_out_has '"jti":"id-1"' "--jti"
  expect_out_has '"kid":"k1"' "--kid in the header"
  expect_out_has '"typ":"at+jwt"' "--typ in the header"
  expect_out_has '"x-extra":true' "--header members"
  run "$JOT" sign --secret "$SECRET" --no-iat '{"a":1}'
  local noiat="$OUT"
  run "$JOT" verify --secret "$SECRET" "$noiat"
  expect_rc 0 "--no-iat verifies"
  [[ "$OUT" != *'"iat"'* ]] || fail "--no-iat leaves iat out"
  run "$JOT" sign --secret "$SECRET" --now "$NOW" --exp 100ms '{}'
  expect_rc 0 "--exp with a unit"
  run "$JOT" verify --secret "$SECRET" --now "$NOW" --ignore-exp --complete "$OUT"
  expect_out_has '"exp":1700000000' "--exp 100ms (ms rules) floors to the second"
  run "$JOT" sign --secret "$SECRET" --now "$NOW" --exp "1.5 hours" '{}'
  run "$JOT" verify --secret "$SECRET" --now "$NOW" "$OUT"
  expect_out_has '"exp":1700005400' "--exp '1.5 hours'"
}

case_claims_verify() {
  run "$JOT" sign --secret "$SECRET" --now "$NOW" --aud api --iss iss-a --sub alice --jti j1 \
    --typ at+jwt '{"nonce":"n-1"}'
  local token="$OUT"
  run "$JOT" verify --secret "$SECRET" --now "$NOW" --aud api --iss iss-b --iss iss-a --sub alice \
    --jti j1 --nonce n-1 --typ AT+JWT --require sub --require aud "$token"
  expect_rc 0 "all claims match"
  run "$JOT" verify --secret "$SECRET" --now "$NOW" "$token"
  expect_rc 1 "aud present but none expected"
  run "$JOT" verify --secret "$SECRET" --now "$NOW" --aud web "$token"
  expect_rc 1 "audience mismatch"
  expect_err_has "jot: jwt audience invalid" "audience message"
  run "$JOT" verify --secret "$SECRET" --now "$NOW" --aud-regex '^ap' "$token"
  expect_rc 0 "audience regex"
  run "$JOT" verify --secret "$SECRET" --now "$NOW" --aud api --iss other "$token"
  expect_rc 1 "issuer mismatch"
  expect_err_has "jot: jwt issuer invalid" "issuer message"
  run "$JOT" verify --secret "$SECRET" --now "$NOW" --aud api --sub bob "$token"
  expect_rc 1 "subject mismatch"
  expect_err_has "jot: jwt subject invalid" "subject message"
  run "$JOT" verify --secret "$SECRET" --now "$NOW" --aud api --jti j2 "$token"
  expect_rc 1 "jwtid mismatch"
  expect_err_has "jot: jwt jwtid invalid" "jwtid message"
  run "$JOT" verify --secret "$SECRET" --now "$NOW" --aud api --nonce n-2 "$token"
  expect_rc 1 "nonce mismatch"
  expect_err_has "jot: jwt nonce invalid" "nonce message"
  run "$JOT" verify --secret "$SECRET" --now "$NOW" --aud api --require exp "$token"
  expect_rc 1 "required claim missing"
  expect_err_has "exp" "missing claim named"
  run "$JOT" verify --secret "$SECRET" --now "$NOW" --aud api --typ JWT "$token"
  expect_rc 1 "typ mismatch"
  run "$JOT" verify --secret "$SECRET" --now $((NOW + 120)) --aud api --max-age 60 "$token"
  expect_rc 1 "max-age exceeded"
  expect_err_first_line "jot: maxAge exceeded" "max-age message"
  run "$JOT" verify --secret "$SECRET" --now $((NOW + 30)) --aud api --max-age 1m "$token"
  expect_rc 0 "within max-age"
}

case_complete() {
  run "$JOT" sign --secret "$SECRET" --kid k9 '{"a":"b"}'
  local token="$OUT"
  run "$JOT" verify --secret "$SECRET" --complete "$token"
  expect_rc 0 "--complete"
  expect_out_has '"header":{' "--complete has the header"
  expect_out_has '"payload":{' "--complete has the payload"
  expect_out_has "\"signature\":\"${token##*.}\"" "--complete has the signature"
  if have_node; then
    [ "$(json_eval "$OUT" 'v.header.alg + "/" + v.header.kid + "/" + v.payload.a')" = "HS256/k9/b" ] ||
      fail "--complete is one JSON document"
  fi
}

case_stdin() {
  run_in '{"userId":7}' "$JOT" sign --secret "$SECRET" -
  expect_rc 0 "payload from stdin"
  local token="$OUT"
  run_in "$token" "$JOT" verify --secret "$SECRET" -
  expect_rc 0 "token from stdin (-)"
  expect_out_has '"userId":7' "payload signed from stdin"
  run_in "$token"$'\n' "$JOT" verify --secret "$SECRET"
  expect_rc 0 "token from stdin (no argument, trailing newline)"
  run_in "$token" "$JOT" decode
  expect_rc 0 "decode from stdin"
  "$JOT" keygen --alg ES256 --out es.pem
  run "$JOT" sign --key es.pem '{"k":1}'
  local es="$OUT"
  run_in "$(cat es.pem.pub)" "$JOT" verify --key - "$es"
  expect_rc 0 "--key - reads the key from stdin"
  run_in "$(cat es.pem.pub)" "$JOT" verify --key - -
  expect_rc 2 "stdin cannot be read twice"
  expect_err_has "stdin" "stdin twice message"
  # Endless input is cut off, not buffered without bound.
  timeout 20 "$JOT" verify --secret "$SECRET" - </dev/zero >/dev/null 2>"$WORK/.err"
  RC=$?
  expect_rc 2 "endless stdin is refused"
  run "$JOT" verify --key "$WORK" "$es"
  expect_rc 2 "a directory as key file"
  run_in "$(cat es.pem.pub)" "$JOT" jwk -
  expect_rc 0 "jwk from stdin"
  expect_out_has '"kty":"EC"' "jwk from stdin converts"
}

case_decode() {
  run "$JOT" sign --secret "$SECRET" --now "$NOW" --exp 1h --kid kd '{"userId":123,"f":1.5}'
  local token="$OUT"
  run "$JOT" decode "$token"
  expect_rc 0 "decode"
  expect_err_has "NOT verified" "decode warns on stderr"
  expect_out_has '"userId": 123' "decode shows the payload, indented"
  expect_out_has '"f": 1.5' "numbers keep their spelling"
  expect_out_has '"kid": "kd"' "decode shows the header"
  expect_out_has '"exp": "2023-11-14T23:13:20Z"' "decode shows exp as a UTC date"
  expect_out_has '"iat": "2023-11-14T22:13:20Z"' "decode shows iat as a UTC date"
  [[ "$OUT" != *$'\x1b'* ]] || fail "no colour when stdout is not a terminal"
  [[ "$OUT" != *"warning"* ]] || fail "the warning is not on stdout"
  if have_node; then
    [ "$(json_eval "$OUT" 'v.payload.userId + "/" + v.header.alg + "/" + v.dates.exp')" = \
      "123/HS256/2023-11-14T23:13:20Z" ] || fail "decode prints one JSON document"
  fi
  # Indentation must not be fooled by brackets, commas and quotes inside strings.
  run "$JOT" sign --secret "$SECRET" --no-iat '{"s":"a\"}b,[:","arr":[1,[],{},[2,3]],"o":{"x":null}}'
  run "$JOT" decode "$OUT"
  expect_out_has '"s": "a\"}b,[:"' "strings are copied verbatim"
  if have_node; then
    [ "$(json_eval "$OUT" 'JSON.stringify(v.payload)')" = '{"s":"a\"}b,[:","arr":[1,[],{},[2,3]],"o":{"x":null}}' ] ||
      fail "pretty output parses back to the same payload"
  fi
  run "$JOT" decode --color always "$token"
  [[ "$OUT" == *$'\x1b['* ]] || fail "--color always colours"
  run "$JOT" decode "$(tamper "$token")"
  expect_rc 0 "decode does not check the signature"
  run "$JOT" decode "x.y"
  expect_rc 1 "decode of a malformed token"
  expect_err_first_line "jot: jwt malformed" "decode malformed message"
  expect_no_out "decode malformed"
}

case_keygen_files() {
  run "$JOT" keygen --alg ES384 --out key.pem
  expect_rc 0 "keygen --out"
  expect_no_out "keygen --out"
  [ -f key.pem ] && [ -f key.pem.pub ] || fail "keygen writes FILE and FILE.pub"
  [ "$(stat -c %a key.pem)" = 600 ] || fail "private key file is 0600"
  grep -q "BEGIN PRIVATE KEY" key.pem || fail "private key is PKCS#8 PEM"
  grep -q "BEGIN PUBLIC KEY" key.pem.pub || fail "public key is SPKI PEM"
  grep -q "PRIVATE" key.pem.pub && fail "public file holds no private key"
  run "$JOT" keygen --alg ES384 --out key.pem
  expect_rc 2 "keygen does not overwrite"
  expect_err_has "--force" "overwrite hint"
  echo keep >lone.pem.pub
  run "$JOT" keygen --alg ES256 --out lone.pem
  expect_rc 2 "keygen does not overwrite an existing FILE.pub"
  [ -e lone.pem ] && fail "no private key is left without its public half"
  [ "$(cat lone.pem.pub)" = keep ] || fail "FILE.pub untouched"
  local before
  before="$(cat key.pem)"
  run "$JOT" keygen --alg ES384 --out key.pem --force
  expect_rc 0 "keygen --force"
  [ "$(cat key.pem)" != "$before" ] || fail "--force writes a fresh key"
  run "$JOT" keygen --alg EdDSA --format jwk --kid ed1 --out ed.jwk
  expect_rc 0 "keygen jwk"
  grep -q '"d"' ed.jwk || fail "private JWK has d"
  grep -q '"d"' ed.jwk.pub && fail "public JWK has no d"
  grep -q '"kid":"ed1"' ed.jwk.pub || fail "--kid recorded"
  run "$JOT" keygen --alg HS256 --out hs.key
  expect_rc 0 "keygen HS256"
  [ -f hs.key.pub ] && fail "a secret has no public file"
  run "$JOT" sign --secret-base64url "$(cat hs.key)" '{}'
  expect_rc 0 "the HS256 secret file works with --secret-base64url"
}

case_keygen_stdout() {
  run "$JOT" keygen --alg RS256
  expect_rc 0 "keygen RS256 to stdout"
  [ "$(grep -c 'BEGIN PRIVATE KEY' <<<"$OUT")" = 1 ] || fail "one private PEM"
  [ "$(grep -c 'BEGIN PUBLIC KEY' <<<"$OUT")" = 1 ] || fail "one public PEM"
  run "$JOT" keygen --alg ES256K --format jwk
  expect_rc 0 "keygen ES256K jwk"
  [ "$(wc -l <<<"$OUT")" = 2 ] || fail "two JWK lines (private, public)"
  expect_out_has '"crv":"secp256k1"' "ES256K curve"
  run "$JOT" keygen --alg HS512
  expect_rc 0 "keygen HS512"
  [ "$(printf '%s' "$OUT" | wc -c)" = 86 ] || fail "64 random bytes = 86 base64url characters"
  run "$JOT" keygen --alg RS256 --bits 1024
  expect_rc 2 "keygen refuses small RSA"
}

# keygen → sign → verify, with PEM files and with JWK files, for one algorithm.
roundtrip() {
  local alg="$1"
  if [[ "$alg" == HS* ]]; then
    run "$JOT" keygen --alg "$alg" --out k.b64
    expect_rc 0 "keygen $alg"
    run "$JOT" sign --secret-base64url "$(cat k.b64)" --alg "$alg" '{"rt":"'"$alg"'"}'
    expect_rc 0 "sign $alg"
    local token="$OUT"
    run "$JOT" verify --secret-base64url "$(cat k.b64)" --alg "$alg" "$token"
    expect_rc 0 "verify $alg"
    expect_out_has "\"rt\":\"$alg\"" "payload $alg"
    run "$JOT" verify --secret-base64url "$(cat k.b64)" --alg "$alg" "$(tamper "$token")"
    expect_rc 1 "tampered $alg"
    run "$JOT" keygen --alg "$alg" --format jwk --out k.jwk
    run "$JOT" sign --key k.jwk --alg "$alg" '{"rt":"jwk"}'
    expect_rc 0 "sign $alg with an oct JWK"
    token="$OUT"
    run "$JOT" verify --key k.jwk "$token"
    expect_rc 0 "verify $alg with an oct JWK"
    return
  fi
  for format in pem jwk; do
    run "$JOT" keygen --alg "$alg" --format "$format" --out "k.$format"
    expect_rc 0 "keygen $alg $format"
    run "$JOT" sign --key "k.$format" --alg "$alg" --now "$NOW" --exp 1h '{"rt":"'"$alg"'"}'
    expect_rc 0 "sign $alg ($format key)"
    expect_no_err "sign $alg"
    local token="$OUT"
    is_token "$token" || fail "$alg token shape"
    run "$JOT" decode "$token"
    expect_out_has "\"alg\": \"$alg\"" "$alg in the header"
    run "$JOT" verify --key "k.$format.pub" --alg "$alg" --now "$NOW" "$token"
    expect_rc 0 "verify $alg ($format public key)"
    expect_out_has "\"rt\":\"$alg\"" "payload $alg"
    run "$JOT" verify --key "k.$format.pub" --now "$NOW" "$token"
    expect_rc 0 "verify $alg with the key's default algorithms"
    run "$JOT" verify --key "k.$format.pub" --now "$NOW" "$(tamper "$token")"
    expect_rc 1 "tampered $alg"
    expect_err_first_line "jot: invalid signature" "tampered $alg message"
    run "$JOT" verify --key "k.$format.pub" --now "$NOW" "$(flip_signature "$token")"
    expect_rc 1 "$alg signature changed"
    run "$JOT" verify --key "k.$format.pub" --now $((NOW + 7200)) "$token"
    expect_rc 1 "expired $alg"
    expect_err_first_line "jot: jwt expired" "expired $alg message"
  done
  # A fresh key of the same type does not verify the token.
  run "$JOT" keygen --alg "$alg" --out other.pem
  run "$JOT" sign --key k.pem --alg "$alg" '{}'
  local token="$OUT"
  run "$JOT" verify --key other.pem.pub --alg "$alg" "$token"
  expect_rc 1 "$alg token with another key"
  # A secret cannot verify an asymmetric token.
  run "$JOT" verify --secret "$SECRET$SECRET" "$token"
  expect_rc 1 "$alg token with an HMAC secret"
}

case_key_formats() {
  "$JOT" keygen --alg ES256 --out es.pem
  run "$JOT" sign --key es.pem --now "$NOW" '{"fmt":1}'
  expect_rc 0 "sign with a PEM private key"
  local token="$OUT"
  pem_to_der es.pem.pub es.pub.der
  pem_to_der es.pem es.der
  run "$JOT" verify --key es.pub.der --now "$NOW" "$token"
  expect_rc 0 "verify with a DER public key"
  run "$JOT" sign --key es.der --now "$NOW" '{"fmt":2}'
  expect_rc 0 "sign with a DER private key"
  run "$JOT" verify --key es.pem.pub --now "$NOW" "$OUT"
  expect_rc 0 "DER-signed token verifies with the PEM"
  "$JOT" jwk --public es.pem >es.pub.jwk
  run "$JOT" verify --key es.pub.jwk --now "$NOW" "$token"
  expect_rc 0 "verify with a JWK"
  "$JOT" jwk --public --to jwks es.pem >es.jwks
  run "$JOT" verify --key es.jwks --now "$NOW" "$token"
  expect_rc 0 "verify with a JWK Set"
  # A private key verifies too (its public half is used).
  run "$JOT" verify --key es.pem --now "$NOW" "$token"
  expect_rc 0 "verify with the private PEM"
  # Leading/trailing whitespace around PEM and JWK text is fine.
  { echo; cat es.pem.pub; echo; } >es-ws.pem
  run "$JOT" verify --key es-ws.pem --now "$NOW" "$token"
  expect_rc 0 "PEM with surrounding blank lines"
  echo "not a key" >junk.txt
  run "$JOT" verify --key junk.txt "$token"
  expect_rc 2 "junk key file"
  expect_err_has "junk.txt" "junk key file named"
  run "$JOT" sign --key es.pem.pub '{}'
  expect_rc 2 "signing with a public key"
  # Encrypted PKCS#8, when the openssl tool is at hand to make one.
  if command -v openssl >/dev/null 2>&1; then
    openssl pkcs8 -topk8 -in es.pem -out es-enc.pem -passout pass:s3cret -v2 aes-256-cbc 2>/dev/null
    run "$JOT" sign --key es-enc.pem --passphrase s3cret '{}'
    expect_rc 0 "encrypted PKCS#8 with --passphrase"
    run "$JOT" verify --key es.pem.pub "$OUT"
    expect_rc 0 "token from the encrypted key"
    run "$JOT" sign --key es-enc.pem --passphrase wrong '{}'
    expect_rc 2 "wrong passphrase"
    # A 1024-bit RSA key needs the explicit opt-in.
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa1024.pem 2>/dev/null
    run "$JOT" sign --key rsa1024.pem '{}'
    expect_rc 2 "small RSA refused"
    run "$JOT" sign --key rsa1024.pem --allow-insecure-key '{}'
    expect_rc 0 "--allow-insecure-key"
  fi
}

case_jwks() {
  "$JOT" keygen --alg ES256 --format jwk --kid a --out a.jwk
  "$JOT" keygen --alg ES256 --format jwk --kid b --out b.jwk
  printf '{"keys":[%s,%s]}' "$(cat a.jwk.pub)" "$(cat b.jwk.pub)" >pub.jwks
  printf '{"keys":[%s,%s]}' "$(cat a.jwk)" "$(cat b.jwk)" >priv.jwks
  run "$JOT" sign --key priv.jwks '{}'
  expect_rc 2 "a JWK Set of two keys needs --kid to sign"
  expect_err_has "--kid" "--kid hint"
  run "$JOT" sign --key priv.jwks --kid b '{"who":"b"}'
  expect_rc 0 "sign with the key --kid chooses"
  local token="$OUT"
  run "$JOT" decode "$token"
  expect_out_has '"kid": "b"' "the kid is in the header"
  run "$JOT" verify --key pub.jwks "$token"
  expect_rc 0 "verify picks the key by kid"
  expect_out_has '"who":"b"' "JWKS payload"
  run "$JOT" sign --key priv.jwks --kid c '{}'
  expect_rc 2 "unknown kid"
  printf '{"keys":[%s]}' "$(cat a.jwk.pub)" >only-a.jwks
  run "$JOT" verify --key only-a.jwks "$token"
  expect_rc 1 "no key for the token's kid"
}

case_jwk_convert() {
  "$JOT" keygen --alg RS256 --out rsa.pem
  run "$JOT" jwk rsa.pem.pub
  expect_rc 0 "PEM → JWK"
  expect_out_has '"kty":"RSA"' "RSA JWK"
  [[ "$OUT" != *'"d"'* ]] || fail "a public PEM gives a public JWK"
  printf '%s\n' "$OUT" >rsa.pub.jwk
  run "$JOT" jwk rsa.pub.jwk
  expect_rc 0 "JWK → PEM"
  [ "$OUT" = "$(cat rsa.pem.pub)" ] || fail "PEM → JWK → PEM is the identity"
  run "$JOT" jwk rsa.pem
  expect_out_has '"d":' "a private PEM gives a private JWK"
  printf '%s\n' "$OUT" >rsa.jwk
  run "$JOT" jwk rsa.jwk
  [ "$OUT" = "$(cat rsa.pem)" ] || fail "private PEM → JWK → PEM is the identity"
  run "$JOT" jwk --public rsa.jwk
  [ "$OUT" = "$(cat rsa.pem.pub)" ] || fail "--public → public PEM"
  run "$JOT" jwk --to jwks --public --kid r1 rsa.pem
  expect_rc 0 "--to jwks"
  expect_out_has '{"keys":[{' "JWKS shape"
  expect_out_has '"kid":"r1"' "--kid"
  [[ "$OUT" != *'"d"'* ]] || fail "--public JWKS has no private members"
  printf '%s\n' "$OUT" >r.jwks
  run "$JOT" jwk r.jwks
  expect_rc 0 "JWKS → PEM"
  [ "$OUT" = "$(cat rsa.pem.pub)" ] || fail "JWKS → PEM"
  pem_to_der rsa.pem.pub rsa.pub.der
  run "$JOT" jwk rsa.pub.der
  expect_rc 0 "DER → JWK"
  [ "$OUT" = "$(cat rsa.pub.jwk)" ] || fail "DER and PEM give the same JWK"
  "$JOT" keygen --alg HS256 --format jwk --out hs.jwk
  run "$JOT" jwk --to pem hs.jwk
  expect_rc 2 "a secret has no PEM"
  run "$JOT" jwk junk-does-not-exist
  expect_rc 2 "missing input file"
}

case_thumbprint() {
  if ! have_node; then
    echo "SKIP: node is needed to read the RFC 7638 vectors"
    return
  fi
  vector rfc7638.json 0 'JSON.stringify(v.key_jwk)' >rfc7638.jwk
  run "$JOT" jwk --thumbprint rfc7638.jwk
  expect_rc 0 "thumbprint"
  expect_out "$(vector rfc7638.json 0 'v.expect.jwk_thumbprint_sha256')" "RFC 7638 §3.1 thumbprint"
  vector rfc7638.json 1 'JSON.stringify(v.key_jwk)' >rfc8037.jwk
  run "$JOT" jwk --thumbprint rfc8037.jwk
  expect_out "$(vector rfc7638.json 1 'v.expect.jwk_thumbprint_sha256')" "RFC 8037 A.3 thumbprint"
  # The thumbprint depends on the key only, not on the format it came in.
  "$JOT" jwk rfc7638.jwk >rfc7638.pem
  run "$JOT" jwk --thumbprint rfc7638.pem
  expect_out "$(vector rfc7638.json 0 'v.expect.jwk_thumbprint_sha256')" "thumbprint from PEM"
}

case_jwks_url() {
  if ! have_node; then
    echo "SKIP: node is needed for the JWKS test server"
    return
  fi
  "$JOT" keygen --alg ES256 --out idp.pem 2>/dev/null
  "$JOT" jwk --public --kid k1 --to jwks idp.pem >jwks.json
  local token port
  token="$("$JOT" sign --key idp.pem --kid k1 --iss https://idp.example/ '{"sub":"alice"}')"
  # A JWKS endpoint on a free loopback port: /jwks.json is the set, anything else 404. It
  # stops by itself after a minute, or when this case ends.
  node -e 'const http = require("http"), fs = require("fs");
    const server = http.createServer((req, res) => {
      if (req.url !== "/jwks.json") { res.writeHead(404); res.end(); return; }
      res.writeHead(200, {"content-type": "application/json"});
      res.end(fs.readFileSync(process.argv[1]));
    });
    server.listen(0, "127.0.0.1", () => console.log(server.address().port));
    setTimeout(() => process.exit(0), 60000);' jwks.json >port.txt 2>node.err &
  local node_pid=$!
  # Expanded now: the EXIT trap runs after this function's locals are gone.
  trap "kill $node_pid 2>/dev/null; rm -rf '$WORK'" EXIT
  for _ in $(seq 50); do
    [ -s port.txt ] && break
    sleep 0.1
  done
  port="$(cat port.txt)"
  [ -n "$port" ] || { fail "the test JWKS server did not start: $(cat node.err)"; return; }
  local url="http://127.0.0.1:$port/jwks.json"

  run "$JOT" verify --jwks-url "$url" --jwks-insecure-http --iss https://idp.example/ "$token"
  expect_rc 0 "token verified with the key from --jwks-url"
  expect_out_has '"sub":"alice"' "payload of the verified token"
  run "$JOT" verify --jwks-url "$url" --jwks-insecure-http "$(tamper "$token")"
  expect_rc 1 "tampered token rejected"
  local other
  other="$("$JOT" sign --key idp.pem --kid k2 '{}')"
  run "$JOT" verify --jwks-url "$url" --jwks-insecure-http "$other"
  expect_rc 1 "a kid the set does not have is a rejection"
  expect_err_has 'no key in the set has kid "k2"' "unknown kid named"
  # Fetch failures and option errors judge no token: exit 2.
  run "$JOT" verify --jwks-url "http://127.0.0.1:$port/missing.json" --jwks-insecure-http "$token"
  expect_rc 2 "a JWKS URL answering 404"
  expect_err_has "HTTP status 404, expected 200" "the status is named"
  run "$JOT" verify --jwks-url "$url" "$token"
  expect_rc 2 "http:// without --jwks-insecure-http"
  expect_err_has "--jwks-insecure-http" "the opt-in is named"
  run "$JOT" verify --jwks-url "$url" --jwks-insecure-http --key idp.pem "$token"
  expect_rc 2 "--jwks-url together with --key"
  expect_err_has "give either --jwks-url" "the conflict is named"
  run "$JOT" verify --jwks-ca-file ca.pem --key idp.pem "$token"
  expect_rc 2 "--jwks-ca-file without --jwks-url"

  kill "$node_pid" 2>/dev/null
  wait "$node_pid" 2>/dev/null
}

case_rfc_vectors() {
  if ! have_node; then
    echo "SKIP: node is needed to read the RFC vectors"
    return
  fi
  # RFC 7515 A.1 (HS256), A.2 (RS256), A.3 (ES256): JWT payloads, exp 1300819380.
  for i in 0 1 2; do
    vector rfc7515.json "$i" 'JSON.stringify(v.public_jwk)' >key.jwk
    local token alg
    token="$(vector rfc7515.json "$i" 'v.token')"
    alg="$(vector rfc7515.json "$i" 'v.alg')"
    run "$JOT" verify --key key.jwk --now 1300819000 "$token"
    expect_rc 0 "RFC 7515 $alg vector"
    expect_out_has '"iss":"joe"' "RFC 7515 $alg payload"
    run "$JOT" verify --key key.jwk "$token"
    expect_rc 1 "RFC 7515 $alg vector is expired today"
    expect_err_first_line "jot: jwt expired" "RFC 7515 $alg expired"
    run "$JOT" verify --key key.jwk --now 1300819000 "$(tamper "$token")"
    expect_rc 1 "RFC 7515 $alg vector tampered"
  done
  # A.5: alg none is never accepted.
  run "$JOT" verify --secret "$SECRET" --now 1300819000 "$(vector rfc7515.json 4 'v.token')"
  expect_rc 1 "RFC 7515 A.5 (alg none) is rejected"
}

# ---- JWE: jot encrypt / jot decrypt ------------------------------------------------------

# encrypt_decrypt KEYARGS_ENCRYPT KEYARGS_DECRYPT ALG ENC: bytes with a NUL, a trailing
# newline and a non-UTF-8 byte cross unchanged; every segment changed is refused.
jwe_roundtrip() {
  local enc_key="$1" dec_key="$2" alg="$3" enc="$4"
  printf 'pay\0load \xff %s/%s\n' "$alg" "$enc" >plain.bin
  # shellcheck disable=SC2086
  "$JOT" encrypt $enc_key --alg "$alg" --enc "$enc" - <plain.bin >token.txt 2>"$WORK/.err"
  RC=$?
  expect_rc 0 "encrypt $alg/$enc"
  local token
  token="$(cat token.txt)"
  is_jwe "$token" || fail "$alg/$enc: encrypt prints one compact JWE"
  [ "$(wc -l <token.txt)" = 1 ] || fail "$alg/$enc: one line"
  # shellcheck disable=SC2086
  "$JOT" decrypt $dec_key --alg "$alg" --enc "$enc" "$token" >out.bin 2>"$WORK/.err"
  RC=$?
  expect_rc 0 "decrypt $alg/$enc"
  cmp -s plain.bin out.bin || fail "$alg/$enc: the plaintext bytes come back exactly"
  for segment in 0 1 2 3 4; do
    [ "$segment" = 1 ] && [[ "$alg" == dir || "$alg" == ECDH-ES ]] && continue
    # shellcheck disable=SC2086
    run "$JOT" decrypt $dec_key --alg "$alg" "$(flip_segment "$token" "$segment")"
    expect_rc 1 "$alg/$enc: segment $segment changed"
    expect_no_out "$alg/$enc: segment $segment changed"
  done
  # shellcheck disable=SC2086
  run "$JOT" decrypt $dec_key --alg "$alg" "$(flip_segment "$token" 4)"
  expect_err_first_line "jot: decryption failed" "$alg/$enc: a changed tag is 'decryption failed'"
}

case_jwe_secrets() {
  for alg in A128KW A192KW A256KW A128GCMKW A192GCMKW A256GCMKW; do
    run "$JOT" keygen --alg "$alg" --out "$alg.key"
    expect_rc 0 "keygen $alg"
    local size=$(( $(printf '%s' "$(cat "$alg.key")" | wc -c) ))
    [ "$size" = "$(( ${alg:1:3} * 4 / 24 + (${alg:1:3} % 24 ? 1 : 0) ))" ] ||
      fail "$alg secret is ${alg:1:3} bits (base64url length $size)"
    local k="--secret-base64url $(cat "$alg.key")"
    for enc in A128GCM A256CBC-HS512; do jwe_roundtrip "$k" "$k" "$alg" "$enc"; done
    run "$JOT" keygen --alg "$alg" --format jwk --out "$alg.jwk"
    jwe_roundtrip "--key $alg.jwk" "--key $alg.jwk" "$alg" A192GCM
  done
  for enc in A128GCM A192GCM A256GCM A128CBC-HS256 A192CBC-HS384 A256CBC-HS512; do
    run "$JOT" keygen --alg dir --enc "$enc" --out "dir-$enc.key"
    expect_rc 0 "keygen dir --enc $enc"
    jwe_roundtrip "--secret-base64url $(cat "dir-$enc.key")" \
      "--secret-base64url $(cat "dir-$enc.key")" dir "$enc"
  done
  # A key of the wrong size for the algorithm, or another key: refused.
  run "$JOT" encrypt --secret-base64url "$(cat A128KW.key)" --alg A256KW --enc A256GCM x
  expect_rc 2 "a 16-byte secret cannot encrypt A256KW"
  run "$JOT" encrypt --secret-base64url "$(cat A256KW.key)" --alg A256KW --enc A256GCM hello
  local token="$OUT"
  run "$JOT" decrypt --secret-base64url "$(cat A256GCMKW.key)" --alg A256KW "$token"
  expect_rc 1 "another 32-byte secret does not decrypt"
  expect_err_first_line "jot: decryption failed" "wrong key message"
  expect_no_out "wrong key"
  run "$JOT" decrypt --secret-base64url "$(cat A256KW.key)" "$token"
  expect_rc 0 "without --alg: the algorithms the key can decrypt with"
  expect_out "hello" "default algorithms"
  run "$JOT" decrypt --secret-base64url "$(cat A256KW.key)" --alg A256GCMKW "$token"
  expect_rc 1 "alg not in --alg"
  expect_err_first_line "jot: invalid algorithm" "disallowed alg message"
  run "$JOT" decrypt --secret-base64url "$(cat A256KW.key)" --alg A256KW --enc A128GCM \
    --enc A256CBC-HS512 "$token"
  expect_rc 1 "enc not in --enc"
  expect_err_first_line "jot: invalid content encryption" "disallowed enc message"
  # A JWK bound to A256KW does nothing else.
  printf '{"kty":"oct","alg":"A256KW","k":"%s"}' "$(cat A256KW.key)" >bound.jwk
  run "$JOT" decrypt --key bound.jwk --alg A256KW "$token"
  expect_rc 0 "a key bound to A256KW decrypts A256KW"
  run "$JOT" encrypt --key bound.jwk --alg A256GCMKW --enc A256GCM x
  expect_rc 2 "a key bound to A256KW does not encrypt A256GCMKW"
  expect_err_has "A256KW" "binding named"
  printf '{"kty":"oct","use":"sig","k":"%s"}' "$(cat A256KW.key)" >sig.jwk
  run "$JOT" decrypt --key sig.jwk --alg A256KW "$token"
  expect_rc 1 "a use:sig key never decrypts"
  expect_no_out "use:sig"
}

# keygen → encrypt with the public key → decrypt with the private key, PEM and JWK.
case_jwe_asymmetric() {
  for format in pem jwk; do
    run "$JOT" keygen --alg RSA-OAEP-256 --format "$format" --out "rsa.$format"
    expect_rc 0 "keygen RSA-OAEP-256 $format"
    for alg in RSA-OAEP RSA-OAEP-256 RSA-OAEP-384 RSA-OAEP-512; do
      jwe_roundtrip "--key rsa.$format.pub" "--key rsa.$format" "$alg" A256GCM
    done
    for curve in P-256 P-384 P-521 X25519 X448; do
      run "$JOT" keygen --alg ECDH-ES --curve "$curve" --format "$format" --out "ec-$curve.$format"
      expect_rc 0 "keygen ECDH-ES --curve $curve $format"
    done
  done
  for curve in P-256 P-384 P-521 X25519 X448; do
    jwe_roundtrip "--key ec-$curve.pem.pub" "--key ec-$curve.pem" ECDH-ES A128CBC-HS256
    jwe_roundtrip "--key ec-$curve.jwk.pub" "--key ec-$curve.jwk" ECDH-ES+A256KW A256GCM
  done
  for alg in ECDH-ES+A128KW ECDH-ES+A192KW; do
    jwe_roundtrip "--key ec-P-256.pem.pub" "--key ec-P-256.pem" "$alg" A192CBC-HS384
  done
  grep -q '"crv":"X25519"' ec-X25519.jwk.pub || fail "X25519 public JWK"
  grep -q '"d"' ec-X25519.jwk.pub && fail "public X25519 JWK has no d"
  # The public half cannot decrypt; another key of the same curve cannot either.
  run "$JOT" encrypt --key ec-X25519.pem.pub --alg ECDH-ES --enc A256GCM hi
  local token="$OUT"
  run "$JOT" decrypt --key ec-X25519.pem.pub --alg ECDH-ES "$token"
  expect_rc 1 "a public key does not decrypt"
  expect_no_out "public key decrypt"
  run "$JOT" decrypt --key ec-X448.pem --alg ECDH-ES "$token"
  expect_rc 1 "an X448 key does not decrypt for X25519"
  run "$JOT" keygen --alg ECDH-ES --curve X25519 --out other.pem
  run "$JOT" decrypt --key other.pem --alg ECDH-ES "$token"
  expect_rc 1 "another X25519 key"
  expect_err_first_line "jot: decryption failed" "another X25519 key message"
  # A signature key is not an encryption key, and the reverse.
  run "$JOT" keygen --alg ES256 --out es.pem
  run "$JOT" encrypt --key es.pem.pub --alg ECDH-ES --enc A256GCM hi
  expect_rc 0 "an EC P-256 key from keygen ES256 still agrees keys (no use/alg in PEM)"
  run "$JOT" sign --key ec-X25519.pem '{}'
  expect_rc 2 "an X25519 key cannot sign"
  # A JWK Set of recipients: --kid chooses on encrypt; decrypt selects by the header kid.
  "$JOT" jwk --kid a ec-P-256.pem >a.jwk
  "$JOT" jwk --kid b ec-P-384.pem >b.jwk
  printf '{"keys":[%s,%s]}' "$(cat a.jwk)" "$(cat b.jwk)" >priv.jwks
  "$JOT" jwk --public --to jwks priv.jwks >pub.jwks
  run "$JOT" encrypt --key pub.jwks --alg ECDH-ES+A128KW --enc A128GCM hi
  expect_rc 2 "two recipients need --kid"
  expect_err_has "--kid" "--kid hint"
  run "$JOT" encrypt --key pub.jwks --kid b --alg ECDH-ES+A128KW --enc A128GCM to-b
  expect_rc 0 "encrypt for the key --kid chooses"
  token="$OUT"
  run "$JOT" decrypt --key priv.jwks "$token"
  expect_rc 0 "decrypt picks the key by kid"
  expect_out "to-b" "JWKS plaintext"
}

case_jwe_password() {
  printf 'correct horse battery staple' >pw.txt
  jwe_roundtrip "--password-file pw.txt" "--password-file pw.txt" PBES2-HS256+A128KW A128CBC-HS256
  jwe_roundtrip "--password-file pw.txt" "--password-file pw.txt" PBES2-HS384+A192KW A192GCM
  jwe_roundtrip "--password-file pw.txt" "--password-file pw.txt" PBES2-HS512+A256KW A256CBC-HS512
  run "$JOT" encrypt --password 'correct horse battery staple' --alg PBES2-HS256+A128KW \
    --enc A128GCM 'by password'
  expect_rc 0 "--password"
  local token="$OUT"
  run "$JOT" decrypt --password-file pw.txt "$token"
  expect_rc 0 "--password and --password-file are the same bytes"
  expect_out "by password" "password plaintext"
  printf 'correct horse battery staple\n' >pw-nl.txt
  run "$JOT" decrypt --password-file pw-nl.txt "$token"
  expect_rc 1 "a trailing newline is part of the password"
  run "$JOT" decrypt --password 'wrong' --alg PBES2-HS256+A128KW "$token"
  expect_rc 1 "wrong password"
  expect_err_first_line "jot: decryption failed" "wrong password message"
  run "$JOT" encrypt --password pw --alg A128KW --enc A128GCM x
  expect_rc 2 "a password is for PBES2 only"
  run "$JOT" encrypt --password '' --alg PBES2-HS256+A128KW --enc A128GCM x
  expect_rc 2 "empty password"
  run "$JOT" encrypt --password pw --secret "$SECRET" --alg PBES2-HS256+A128KW --enc A128GCM x
  expect_rc 2 "a password and a secret together"
  # p2c above the decrypt cap is refused before any work; the cap can be raised.
  run "$JOT" encrypt --password pw --pbes2-count 20000 --alg PBES2-HS256+A128KW --enc A128GCM hi
  expect_rc 0 "--pbes2-count 20000"
  token="$OUT"
  run "$JOT" decrypt --password pw "$token"
  expect_rc 1 "p2c above the default cap of 10000"
  expect_no_out "p2c cap"
  run "$JOT" decrypt --password pw --max-pbes2-count 20000 "$token"
  expect_rc 0 "--max-pbes2-count raises the cap"
  expect_out "hi" "raised cap plaintext"
  run "$JOT" decrypt --password pw --max-pbes2-count 2000000 "$token"
  expect_rc 2 "--max-pbes2-count above jot's hard maximum"
  run "$JOT" encrypt --password pw --pbes2-count 10 --alg PBES2-HS256+A128KW --enc A128GCM hi
  expect_rc 2 "--pbes2-count under 1000"
}

case_jwe_usage() {
  run "$JOT" keygen --alg A128KW --out kw.key
  local k="--secret-base64url $(cat kw.key)"
  # shellcheck disable=SC2086
  run "$JOT" encrypt $k --alg A128KW x
  expect_rc 2 "encrypt without --enc"
  # shellcheck disable=SC2086
  run "$JOT" encrypt $k --alg A999KW --enc A128GCM x
  expect_rc 2 "unknown alg"
  expect_err_has "A999KW" "unknown alg named"
  # shellcheck disable=SC2086
  run "$JOT" encrypt $k --alg A128KW --enc A128CBC x
  expect_rc 2 "unknown enc"
  expect_err_has "A128CBC" "unknown enc named"
  run "$JOT" encrypt --alg A128KW --enc A128GCM x
  expect_rc 2 "encrypt without a key"
  expect_err_has "--password" "the key sources include the password"
  run "$JOT" decrypt a.b.c.d.e
  expect_rc 2 "decrypt without a key"
  # shellcheck disable=SC2086
  run "$JOT" decrypt $k --alg HS256 a.b.c.d.e
  expect_rc 2 "a JWS algorithm is not a JWE algorithm"
  # shellcheck disable=SC2086
  run "$JOT" encrypt $k --alg A128KW --enc A128GCM --header '{"enc":"A256GCM"}' x
  expect_rc 2 "--header cannot set enc"
  # shellcheck disable=SC2086
  run "$JOT" encrypt $k --alg A128KW --enc A128GCM --kid k7 --cty text/plain --typ x+jwe \
    --header '{"x-n":1}' 'abc'
  expect_rc 0 "header options"
  local token="$OUT" header
  header="$(printf '%s' "${token%%.*}" | tr -- '-_' '+/' | base64 -d 2>/dev/null)"
  for member in '"alg":"A128KW"' '"enc":"A128GCM"' '"kid":"k7"' '"cty":"text/plain"' \
    '"typ":"x+jwe"' '"x-n":1'; do
    [[ "$header" == *"$member"* ]] || fail "the protected header has $member: $header"
  done
  # shellcheck disable=SC2086
  run_in "$token"$'\n' "$JOT" decrypt $k
  expect_rc 0 "token from stdin, trailing newline"
  expect_out "abc" "stdin token plaintext"
  # Exactly the bytes: no newline is added when stdout is not a terminal.
  # shellcheck disable=SC2086
  "$JOT" decrypt $k "$token" >plain.out
  [ "$(od -An -c plain.out | tr -d ' \n')" = abc ] || fail "no newline added: $(od -c plain.out)"
  # A plaintext from stdin is taken byte for byte, a trailing newline included.
  # shellcheck disable=SC2086
  token="$(printf 'line\n' | "$JOT" encrypt $k --alg A128KW --enc A128GCM -)"
  # shellcheck disable=SC2086
  "$JOT" decrypt $k "$token" >plain.out
  [ "$(wc -c <plain.out)" = 5 ] || fail "stdin plaintext keeps its newline"
  # Crossing JWS and JWE.
  run "$JOT" sign --secret "$SECRET" '{"a":1}'
  local jws="$OUT"
  # shellcheck disable=SC2086
  run "$JOT" decrypt $k "$jws"
  expect_rc 1 "a JWS given to decrypt"
  expect_err_has "JWS" "decrypt says it is a JWS"
  expect_err_has "verify" "decrypt points to verify"
  run "$JOT" verify --secret "$SECRET" "$token"
  expect_rc 1 "a JWE given to verify"
  expect_err_has "JWE" "verify says it is a JWE"
  expect_err_has "jot decrypt" "verify points to decrypt"
  expect_no_out "JWE to verify"
  # shellcheck disable=SC2086
  run "$JOT" decrypt $k "garbage"
  expect_rc 1 "malformed JWE"
  # shellcheck disable=SC2086
  run "$JOT" decrypt $k "e30.AA.AA.AA.AA"
  expect_rc 1 "a header without alg"
  expect_no_out "header without alg"
  # RSA1_5 only with its opt-in, on both sides.
  run "$JOT" keygen --alg RSA-OAEP --out rsa.pem
  run "$JOT" encrypt --key rsa.pem.pub --alg RSA1_5 --enc A128CBC-HS256 x
  expect_rc 2 "RSA1_5 encrypt without the opt-in"
  expect_err_has "Bleichenbacher" "the danger is named"
  expect_err_has "--allow-insecure-rsa1_5" "the opt-in is named"
  run "$JOT" encrypt --key rsa.pem.pub --alg RSA1_5 --enc A128CBC-HS256 --allow-insecure-rsa1_5 \
    legacy
  expect_rc 0 "RSA1_5 encrypt with the opt-in"
  token="$OUT"
  run "$JOT" decrypt --key rsa.pem "$token"
  expect_rc 1 "RSA1_5 is not among the default algorithms"
  run "$JOT" decrypt --key rsa.pem --alg RSA1_5 "$token"
  expect_rc 2 "--alg RSA1_5 without the opt-in"
  expect_err_has "--allow-insecure-rsa1_5" "the decrypt opt-in is named"
  run "$JOT" decrypt --key rsa.pem --alg RSA-OAEP --allow-insecure-rsa1_5 "$token"
  expect_rc 2 "the opt-in without --alg RSA1_5"
  run "$JOT" decrypt --key rsa.pem --alg RSA1_5 --allow-insecure-rsa1_5 "$token"
  expect_rc 0 "RSA1_5 decrypt with the opt-in"
  expect_out "legacy" "RSA1_5 plaintext"
  # keygen's JWE options.
  run "$JOT" keygen --alg dir
  expect_rc 2 "keygen dir without --enc"
  run "$JOT" keygen --alg A128KW --enc A128GCM
  expect_rc 2 "--enc with a non-dir algorithm"
  run "$JOT" keygen --alg ECDH-ES --curve secp256k1
  expect_rc 2 "ECDH-ES on secp256k1"
  run "$JOT" keygen --alg A128KW --curve P-256
  expect_rc 2 "--curve with A128KW"
  run "$JOT" keygen --alg A128KW --bits 4096
  expect_rc 2 "--bits with A128KW"
  run "$JOT" keygen --alg RSA-OAEP-512 --bits 3072 --format jwk
  expect_rc 0 "keygen RSA-OAEP-512 --bits 3072"
  run "$JOT" keygen --alg PBES2-HS512+A256KW
  expect_rc 0 "keygen PBES2"
  [ "$(printf '%s' "$OUT" | wc -c)" = 43 ] || fail "PBES2 keygen: 32 random bytes"
}

# RFC 7519 §11.2: sign, then encrypt with cty JWT; decrypt, then verify.
case_jwe_nested() {
  "$JOT" keygen --alg ES256 --out issuer.pem
  "$JOT" keygen --alg RSA-OAEP-256 --out recipient.pem
  local jws token
  jws="$("$JOT" sign --key issuer.pem --now "$NOW" --exp 1h '{"sub":"alice"}')"
  run_in "$jws" "$JOT" encrypt --key recipient.pem.pub --alg RSA-OAEP-256 --enc A256GCM --cty JWT -
  expect_rc 0 "encrypt a JWS"
  token="$OUT"
  "$JOT" decrypt --key recipient.pem --alg RSA-OAEP-256 "$token" >inner.jws
  [ "$(cat inner.jws)" = "$jws" ] || fail "decrypt gives back the JWS"
  run_in "$(cat inner.jws)" "$JOT" verify --key issuer.pem.pub --now "$NOW" -
  expect_rc 0 "the inner JWT verifies"
  expect_out_has '"sub":"alice"' "nested claims"
}

# `jot jwk` for the encryption key types: X25519/X448 PEM ⇄ JWK, thumbprints, oct secrets.
case_jwe_jwk() {
  for curve in X25519 X448; do
    "$JOT" keygen --alg ECDH-ES --curve "$curve" --out "$curve.pem"
    run "$JOT" jwk "$curve.pem.pub"
    expect_rc 0 "$curve PEM → JWK"
    expect_out_has '"kty":"OKP"' "$curve JWK kty"
    expect_out_has "\"crv\":\"$curve\"" "$curve JWK crv"
    printf '%s\n' "$OUT" >"$curve.pub.jwk"
    run "$JOT" jwk "$curve.pub.jwk"
    [ "$OUT" = "$(cat "$curve.pem.pub")" ] || fail "$curve PEM → JWK → PEM is the identity"
    run "$JOT" jwk "$curve.pem"
    printf '%s\n' "$OUT" >"$curve.jwk"
    run "$JOT" jwk "$curve.jwk"
    [ "$OUT" = "$(cat "$curve.pem")" ] || fail "$curve private PEM → JWK → PEM"
    run "$JOT" jwk --thumbprint "$curve.pem"
    local thumb="$OUT"
    run "$JOT" jwk --thumbprint "$curve.pub.jwk"
    expect_out "$thumb" "$curve thumbprint is the same from PEM and JWK"
  done
  "$JOT" keygen --alg A192KW --format jwk --out kw.jwk
  run "$JOT" jwk --to jwk kw.jwk
  expect_rc 0 "oct JWK"
  expect_out_has '"kty":"oct"' "an AES key stays an oct JWK"
  run "$JOT" jwk --to pem kw.jwk
  expect_rc 2 "an AES key has no PEM"
  expect_err_has 'an HMAC or AES key) has no PEM form' "the message fits an AES key"
  if have_node; then
    # RFC 8037 A.6 / cookbook keys convert as well: the cookbook's ECDH key.
    cookbook 5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json \
      'JSON.stringify(v.input.key)' >cb-ec.jwk
    run "$JOT" jwk --public cb-ec.jwk
    expect_rc 0 "the cookbook's EC key (use enc) converts"
  fi
}

# RFC 7520 §5 (the JOSE cookbook), compact forms: decrypted by the CLI with the example's
# key; RSA1_5 and zip refused by default.
case_jwe_cookbook() {
  if ! have_node; then
    echo "SKIP: node is needed to read the cookbook vectors"
    return
  fi
  local f
  for f in 5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json \
    5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json \
    5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json \
    5_6.direct_encryption_using_aes-gcm.json \
    5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json \
    5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json \
    5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json \
    5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json; do
    local alg token keyargs extra=()
    alg="$(cookbook "$f" 'v.input.alg')"
    token="$(cookbook "$f" 'v.output.compact')"
    cookbook "$f" 'v.input.plaintext' >want.txt
    if [[ "$alg" == PBES2* ]]; then
      cookbook "$f" 'v.input.pwd' >pw.txt
      keyargs=(--password-file pw.txt)
    else
      cookbook "$f" 'JSON.stringify(v.input.key)' >key.jwk
      keyargs=(--key key.jwk)
    fi
    if [ "$alg" = RSA1_5 ]; then
      run "$JOT" decrypt "${keyargs[@]}" "$token"
      expect_rc 1 "$f: RSA1_5 refused by default"
      extra=(--alg RSA1_5 --allow-insecure-rsa1_5)
    fi
    "$JOT" decrypt "${keyargs[@]}" "${extra[@]}" "$token" >got.txt 2>"$WORK/.err"
    RC=$?
    ERR="$(cat "$WORK/.err")"
    expect_rc 0 "$f: decrypts"
    cmp -s want.txt got.txt || fail "$f: the cookbook's plaintext"
  done
  f=5_9.compressed_content.json
  cookbook "$f" 'JSON.stringify(v.input.key)' >key.jwk
  run "$JOT" decrypt --key key.jwk "$(cookbook "$f" 'v.output.compact')"
  expect_rc 1 "zip refused"
  expect_err_has "zip" "zip named"
}

# ---- main --------------------------------------------------------------------------------

if [ ! -x "$JOT" ]; then
  echo "no jot binary at $JOT"
  exit 2
fi
case "$CASE" in
  roundtrip_*) roundtrip "${CASE#roundtrip_}" ;;
  *)
    if ! declare -F "case_$CASE" >/dev/null; then
      echo "unknown case $CASE"
      exit 2
    fi
    "case_$CASE"
    ;;
esac
if [ "$FAILS" -ne 0 ]; then
  echo "$CASE: $FAILS check(s) failed"
  exit 1
fi
echo "$CASE: ok"
