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
  for sub in sign verify decode keygen jwk; do
    expect_out_has "$sub" "jot --help lists $sub"
  done
  for sub in sign verify decode keygen jwk; do
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
