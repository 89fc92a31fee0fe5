// The benchmarks of issue #6: jot sign/verify for every algorithm on two payloads, the
// OpenSSL floor on the same bytes, rejection paths, and verify on two threads sharing one
// key. Names are "<case>/<operation>/<payload>/<side>"; report.cpp builds the ratio tables
// from them.

#include <benchmark/benchmark.h>

#include <string>

#include "alloc_report.hpp"
#include "bench_registry.hpp"
#include "fixtures.hpp"
#include "floor.hpp"

namespace jot::bench {
namespace {

// Looks up the case and its token; false (and the benchmark is skipped) when jot cannot
// produce them yet.
bool prepare(benchmark::State& state, const std::string& label, PayloadKind kind, const AlgCase*& c,
             const TokenFixture*& fixture) {
  c = find_case(label);
  if (c == nullptr) {
    state.SkipWithError("unknown case");
    return false;
  }
  fixture = &token_for(*c, kind);
  if (fixture->token.empty()) {
    state.SkipWithError(fixture->error.c_str());
    return false;
  }
  return true;
}

std::string signing_input(const std::string& token) {
  return token.substr(0, token.rfind('.'));
}

void jot_sign(benchmark::State& state, std::string label, PayloadKind kind) {
  const AlgCase* c = nullptr;
  const TokenFixture* fixture = nullptr;
  if (!prepare(state, label, kind, c, fixture)) return;
  const std::string& json = payload(kind);
  const SignOptions options = sign_options(c->alg);
  const AllocCounts before = alloc_counts();
  for (auto _ : state) {
    auto token = try_sign(json, *c->sign_key, options);
    if (!token) {
      state.SkipWithError("jot sign failed");
      break;
    }
    benchmark::DoNotOptimize(token);
  }
  report_allocations(state, before);
}

void jot_verify(benchmark::State& state, std::string label, PayloadKind kind) {
  const AlgCase* c = nullptr;
  const TokenFixture* fixture = nullptr;
  if (!prepare(state, label, kind, c, fixture)) return;
  const VerifyOptions options = verify_options(c->alg, kind);
  const AllocCounts before = alloc_counts();
  for (auto _ : state) {
    auto verified = try_verify(fixture->token, *c->verify_key, options);
    if (!verified) {
      state.SkipWithError(verified.error().message().data());
      break;
    }
    benchmark::DoNotOptimize(verified);
  }
  report_allocations(state, before);
  state.SetItemsProcessed(state.iterations());
  state.counters["payload_bytes"] = static_cast<double>(payload(kind).size());
}

enum class Damage { kBadSignature, kMalformedPayload };

// A token an attacker might send: the signature's first character changed (still valid
// base64url, so the signature check itself fails), or a character that is not base64url in
// the payload segment.
std::string damaged(const std::string& token, Damage damage) {
  std::string t = token;
  if (damage == Damage::kBadSignature) {
    const std::size_t at = t.rfind('.') + 1;
    t[at] = t[at] == 'A' ? 'B' : 'A';
  } else {
    t[t.find('.') + 3] = '*';
  }
  return t;
}

void jot_reject(benchmark::State& state, std::string label, Damage damage, PayloadKind kind) {
  const AlgCase* c = nullptr;
  const TokenFixture* fixture = nullptr;
  if (!prepare(state, label, kind, c, fixture)) return;
  const std::string bad = damaged(fixture->token, damage);
  const VerifyOptions options = verify_options(c->alg, kind);
  const Errc expected =
      damage == Damage::kBadSignature ? Errc::kInvalidSignature : Errc::kMalformed;
  const AllocCounts before = alloc_counts();
  for (auto _ : state) {
    auto verified = try_verify(bad, *c->verify_key, options);
    if (verified || verified.error().code() != expected) {
      state.SkipWithError(verified ? "damaged token accepted" : "unexpected error code");
      break;
    }
    benchmark::DoNotOptimize(verified);
  }
  report_allocations(state, before);
}

void floor_sign(benchmark::State& state, std::string label, PayloadKind kind) {
  const AlgCase* c = nullptr;
  const TokenFixture* fixture = nullptr;
  if (!prepare(state, label, kind, c, fixture)) return;
  const std::string input = signing_input(fixture->token);
  auto floor = make_floor(*c);
  std::string signature;
  signature.reserve(1024);
  const AllocCounts before = alloc_counts();
  for (auto _ : state) {
    if (!floor->sign(input, signature)) {
      state.SkipWithError("floor sign failed");
      break;
    }
    benchmark::DoNotOptimize(signature);
  }
  report_allocations(state, before);
}

void floor_verify(benchmark::State& state, std::string label, PayloadKind kind) {
  const AlgCase* c = nullptr;
  const TokenFixture* fixture = nullptr;
  if (!prepare(state, label, kind, c, fixture)) return;
  const std::string input = signing_input(fixture->token);
  auto floor = make_floor(*c);  // one per thread: OpenSSL contexts are not shareable
  std::string signature;
  if (!floor->sign(input, signature)) {
    state.SkipWithError("floor sign failed");
    return;
  }
  const AllocCounts before = alloc_counts();
  for (auto _ : state) {
    if (!floor->verify(input, signature)) {
      state.SkipWithError("floor verify failed");
      break;
    }
  }
  report_allocations(state, before);
  state.SetItemsProcessed(state.iterations());
}

const char* const kLabels[] = {"HS256", "HS384", "HS512",  "RS256", "RS384",
                               "RS512", "PS256", "PS384",  "PS512", "ES256",
                               "ES384", "ES512", "ES256K", "EdDSA", "EdDSA-Ed448"};

}  // namespace

void register_benchmarks() {
  for (const PayloadKind kind : {PayloadKind::kSeed, PayloadKind::kLarge}) {
    for (const char* label : kLabels) {
      const std::string base = std::string(label) + "/";
      const std::string suffix = std::string("/") + to_string(kind);
      benchmark::RegisterBenchmark((base + "sign" + suffix + "/jot").c_str(), jot_sign, label,
                                   kind);
      benchmark::RegisterBenchmark((base + "sign" + suffix + "/floor").c_str(), floor_sign, label,
                                   kind);
      benchmark::RegisterBenchmark((base + "verify" + suffix + "/jot").c_str(), jot_verify, label,
                                   kind);
      benchmark::RegisterBenchmark((base + "verify" + suffix + "/floor").c_str(), floor_verify,
                                   label, kind);
    }
  }
  // Rejections against acceptance: attackers choose the failing path.
  for (const char* label : {"HS256", "RS256", "ES256", "EdDSA"}) {
    const std::string base = std::string(label) + "/";
    benchmark::RegisterBenchmark((base + "reject_bad_signature/seed/jot").c_str(), jot_reject,
                                 label, Damage::kBadSignature, PayloadKind::kSeed);
    benchmark::RegisterBenchmark((base + "reject_malformed/seed/jot").c_str(), jot_reject, label,
                                 Damage::kMalformedPayload, PayloadKind::kSeed);
  }
  // Issuers' shapes (HS256, where jot's own work shows most): verify against the floor on
  // the same bytes, and the rejection of a bad signature against acceptance.
  for (const PayloadKind kind : shape_payloads()) {
    const std::string shape = to_string(kind);
    benchmark::RegisterBenchmark(("HS256/verify/" + shape + "/jot").c_str(), jot_verify, "HS256",
                                 kind);
    benchmark::RegisterBenchmark(("HS256/verify/" + shape + "/floor").c_str(), floor_verify,
                                 "HS256", kind);
    benchmark::RegisterBenchmark(("HS256/reject_bad_signature/" + shape + "/jot").c_str(),
                                 jot_reject, "HS256", Damage::kBadSignature, kind);
  }
  // Two threads sharing one Key object, against one thread; the floor (one context per
  // thread) shows how much the machine itself scales.
  for (const char* label : {"HS256", "ES256"}) {
    const std::string base = std::string(label) + "/verify_mt/seed/";
    benchmark::RegisterBenchmark((base + "jot").c_str(), jot_verify, label, PayloadKind::kSeed)
        ->Threads(1)
        ->Threads(2)
        ->UseRealTime();
    benchmark::RegisterBenchmark((base + "floor").c_str(), floor_verify, label, PayloadKind::kSeed)
        ->Threads(1)
        ->Threads(2)
        ->UseRealTime();
  }
}

void register_peer_rows() {
  // The jot and floor rows of bench/compare.sh's tables, registered in jot_bench_peers too so
  // that they run interleaved with the peers in one process (ratios within one run).
  for (const char* label : {"HS256", "RS256", "ES256"}) {
    const std::string base = std::string(label) + "/";
    for (const char* side : {"jot", "floor"}) {
      const bool jot = std::string(side) == "jot";
      benchmark::RegisterBenchmark((base + "sign/seed/" + side).c_str(),
                                   jot ? jot_sign : floor_sign, label, PayloadKind::kSeed);
      benchmark::RegisterBenchmark((base + "verify/seed/" + side).c_str(),
                                   jot ? jot_verify : floor_verify, label, PayloadKind::kSeed);
    }
  }
  for (const PayloadKind kind : verified_payloads()) {
    const std::string name = std::string("HS256/verify/") + to_string(kind) + "/";
    benchmark::RegisterBenchmark((name + "jot").c_str(), jot_verify, "HS256", kind);
    benchmark::RegisterBenchmark((name + "floor").c_str(), floor_verify, "HS256", kind);
  }
}

}  // namespace jot::bench
