#pragma once

// The immutable material behind jot::Key. Created once by the parsers in this layer and
// never modified afterwards, so it may be read from any number of threads.

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "jot/key.hpp"
#include "keys/ossl.hpp"

namespace jot::detail {

struct KeyData {
  KeyType type = KeyType::kSecret;
  Curve curve = Curve::kNone;
  bool has_private = false;
  int bits = 0;  // RSA modulus bits, curve field bits, or secret bits

  std::string secret;  // kSecret only; wiped on destruction
  PkeyPtr pkey;        // asymmetric keys: the parsed key (private or public)

  std::string kid;
  std::optional<Algorithm> bound_alg;  // from JWK "alg", or Key::with_algorithm
  bool bound_by_caller = false;        // bound_alg came from Key::with_algorithm
  // RSA-PSS keys with restricted parameters: the only hash they may be used with.
  std::optional<Algorithm> pss_alg;

  // JWK "use" / "key_ops" (RFC 7517 §4.2-4.3): a key published for another purpose is
  // refused for that purpose by Key::check_sign / check_verify.
  bool use_not_sig = false;        // "use" present and not "sig"
  bool ops_forbid_sign = false;    // "key_ops" present without "sign"
  bool ops_forbid_verify = false;  // "key_ops" present without "verify"

  // Policy opt-ins captured at construction (KeyOptions).
  bool allow_weak_secret = false;
  bool allow_small_rsa = false;

  // Unique per KeyData for the life of the process: lets per-thread caches (e.g. pre-keyed
  // HMAC contexts) recognise a key without holding on to it or comparing addresses that
  // may be reused.
  std::uint64_t id = next_id();

  KeyData() = default;
  KeyData(const KeyData&) = delete;
  KeyData& operator=(const KeyData&) = delete;
  ~KeyData();

  static std::uint64_t next_id() noexcept {
    static std::atomic<std::uint64_t> counter{1};
    return counter.fetch_add(1, std::memory_order_relaxed);
  }
};

}  // namespace jot::detail
