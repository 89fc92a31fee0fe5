// The token parser and verify, with one fresh key of every family (HMAC with each hash
// size, RSA, RSA-PSS, P-256/384/521, secp256k1, Ed25519, Ed448): arbitrary text must never
// crash, hang, or be accepted, whichever entry point is used (jws::verify, jwt try_verify
// with a key, a key set, a resolver, every algorithm allowed, or the unsecured form without
// its opt-in). Accepting would mean forging a signature without the key.
#include <cstdint>
#include <jot/jws.hpp>
#include <jot/jwt.hpp>
#include <string_view>
#include <vector>

#include "fuzz_keyring.hpp"
#include "fuzz_support.hpp"

using jot::fuzz::require;

namespace {

jot::VerifyOptions lax_claims() {
  jot::VerifyOptions options;
  options.ignore_expiration = true;
  options.ignore_not_before = true;
  options.allow_unexpected_audience = true;
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view token = jot::fuzz::as_text(data, size);
  const auto& keys = jot::fuzz::every_family_keys();
  static const jot::KeySet set(keys);
  static const jot::VerifyOptions options = lax_claims();
  static const jot::VerifyOptions every_alg = [] {
    auto o = lax_claims();
    const auto all = jot::all_algorithms();
    o.algorithms.assign(all.begin(), all.end());  // kNone included, but not its opt-in
    return o;
  }();

  for (const auto& key : keys) {
    require(!jot::try_verify(token, key, options), "try_verify(key) accepted a forgery");
    require(!jot::try_verify(token, key, every_alg), "try_verify(all algs) accepted a forgery");
    require(!jot::jws::verify(token, key), "jws::verify accepted a forgery");
  }
  require(!jot::try_verify(token, set, options), "try_verify(KeySet) accepted a forgery");
  const jot::KeyResolver by_alg = [&](const jot::JsonObject& header) -> jot::Result<jot::Key> {
    auto alg = jot::algorithm_from_string(header.get_string("alg").value_or(""));
    if (!alg) return jot::Error(jot::Errc::kNoMatchingKey, "no key");
    for (const auto& key : keys) {
      if (key.check_verify(*alg)) return key;
    }
    return jot::Error(jot::Errc::kNoMatchingKey, "no key");
  };
  require(!jot::try_verify(token, by_alg, every_alg), "try_verify(resolver) accepted a forgery");
  require(!jot::try_verify_unsecured(token, every_alg), "unsecured accepted without opt-in");
  return 0;
}
