#include "keys/eddsa.hpp"

#include <openssl/err.h>

#include <cstddef>

#include "keys/ossl.hpp"

namespace jot::detail {
namespace {

constexpr std::size_t kMaxSignature = 114;

std::size_t signature_size(const KeyData& key) noexcept {
  if (key.type != KeyType::kOkp || !key.pkey) return 0;
  if (key.curve == Curve::kEd25519) return 64;
  if (key.curve == Curve::kEd448) return 114;
  return 0;
}

// One context per thread, reset and re-initialised per operation: EdDSA signs the whole
// message in one shot, so there is no digest to prepare (the md argument is NULL).
thread_local const MdCtxPtr t_ctx(EVP_MD_CTX_new());

}  // namespace

Result<void> eddsa_sign(const KeyData& key, std::string_view input, std::string& out) {
  const std::size_t expected = signature_size(key);
  if (expected == 0 || !key.has_private) {
    return Error(Errc::kKeyMismatch, "EdDSA needs an Ed25519 or Ed448 private key");
  }
  EVP_MD_CTX* ctx = t_ctx.get();
  unsigned char signature[kMaxSignature];
  std::size_t length = sizeof signature;
  if (ctx == nullptr || EVP_MD_CTX_reset(ctx) != 1 ||
      EVP_DigestSignInit_ex(ctx, nullptr, nullptr, nullptr, nullptr, key.pkey.get(), nullptr) !=
          1 ||
      EVP_DigestSign(ctx, signature, &length, reinterpret_cast<const unsigned char*>(input.data()),
                     input.size()) != 1 ||
      length != expected) {
    return Error(Errc::kInternal, "EdDSA signing failed: " + ossl_error_text());
  }
  out.append(reinterpret_cast<const char*>(signature), length);
  return {};
}

bool eddsa_verify(const KeyData& key, std::string_view input, std::string_view signature) noexcept {
  const std::size_t expected = signature_size(key);
  if (expected == 0 || signature.size() != expected) return false;
  EVP_MD_CTX* ctx = t_ctx.get();
  const bool ok =
      ctx != nullptr && EVP_MD_CTX_reset(ctx) == 1 &&
      EVP_DigestVerifyInit_ex(ctx, nullptr, nullptr, nullptr, nullptr, key.pkey.get(), nullptr) ==
          1 &&
      EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                       input.size()) == 1;
  if (!ok) ERR_clear_error();
  return ok;
}

}  // namespace jot::detail
