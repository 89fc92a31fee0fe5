#include "keys/hmac.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/params.h>

#include <cstdint>

#include "keys/ctx_cache.hpp"
#include "keys/digests.hpp"

namespace jot::detail {
namespace {

// The HMAC implementation, fetched once per process and never freed (see digests.cpp).
EVP_MAC* hmac_mac() noexcept {
  static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  return mac;
}

// Pre-keyed contexts of this thread. Keying HMAC hashes the padded key twice; re-initialising
// a keyed context with EVP_MAC_init(ctx, nullptr, 0, nullptr) reuses that work.
thread_local CtxCache<EVP_MAC_CTX, EVP_MAC_CTX_free> t_mac_cache;

// A new context keyed with the secret for `alg`'s hash, or nullptr.
EVP_MAC_CTX* new_keyed_ctx(Algorithm alg, const KeyData& key) noexcept {
  EVP_MAC* mac = hmac_mac();
  const char* digest = digest_name(alg);
  if (mac == nullptr || digest == nullptr) return nullptr;
  MacCtxPtr ctx(EVP_MAC_CTX_new(mac));
  if (!ctx) return nullptr;
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest), 0),
      OSSL_PARAM_construct_end()};
  // A zero-length secret still needs a non-null pointer: a null key means "reuse the key".
  static const unsigned char kEmpty = 0;
  const auto* secret =
      key.secret.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(key.secret.data());
  if (EVP_MAC_init(ctx.get(), secret, key.secret.size(), params) != 1) return nullptr;
  return ctx.release();
}

// Computes the tag into `tag` (EVP_MAX_MD_SIZE bytes); returns its length, 0 on failure.
std::size_t compute_tag(Algorithm alg, const KeyData& key, std::string_view input,
                        unsigned char* tag) noexcept {
  if (key.type != KeyType::kSecret) return 0;
  const auto cache_tag = static_cast<std::uint32_t>(alg);
  EVP_MAC_CTX* ctx = t_mac_cache.find(key.id, cache_tag);
  if (ctx != nullptr) {
    if (EVP_MAC_init(ctx, nullptr, 0, nullptr) != 1) {
      t_mac_cache.erase(key.id, cache_tag);
      return 0;
    }
  } else {
    ctx = new_keyed_ctx(alg, key);
    if (ctx == nullptr) return 0;
    t_mac_cache.insert(key.id, cache_tag, ctx);
  }
  std::size_t length = 0;
  if (EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(input.data()), input.size()) !=
          1 ||
      EVP_MAC_final(ctx, tag, &length, EVP_MAX_MD_SIZE) != 1) {
    // Unknown state: drop it rather than reuse it.
    t_mac_cache.erase(key.id, cache_tag);
    return 0;
  }
  return length;
}

}  // namespace

Result<void> hmac_sign(Algorithm alg, const KeyData& key, std::string_view input,
                       std::string& out) {
  unsigned char tag[EVP_MAX_MD_SIZE];
  const std::size_t length = compute_tag(alg, key, input, tag);
  if (length == 0 || length != digest_size(alg)) {
    const bool wrong_key = key.type != KeyType::kSecret;
    OPENSSL_cleanse(tag, sizeof tag);
    if (wrong_key) return Error(Errc::kKeyMismatch, "HMAC algorithms need a secret key");
    return Error(Errc::kInternal, "HMAC computation failed: " + ossl_error_text());
  }
  out.append(reinterpret_cast<const char*>(tag), length);
  return {};
}

bool hmac_verify(Algorithm alg, const KeyData& key, std::string_view input,
                 std::string_view tag) noexcept {
  // Only the full-length tag is a JWS signature (RFC 7518 §3.2): truncated tags are refused
  // before any work, and the length itself is public.
  const std::size_t expected_size = digest_size(alg);
  if (expected_size == 0 || tag.size() != expected_size) return false;
  unsigned char computed[EVP_MAX_MD_SIZE];
  const std::size_t length = compute_tag(alg, key, input, computed);
  const bool ok =
      length == expected_size && CRYPTO_memcmp(computed, tag.data(), expected_size) == 0;
  if (length == 0) ERR_clear_error();
  return ok;
}

}  // namespace jot::detail
