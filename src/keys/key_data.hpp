#pragma once

// The immutable material behind jot::Key. Created once by the parsers in this layer and
// never modified afterwards, so it may be read from any number of threads.

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "jot/key.hpp"
#include "keys/ossl.hpp"

namespace jot::detail {

// The JWE operations of RFC 7517 §4.3 "key_ops", as bits.
enum KeyOps : std::uint8_t {
  kOpEncrypt = 1,
  kOpDecrypt = 2,
  kOpWrapKey = 4,
  kOpUnwrapKey = 8,
  kOpDeriveKey = 16,
  kOpDeriveBits = 32,
};
inline constexpr std::uint8_t kAllKeyOps = 63;

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
  // JWE: "use" present and not "enc"; the JWE algorithm a JWK "alg" binds the key to; the
  // JWE operations "key_ops" lists (KeyOps bits; all allowed when key_ops is absent).
  bool use_not_enc = false;
  std::optional<KeyManagement> bound_km;
  // A JWK "alg" naming a content encryption ("A128GCM"): a "dir" key for that one.
  std::optional<ContentEncryption> bound_enc;
  std::uint8_t jwe_ops = kAllKeyOps;
  // Made by Key::from_password: a PBES2 password, never an HMAC or AES key.
  bool password = false;

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

// The library's one way into a Key (its friend): reading the material, and making a Key
// from new material. Key's public interface has neither, so tools and users cannot reach
// past the checks that Key's calls make.
struct KeyAccess {
  static const KeyData& data(const Key& key) noexcept { return *key.data_; }
  static Key make(std::shared_ptr<const KeyData> data) noexcept { return Key(std::move(data)); }
};

inline const KeyData& key_data(const Key& key) noexcept {
  return KeyAccess::data(key);
}

}  // namespace jot::detail
