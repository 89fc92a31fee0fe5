// cpp-jwt (header-only C++) on the operations jot is measured on: HS256, RS256, ES256 sign
// and verify of the seed payload with the same keys, verifying jot's own tokens. cpp-jwt
// takes keys as PEM text (no parsed-key object), so it parses the PEM on every call.
// Compiled only into jot_bench_peers; never part of jot.

#include <jwt/jwt.hpp>
#include <system_error>

#include "peers_common.hpp"
#include "peers_registry.hpp"

namespace jot::bench {
namespace {

// ---- cpp-jwt (header-only C++) --------------------------------------------------------------

void cppjwt_sign(benchmark::State& state, std::string label) {
  const AlgCase* c = nullptr;
  const TokenFixture* fixture = nullptr;
  if (!prepare(state, label, c, fixture)) return;
  const std::string& key = sign_material(*c);
  const std::int64_t iat = now_seconds();
  for (auto _ : state) {
    jwt::jwt_object obj{jwt::params::algorithm(label), jwt::params::secret(key)};
    obj.add_claim("userId", 123).add_claim("iat", iat).add_claim("exp", iat + 86400);
    std::error_code ec;
    std::string token = obj.signature(ec);
    if (ec) {
      state.SkipWithError(("cpp-jwt sign failed: " + ec.message()).c_str());
      break;
    }
    benchmark::DoNotOptimize(token);
  }
}

void cppjwt_verify(benchmark::State& state, std::string label, PayloadKind kind) {
  const AlgCase* c = nullptr;
  const TokenFixture* fixture = nullptr;
  if (!prepare(state, label, c, fixture, kind)) return;
  const std::string& key = verify_material(*c);
  for (auto _ : state) {
    std::error_code ec;
    // Verifies the signature, the algorithm and exp (and aud and iss, which the 1 KB
    // payload carries, as jot does).
    auto obj = kind == PayloadKind::kSeed
                   ? jwt::decode(fixture->token, jwt::params::algorithms({label}), ec,
                                 jwt::params::secret(key), jwt::params::verify(true))
                   : jwt::decode(fixture->token, jwt::params::algorithms({label}), ec,
                                 jwt::params::secret(key), jwt::params::verify(true),
                                 jwt::params::aud("https://api.example.com"),
                                 jwt::params::issuer("https://issuer.example.com"));
    if (ec) {
      state.SkipWithError(("cpp-jwt verify failed: " + ec.message()).c_str());
      break;
    }
    benchmark::DoNotOptimize(obj);
  }
}

}  // namespace

void register_cppjwt_benchmarks() {
  for (const char* label : {"HS256", "RS256", "ES256"}) {
    const std::string base = std::string(label) + "/";
    benchmark::RegisterBenchmark((base + "sign/seed/cpp-jwt").c_str(), cppjwt_sign, label);
    benchmark::RegisterBenchmark((base + "verify/seed/cpp-jwt").c_str(), cppjwt_verify, label,
                                 PayloadKind::kSeed);
  }
  benchmark::RegisterBenchmark("HS256/verify/1KB/cpp-jwt", cppjwt_verify, "HS256",
                               PayloadKind::kLarge);
}

}  // namespace jot::bench
