#!/usr/bin/env bash
# Regenerates the structured seed corpora of fuzz/corpus/ with the jot CLI and the openssl
# command line: keys of every type in every encoding jot reads, real tokens for every
# algorithm, sign/verify inputs, HTTP requests for the server. Fresh random keys each run
# (no test vectors are copied). Usage: fuzz/make_seeds.sh [path/to/jot] [jwe]
# (with "jwe", only the fuzz_jwe corpus is regenerated).
set -euo pipefail
jot="${1:-$(dirname "$0")/../build/release/cli/jot}"
[ -x "$jot" ] || { echo "make_seeds: no jot binary at $jot (build the release preset)" >&2; exit 2; }
jot="$(cd "$(dirname "$jot")" && pwd)/$(basename "$jot")"
cd "$(dirname "$0")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# ---- JWE: compact tokens for every key-management family and each content encryption ----
jwe_seeds() {
  local e=corpus/fuzz_jwe
  mkdir -p "$e"
  "$jot" keygen --alg RSA-OAEP-256 --out "$tmp/rsa.pem"
  for curve in P-256 P-384 P-521 X25519 X448; do
    "$jot" keygen --alg ECDH-ES --curve $curve --out "$tmp/ecdh_$curve.pem"
  done
  local plain='{"sub":"alice","n":[1,2.5,null]}'
  seal() {  # seal NAME KEYARGS... -- ALG ENC [EXTRA...]
    local name="$1"
    shift
    "$jot" encrypt "$@" "$plain" | tr -d '\n' >"$e/$name"
  }
  for enc in A128GCM A192GCM A256GCM A128CBC-HS256 A192CBC-HS384 A256CBC-HS512; do
    seal "dir_$enc" --secret-base64url "$("$jot" keygen --alg dir --enc $enc)" --alg dir --enc $enc
  done
  seal A128KW --secret-base64url "$("$jot" keygen --alg A128KW)" --alg A128KW --enc A128CBC-HS256
  seal A256KW --secret-base64url "$("$jot" keygen --alg A256KW)" --alg A256KW --enc A256GCM \
    --kid k1 --cty JWT
  seal A192GCMKW --secret-base64url "$("$jot" keygen --alg A192GCMKW)" --alg A192GCMKW --enc A192GCM
  for alg in RSA-OAEP RSA-OAEP-256 RSA-OAEP-512; do
    seal "$alg" --key "$tmp/rsa.pem.pub" --alg $alg --enc A256GCM
  done
  seal RSA1_5 --key "$tmp/rsa.pem.pub" --alg RSA1_5 --enc A128CBC-HS256 --allow-insecure-rsa1_5
  seal ECDH-ES_P-256 --key "$tmp/ecdh_P-256.pem.pub" --alg ECDH-ES --enc A128GCM
  seal ECDH-ES+A128KW_P-384 --key "$tmp/ecdh_P-384.pem.pub" --alg ECDH-ES+A128KW --enc A256GCM
  seal ECDH-ES+A256KW_P-521 --key "$tmp/ecdh_P-521.pem.pub" --alg ECDH-ES+A256KW --enc A256CBC-HS512
  seal ECDH-ES_X25519 --key "$tmp/ecdh_X25519.pem.pub" --alg ECDH-ES --enc A256GCM
  seal ECDH-ES+A192KW_X448 --key "$tmp/ecdh_X448.pem.pub" --alg ECDH-ES+A192KW --enc A192GCM
  seal PBES2 --password "fuzz password" --alg PBES2-HS256+A128KW --enc A128GCM --pbes2-count 1000
  seal PBES2_HS512 --password "fuzz password" --alg PBES2-HS512+A256KW --enc A256GCM --pbes2-count 1000
  b64() { printf '%s' "$1" | basenc --base64url | tr -d '=\n'; }
  printf '%s.%s.%s.%s.%s' "$(b64 '{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2c":99999999,"p2s":"AAAAAAAAAAA"}')" \
    AAAA AAAAAAAAAAAAAAAA AAAA AAAAAAAAAAAAAAAAAAAAAA >"$e/p2c_huge"
  printf '%s.%s.%s.%s.%s' "$(b64 '{"alg":"ECDH-ES","enc":"A128GCM","epk":{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}}')" \
    "" AAAAAAAAAAAAAAAA AAAA AAAAAAAAAAAAAAAAAAAAAA >"$e/epk_bad"
  printf '%s.%s.%s.%s.%s' "$(b64 '{"alg":"dir","enc":"A128GCM","zip":"DEF","crit":["x"]}')" \
    "" AAAAAAAAAAAAAAAA AAAA AAAAAAAAAAAAAAAAAAAAAA >"$e/zip_crit"
}
if [ "${2:-}" = jwe ]; then
  jwe_seeds
  echo "make_seeds: fuzz_jwe done"
  exit 0
fi

mkdir -p corpus/{fuzz_keys,fuzz_token,fuzz_verify,fuzz_sign_verify,fuzz_server,fuzz_http,fuzz_json}

# ---- keys: every type, PEM / DER / JWK / JWKS / encrypted / certificate ----
gen() { openssl genpkey "$@" 2>/dev/null; }
gen -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$tmp/rsa1024.pem"
gen -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp/rsa2048.pem"
gen -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out "$tmp/rsapss.pem"
gen -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_pss_keygen_md:sha256 \
  -pkeyopt rsa_pss_keygen_mgf1_md:sha256 -pkeyopt rsa_pss_keygen_saltlen:32 -out "$tmp/rsapss_sha256.pem"
for curve in P-256 P-384 P-521 secp256k1; do
  gen -algorithm EC -pkeyopt ec_paramgen_curve:$curve -pkeyopt ec_param_enc:named_curve -out "$tmp/ec_$curve.pem"
done
gen -algorithm ED25519 -out "$tmp/ed25519.pem"
gen -algorithm ED448 -out "$tmp/ed448.pem"
k=corpus/fuzz_keys
for key in "$tmp"/*.pem; do
  name="$(basename "$key" .pem)"
  cp "$key" "$k/$name.pkcs8.pem"
  openssl pkey -in "$key" -pubout -out "$k/$name.spki.pem"
  openssl pkey -in "$key" -outform DER -out "$k/$name.pkcs8.der"
  openssl pkey -in "$key" -pubout -outform DER -out "$k/$name.spki.der"
  "$jot" jwk --allow-insecure-key --kid "$name" "$key" >"$k/$name.jwk" || true
  "$jot" jwk --allow-insecure-key --public --kid "$name" "$key" >"$k/$name.pub.jwk" || true
done
openssl pkey -in "$tmp/rsa1024.pem" -traditional -out "$k/rsa1024.pkcs1.pem"
openssl rsa -in "$tmp/rsa1024.pem" -RSAPublicKey_out -out "$k/rsa1024.pkcs1_pub.pem" 2>/dev/null
openssl rsa -in "$tmp/rsa1024.pem" -RSAPublicKey_out -outform DER -out "$k/rsa1024.pkcs1_pub.der" 2>/dev/null
openssl pkey -in "$tmp/rsa1024.pem" -traditional -outform DER -out "$k/rsa1024.pkcs1.der"
openssl pkey -in "$tmp/ec_P-256.pem" -traditional -out "$k/ec_p256.sec1.pem"
openssl ecparam -name prime256v1 >"$k/ec_p256.sec1_params.pem" && cat "$k/ec_p256.sec1.pem" >>"$k/ec_p256.sec1_params.pem"
# Passphrase "fuzz" (what fuzz_keys passes); 1 PBKDF2 iteration keeps executions fast.
openssl pkcs8 -topk8 -in "$tmp/ec_P-256.pem" -v2 aes-128-cbc -iter 1 -passout pass:fuzz -out "$k/ec_p256.encrypted.pem"
openssl req -x509 -new -key "$tmp/ec_P-256.pem" -subj /CN=fuzz -days 1 -out "$k/ec_p256.cert.pem" 2>/dev/null
"$jot" keygen --alg HS256 --format jwk --kid oct >"$k/oct.jwk"
printf '{"kty":"oct","k":"c2VjcmV0","alg":"HS256"}' >"$k/oct_weak.jwk"
cat "$k"/*.pub.jwk | paste -sd, | sed 's/^/{"keys":[/; s/$/]}/' >"$k/set.jwks"
printf '{"keys":[{"kty":"unknown"},{"kty":"EC","use":"enc","crv":"P-256","x":"","y":""}]}' >"$k/skipped.jwks"

# ---- tokens: every algorithm, plus unsecured and structurally odd ones ----
t=corpus/fuzz_token
v=corpus/fuzz_verify
key_for() {
  case "$1" in
    HS*) echo "--secret-base64url $("$jot" keygen --alg "$1" | head -1)" ;;
    RS*) echo "--key $tmp/rsa2048.pem" ;;
    PS*) echo "--key $tmp/rsapss.pem" ;;
    ES256) echo "--key $tmp/ec_P-256.pem" ;;
    ES384) echo "--key $tmp/ec_P-384.pem" ;;
    ES512) echo "--key $tmp/ec_P-521.pem" ;;
    ES256K) echo "--key $tmp/ec_secp256k1.pem" ;;
  esac
}
for alg in HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 ES256K; do
  # shellcheck disable=SC2046
  "$jot" sign $(key_for $alg) --alg $alg --exp 1h --aud api --iss fuzz --sub alice --jti 1 \
    --kid "$alg" --header '{"cty":"JWT"}' --now 1700000000 '{"role":"admin","n":[1,2.5,null]}' \
    | tr -d '\n' >"$t/$alg"
  cp "$t/$alg" "$v/$alg"
done
for curve in ed25519 ed448; do
  "$jot" sign --key "$tmp/$curve.pem" --alg EdDSA --now 1700000000 '{"sub":"x"}' | tr -d '\n' >"$t/EdDSA_$curve"
  cp "$t/EdDSA_$curve" "$v/EdDSA_$curve"
done
b64() { printf '%s' "$1" | basenc --base64url | tr -d '=\n'; }
printf '%s.%s.' "$(b64 '{"alg":"none"}')" "$(b64 '{"sub":"x"}')" >"$t/none"
printf '%s.%s.%s' "$(b64 '{"alg":"HS256","crit":["exp"],"exp":1}')" "$(b64 '{}')" "AAAA" >"$t/crit"
printf '%s.%s.%s' "$(b64 '{"alg":"ES256","jwk":{"kty":"EC"}}')" "$(b64 '{"a":1,"a":2}')" "AAAA" >"$t/dup_jwk"
cp "$t"/none "$t"/crit "$t"/dup_jwk "$v"/

# ---- sign_verify: byte 0 = (key, alg) pair, byte 1 = position, header '\n' payload ----
s=corpus/fuzz_sign_verify
for i in 0 5 11 17 23 29 37; do
  printf "\\x$(printf %02x $i)\\x07"'{"kid":"k1","typ":"at+jwt"}\n{"sub":"alice","aud":["a","b"],"exp":1800000000,"x":{"y":[true,null]}}' >"$s/pair$i"
done
printf '\x03\x11{"iat":5,"nbf":1,"iss":"me"}' >"$s/claims"

# ---- server: raw HTTP/1.1 requests (@TOKEN@ becomes a valid token) ----
r=corpus/fuzz_server
printf 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n' >"$r/health"
printf 'GET /protected HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer @TOKEN@\r\n\r\n' >"$r/protected_ok"
printf 'GET /me?x=1 HTTP/1.1\r\nHost: x\r\nAuthorization: bearer @TOKEN@x\r\n\r\n' >"$r/me_bad"
printf 'GET /protected HTTP/1.1\r\nHost: x\r\nAuthorization: Basic YTpi\r\n\r\n' >"$r/basic"
printf 'GET /.well-known/jwks.json HTTP/1.1\r\nHost: x\r\n\r\nDELETE /health HTTP/1.0\r\n\r\n' >"$r/pipelined"
printf 'POST /protected HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello' >"$r/post"
printf 'GET /me HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nAuthorization: Bearer %s\r\n\r\n3\r\nabc\r\n0\r\n\r\n' \
  "$(cat "$t/ES256")" >"$r/chunked_foreign"

# ---- http: one connection's bytes; byte 0 odd = small limits, byte 1 = how they are split ----
h=corpus/fuzz_http
get='GET /health HTTP/1.1\r\nHost: x\r\n\r\n'
printf "\x00\x07$get$get"'POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}' >"$h/pipelined"
printf '\x01\x03POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;a=b\r\nabc\r\n0\r\nX-T: 1\r\n\r\n'"$get" >"$h/chunked_trailer"
printf '\x00\x11POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 3\r\n\r\nabc'"$get" >"$h/te_cl"
printf '\x01\x05POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n' >"$h/te_http10_overflow"
printf '\x00\x09GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\nContent-Length: 0, 0\r\n\r\n' >"$h/fold_cl_list"
printf '\x01\x21POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1;aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\nx\r\n0\r\n\r\n' >"$h/long_extension"
printf '\x00\x01GET / HTTP/1.1\nHost: x\n\n' >"$h/bare_lf"

# ---- JSON: headers and payloads of the tokens above ----
j=corpus/fuzz_json
for f in "$t"/HS256 "$t"/ES256K "$t"/dup_jwk; do
  cut -d. -f1 "$f" | basenc -d --base64url 2>/dev/null >"$j/$(basename "$f").header" || true
  cut -d. -f2 "$f" | basenc -d --base64url 2>/dev/null >"$j/$(basename "$f").payload" || true
done
cp "$k/set.jwks" "$j/jwks"
jwe_seeds
echo "make_seeds: done"
