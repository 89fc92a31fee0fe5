// RSAES-OAEP (RSA-OAEP, RSA-OAEP-256/384/512) and RSAES-PKCS1-v1_5 (RSA1_5) for JWE key
// encryption, through EVP_PKEY_encrypt/decrypt with the padding set on the context.

#include <openssl/crypto.h>
#include <openssl/rsa.h>

#include "keys/jwe_crypto.hpp"
#include "keys/ossl.hpp"

namespace jot::detail {
namespace {

const char* oaep_digest(KeyManagement alg) noexcept {
  switch (alg) {
    case KeyManagement::kRsaOaep:
      return "SHA1";
    case KeyManagement::kRsaOaep256:
      return "SHA256";
    case KeyManagement::kRsaOaep384:
      return "SHA384";
    case KeyManagement::kRsaOaep512:
      return "SHA512";
    default:
      return nullptr;
  }
}

// A context for `alg` on `pkey`, initialised for encryption or decryption.
PkeyCtxPtr rsa_ctx(EVP_PKEY* pkey, KeyManagement alg, bool encrypt) noexcept {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
  if (!ctx) return nullptr;
  if ((encrypt ? EVP_PKEY_encrypt_init(ctx.get()) : EVP_PKEY_decrypt_init(ctx.get())) != 1) {
    return nullptr;
  }
  if (alg == KeyManagement::kRsa1_5) {
    // OpenSSL's implicit rejection (a pseudo-random result instead of an error for bad
    // padding) is left on: it is the Marvin-attack countermeasure.
    if (EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1) return nullptr;
    return ctx;
  }
  const char* md = oaep_digest(alg);
  // MGF1 uses the same hash as OAEP itself (RFC 7518 §4.3, RFC 8017 §A.2.1).
  if (md == nullptr || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_OAEP_PADDING) != 1 ||
      EVP_PKEY_CTX_set_rsa_oaep_md_name(ctx.get(), md, nullptr) != 1 ||
      EVP_PKEY_CTX_set_rsa_mgf1_md_name(ctx.get(), md, nullptr) != 1) {
    return nullptr;
  }
  return ctx;
}

}  // namespace

Result<std::string> rsa_encrypt(const KeyData& key, KeyManagement alg, std::string_view cek) {
  PkeyCtxPtr ctx = rsa_ctx(key.pkey.get(), alg, true);
  std::size_t len = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(cek.data());
  if (!ctx || EVP_PKEY_encrypt(ctx.get(), nullptr, &len, in, cek.size()) != 1) {
    return Error(Errc::kInternal, "RSA encryption failed: " + ossl_error_text());
  }
  std::string out(len, '\0');
  if (EVP_PKEY_encrypt(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len, in,
                       cek.size()) != 1) {
    return Error(Errc::kInternal, "RSA encryption failed: " + ossl_error_text());
  }
  out.resize(len);
  return out;
}

bool rsa_decrypt(const KeyData& key, KeyManagement alg, std::string_view encrypted,
                 std::string& out) noexcept {
  // The ciphertext is exactly the modulus length (RFC 8017 §7.1.2 step 1).
  const int modulus = EVP_PKEY_get_size(key.pkey.get());
  if (modulus <= 0 || encrypted.size() != static_cast<std::size_t>(modulus)) return false;
  PkeyCtxPtr ctx = rsa_ctx(key.pkey.get(), alg, false);
  unsigned char buffer[2048];  // up to RSA-16384
  std::size_t len = sizeof buffer;
  const bool ok = ctx && EVP_PKEY_decrypt(ctx.get(), buffer, &len,
                                          reinterpret_cast<const unsigned char*>(encrypted.data()),
                                          encrypted.size()) == 1;
  if (ok) out.assign(reinterpret_cast<const char*>(buffer), len);
  OPENSSL_cleanse(buffer, sizeof buffer);
  ossl_clear_errors();
  return ok;
}

}  // namespace jot::detail
