#pragma once

// Helpers shared by the peer benchmarks (libjwt_bench.cpp, cppjwt_bench.cpp). The two peers
// live in separate files because libjwt's `struct jwt` and cpp-jwt's `namespace jwt`
// cannot meet in one translation unit.

#include <benchmark/benchmark.h>

#include <chrono>
#include <string>

#include "fixtures.hpp"

namespace jot::bench {

inline std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The key a peer signs with: the secret, or the private key's PEM.
inline const std::string& sign_material(const AlgCase& c) {
  return family_of(c.alg) == AlgorithmFamily::kHmac ? c.secret : c.private_pem;
}
inline const std::string& verify_material(const AlgCase& c) {
  return family_of(c.alg) == AlgorithmFamily::kHmac ? c.secret : c.public_pem;
}

inline bool prepare(benchmark::State& state, const std::string& label, const AlgCase*& c,
                    const TokenFixture*& fixture, PayloadKind kind = PayloadKind::kSeed) {
  c = find_case(label);
  fixture = c == nullptr ? nullptr : &token_for(*c, kind);
  if (fixture == nullptr || fixture->token.empty()) {
    state.SkipWithError(fixture == nullptr ? "unknown case" : fixture->error.c_str());
    return false;
  }
  return true;
}

}  // namespace jot::bench
