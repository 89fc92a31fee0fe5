// libjwt (C API) on the operations jot is measured on: HS256, RS256, ES256 sign and
// verify of the seed payload with the same keys, verifying jot's own tokens. libjwt takes
// keys as PEM text on every call (no parsed-key object), so it parses the PEM each time.
// Compiled only into jot_bench_peers; never part of jot.

#include <jwt.h>

#include <cstdlib>
#include <cstring>

#include "peers_common.hpp"
#include "peers_registry.hpp"

namespace jot::bench {
namespace {

jwt_alg_t libjwt_alg(Algorithm alg) {
  switch (alg) {
    case Algorithm::kHS256:
      return JWT_ALG_HS256;
    case Algorithm::kRS256:
      return JWT_ALG_RS256;
    default:
      return JWT_ALG_ES256;
  }
}

// ---- libjwt (C API) -----------------------------------------------------------------------

void libjwt_sign(benchmark::State& state, std::string label) {
  const AlgCase* c = nullptr;
  const TokenFixture* fixture = nullptr;
  if (!prepare(state, label, c, fixture)) return;
  const std::string& key = sign_material(*c);
  const std::string& json = payload(PayloadKind::kSeed);
  for (auto _ : state) {
    jwt_t* jwt = nullptr;
    char* token = nullptr;
    if (jwt_new(&jwt) == 0 &&
        jwt_set_alg(jwt, libjwt_alg(c->alg), reinterpret_cast<const unsigned char*>(key.data()),
                    static_cast<int>(key.size())) == 0 &&
        jwt_add_grants_json(jwt, json.c_str()) == 0) {
      token = jwt_encode_str(jwt);
    }
    jwt_free(jwt);
    if (token == nullptr) {
      state.SkipWithError("libjwt sign failed");
      break;
    }
    benchmark::DoNotOptimize(token);
    std::free(token);  // libjwt allocates with malloc unless jwt_set_alloc is used
  }
}

void libjwt_verify(benchmark::State& state, std::string label, PayloadKind kind) {
  const AlgCase* c = nullptr;
  const TokenFixture* fixture = nullptr;
  if (!prepare(state, label, c, fixture, kind)) return;
  const std::string& key = verify_material(*c);
  for (auto _ : state) {
    jwt_t* jwt = nullptr;
    const int rc =
        jwt_decode(&jwt, fixture->token.c_str(), reinterpret_cast<const unsigned char*>(key.data()),
                   static_cast<int>(key.size()));
    // libjwt checks only the signature in jwt_decode; expiry (and aud and iss, which the
    // 1 KB payload carries) are the caller's job, as jot does them.
    bool ok = rc == 0 && jwt_get_alg(jwt) == libjwt_alg(c->alg) &&
              jwt_get_grant_int(jwt, "exp") > now_seconds();
    if (ok && kind == PayloadKind::kLarge) {
      const char* aud = jwt_get_grant(jwt, "aud");
      const char* iss = jwt_get_grant(jwt, "iss");
      ok = aud != nullptr && iss != nullptr && std::strcmp(aud, "https://api.example.com") == 0 &&
           std::strcmp(iss, "https://issuer.example.com") == 0;
    }
    jwt_free(jwt);
    if (!ok) {
      state.SkipWithError("libjwt verify failed");
      break;
    }
  }
}

}  // namespace

void register_libjwt_benchmarks() {
  for (const char* label : {"HS256", "RS256", "ES256"}) {
    const std::string base = std::string(label) + "/";
    benchmark::RegisterBenchmark((base + "sign/seed/libjwt").c_str(), libjwt_sign, label);
    benchmark::RegisterBenchmark((base + "verify/seed/libjwt").c_str(), libjwt_verify, label,
                                 PayloadKind::kSeed);
  }
  benchmark::RegisterBenchmark("HS256/verify/1KB/libjwt", libjwt_verify, "HS256",
                               PayloadKind::kLarge);
}

}  // namespace jot::bench
