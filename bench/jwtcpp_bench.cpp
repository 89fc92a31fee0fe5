// jwt-cpp (header-only C++, picojson) on the operations jot is measured on: HS256, RS256,
// ES256 sign and verify of the seed payload, HS256 verify of the 1 KB payload and of every
// issuer shape, verifying jot's own tokens with the same keys. jwt-cpp's algorithm objects
// hold a parsed key and its verifier is built once, so each call pays only for the token:
// decode (base64url, picojson) then verify (signature, exp, and aud/iss where jot checks
// them). Its headers come from ../shared/peers/jwt-cpp, on this target's include path only;
// never part of jot.

#include <jwt-cpp/jwt.h>

#include <system_error>

#include "peers_common.hpp"
#include "peers_registry.hpp"

namespace jot::bench {
namespace {

using Claim = jwt::basic_claim<jwt::traits::kazuho_picojson>;

template <typename Algo>
void jwtcpp_sign(benchmark::State& state, const std::string& label, const Algo& algo) {
  const AlgCase* c = nullptr;
  const TokenFixture* fixture = nullptr;
  if (!prepare(state, label, c, fixture)) return;
  const auto iat = std::chrono::system_clock::from_time_t(static_cast<std::time_t>(now_seconds()));
  for (auto _ : state) {
    std::error_code ec;
    std::string token = jwt::create()
                            .set_type("JWT")
                            .set_payload_claim("userId", Claim(picojson::value(123.0)))
                            .set_issued_at(iat)
                            .set_expires_at(iat + std::chrono::hours(24))
                            .sign(algo, ec);
    if (ec) {
      state.SkipWithError(("jwt-cpp sign failed: " + ec.message()).c_str());
      break;
    }
    benchmark::DoNotOptimize(token);
  }
}

template <typename Algo>
void jwtcpp_verify(benchmark::State& state, const std::string& label, PayloadKind kind,
                   const Algo& algo) {
  const AlgCase* c = nullptr;
  const TokenFixture* fixture = nullptr;
  if (!prepare(state, label, c, fixture, kind)) return;
  // What jot is asked to check: the algorithm, exp (by default), and aud/iss for the payloads
  // that carry them.
  auto verifier = jwt::verify().allow_algorithm(algo);
  const ExpectedClaims expected = expected_claims(kind);
  if (!expected.issuer.empty()) verifier.with_issuer(expected.issuer);
  if (!expected.audience.empty()) verifier.with_audience(expected.audience);
  for (auto _ : state) {
    std::error_code ec;
    try {
      const auto decoded = jwt::decode(fixture->token);
      verifier.verify(decoded, ec);
      benchmark::DoNotOptimize(decoded);
    } catch (const std::exception& e) {
      state.SkipWithError((std::string("jwt-cpp decode failed: ") + e.what()).c_str());
      break;
    }
    if (ec) {
      state.SkipWithError(("jwt-cpp verify failed: " + ec.message()).c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}

void register_hs256(const AlgCase& c) {
  const jwt::algorithm::hs256 algo(c.secret);
  benchmark::RegisterBenchmark("HS256/sign/seed/jwt-cpp", [algo](benchmark::State& state) {
    jwtcpp_sign(state, "HS256", algo);
  });
  std::vector<PayloadKind> kinds = {PayloadKind::kSeed};
  kinds.insert(kinds.end(), verified_payloads().begin(), verified_payloads().end());
  for (const PayloadKind kind : kinds) {
    benchmark::RegisterBenchmark(
        (std::string("HS256/verify/") + to_string(kind) + "/jwt-cpp").c_str(),
        [algo, kind](benchmark::State& state) { jwtcpp_verify(state, "HS256", kind, algo); });
  }
}

template <typename Algo>
void register_asymmetric(const AlgCase& c) {
  const Algo sign_algo("", c.private_pem, "", "");
  const Algo verify_algo(c.public_pem, "", "", "");
  const std::string base = c.label + "/";
  benchmark::RegisterBenchmark((base + "sign/seed/jwt-cpp").c_str(),
                               [sign_algo, label = c.label](benchmark::State& state) {
                                 jwtcpp_sign(state, label, sign_algo);
                               });
  benchmark::RegisterBenchmark((base + "verify/seed/jwt-cpp").c_str(),
                               [verify_algo, label = c.label](benchmark::State& state) {
                                 jwtcpp_verify(state, label, PayloadKind::kSeed, verify_algo);
                               });
}

}  // namespace

void register_jwtcpp_benchmarks() {
  if (const AlgCase* c = find_case("HS256")) register_hs256(*c);
  if (const AlgCase* c = find_case("RS256")) register_asymmetric<jwt::algorithm::rs256>(*c);
  if (const AlgCase* c = find_case("ES256")) register_asymmetric<jwt::algorithm::es256>(*c);
}

}  // namespace jot::bench
