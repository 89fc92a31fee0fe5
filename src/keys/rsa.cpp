#include "keys/rsa.hpp"

#include <openssl/err.h>
#include <openssl/rsa.h>

#include "keys/pkey_ctx.hpp"

namespace jot::detail {
namespace {

bool is_pss(Algorithm alg) noexcept {
  return alg == Algorithm::kPS256 || alg == Algorithm::kPS384 || alg == Algorithm::kPS512;
}

bool is_pkcs1(Algorithm alg) noexcept {
  return alg == Algorithm::kRS256 || alg == Algorithm::kRS384 || alg == Algorithm::kRS512;
}

// RS* needs a plain RSA key; PS* also accepts an RSA-PSS key (whose own restrictions
// OpenSSL enforces when the context is configured).
bool key_fits(Algorithm alg, const KeyData& key) noexcept {
  if (!key.pkey) return false;
  if (is_pkcs1(alg)) return key.type == KeyType::kRsa;
  if (is_pss(alg)) return key.type == KeyType::kRsa || key.type == KeyType::kRsaPss;
  return false;
}

bool configure_rsa(EVP_PKEY_CTX* ctx, Algorithm alg, const EVP_MD* md) noexcept {
  if (!is_pss(alg)) {
    return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) > 0 &&
           EVP_PKEY_CTX_set_signature_md(ctx, md) > 0;
  }
  // RFC 7518 §3.5: MGF1 with the signature's hash, salt length = hash length. The explicit
  // salt length also makes verification demand exactly that length (no auto-detection).
  return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) > 0 &&
         EVP_PKEY_CTX_set_signature_md(ctx, md) > 0 && EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md) > 0 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, EVP_MD_get_size(md)) > 0;
}

}  // namespace

Result<void> rsa_sign(Algorithm alg, const KeyData& key, std::string_view input, std::string& out) {
  if (!key_fits(alg, key) || !key.has_private) {
    return Error(Errc::kKeyMismatch, "RSA algorithms need an RSA private key");
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  const std::size_t digest_length = prehash(alg, input, digest);
  EVP_PKEY_CTX* ctx =
      digest_length == 0 ? nullptr : prepared_pkey_ctx(key, alg, PkeyOp::kSign, configure_rsa);
  const int modulus_bytes = EVP_PKEY_get_size(key.pkey.get());
  if (ctx == nullptr || modulus_bytes <= 0) {
    return Error(Errc::kInternal, "RSA signing failed: " + ossl_error_text());
  }
  const std::size_t start = out.size();
  out.resize(start + static_cast<std::size_t>(modulus_bytes));
  std::size_t length = static_cast<std::size_t>(modulus_bytes);
  if (EVP_PKEY_sign(ctx, reinterpret_cast<unsigned char*>(out.data() + start), &length, digest,
                    digest_length) != 1 ||
      length != static_cast<std::size_t>(modulus_bytes)) {
    out.resize(start);
    drop_pkey_ctx(key, alg, PkeyOp::kSign);
    return Error(Errc::kInternal, "RSA signing failed: " + ossl_error_text());
  }
  return {};
}

bool rsa_verify(Algorithm alg, const KeyData& key, std::string_view input,
                std::string_view signature) noexcept {
  if (!key_fits(alg, key)) return false;
  // RFC 7518 §3.3/§3.5 and RFC 8017 §8: the signature is an octet string of exactly the
  // modulus length. A shorter one (leading zero byte stripped) is malformed, not "close".
  const int modulus_bytes = EVP_PKEY_get_size(key.pkey.get());
  if (modulus_bytes <= 0 || signature.size() != static_cast<std::size_t>(modulus_bytes)) {
    return false;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  const std::size_t digest_length = prehash(alg, input, digest);
  EVP_PKEY_CTX* ctx =
      digest_length == 0 ? nullptr : prepared_pkey_ctx(key, alg, PkeyOp::kVerify, configure_rsa);
  const bool ok = ctx != nullptr &&
                  EVP_PKEY_verify(ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                                  signature.size(), digest, digest_length) == 1;
  if (!ok) ERR_clear_error();
  return ok;
}

}  // namespace jot::detail
