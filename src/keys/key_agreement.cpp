// ECDH-ES (RFC 7518 §4.6, RFC 8037 §3.2): the shared secret by EVP_PKEY_derive, the
// ephemeral key pair, and the Concat KDF by OpenSSL's single-step KDF (SSKDF), which is
// the NIST SP 800-56A §5.8.1 KDF that RFC 7518 §4.6.2 names: SHA-256 of a 32-bit counter,
// Z and OtherInfo, repeated and truncated to the key length.

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>

#include <array>
#include <cstdint>

#include "keys/jwe_crypto.hpp"
#include "keys/ossl.hpp"

namespace jot::detail {
namespace {

const char* keygen_name(const KeyData& key) noexcept {
  switch (key.curve) {
    case Curve::kX25519:
      return "X25519";
    case Curve::kX448:
      return "X448";
    default:
      return "EC";
  }
}

void put_u32(unsigned char* out, std::uint32_t value) noexcept {
  out[0] = static_cast<unsigned char>(value >> 24);
  out[1] = static_cast<unsigned char>(value >> 16);
  out[2] = static_cast<unsigned char>(value >> 8);
  out[3] = static_cast<unsigned char>(value);
}

}  // namespace

Result<std::string> ecdh_shared_secret(EVP_PKEY* private_key, EVP_PKEY* peer) {
  const Error failed(Errc::kInvalidSignature, "decryption failed");
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, private_key, nullptr));
  std::size_t len = 0;
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
      EVP_PKEY_derive_set_peer_ex(ctx.get(), peer, 1) != 1 ||
      EVP_PKEY_derive(ctx.get(), nullptr, &len) != 1) {
    ossl_clear_errors();
    return failed;
  }
  std::string z(len, '\0');
  if (EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(z.data()), &len) != 1) {
    ossl_clear_errors();
    return failed;
  }
  z.resize(len);
  // RFC 8037 §3.2 / RFC 7748 §6: an all-zero X25519/X448 result means a small-order peer
  // key; refuse it (OpenSSL does too, checked again here so the rule does not depend on it).
  // For the NIST curves a zero x-coordinate is a legitimate (if unlikely) point.
  const bool montgomery =
      EVP_PKEY_is_a(private_key, "X25519") || EVP_PKEY_is_a(private_key, "X448");
  unsigned char any = 0;
  for (char c : z) any |= static_cast<unsigned char>(c);
  if (montgomery && any == 0) return failed;
  return z;
}

Result<PkeyPtr> ecdh_ephemeral(const KeyData& recipient) {
  PkeyPtr pkey;
  if (recipient.type == KeyType::kEc) {
    const char* group = recipient.curve == Curve::kP384   ? "P-384"
                        : recipient.curve == Curve::kP521 ? "P-521"
                                                          : "P-256";
    pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", group));
  } else {
    pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, keygen_name(recipient)));
  }
  if (!pkey) return Error(Errc::kInternal, "ephemeral key generation failed: " + ossl_error_text());
  return pkey;
}

bool concat_kdf(std::string_view z, std::string_view algorithm_id, std::string_view apu,
                std::string_view apv, unsigned char* out, std::size_t out_size) noexcept {
  static EVP_KDF* const kdf = EVP_KDF_fetch(nullptr, "SSKDF", nullptr);
  if (kdf == nullptr) return false;
  // OtherInfo = AlgorithmID || PartyUInfo || PartyVInfo || SuppPubInfo, each of the first
  // three as a 32-bit big-endian length and the bytes, SuppPubInfo the key length in bits.
  std::array<unsigned char, 1024> info{};
  const std::size_t info_size = 4 + algorithm_id.size() + 4 + apu.size() + 4 + apv.size() + 4;
  if (info_size > info.size()) return false;
  unsigned char* p = info.data();
  for (std::string_view part : {algorithm_id, apu, apv}) {
    put_u32(p, static_cast<std::uint32_t>(part.size()));
    p += 4;
    for (char c : part) *p++ = static_cast<unsigned char>(c);
  }
  put_u32(p, static_cast<std::uint32_t>(out_size * 8));

  std::unique_ptr<EVP_KDF_CTX, OsslDeleter<EVP_KDF_CTX_free>> ctx(EVP_KDF_CTX_new(kdf));
  if (!ctx) return false;
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>("SHA256"), 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<char*>(z.data()), z.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info.data(), info_size),
      OSSL_PARAM_construct_end()};
  const bool ok = EVP_KDF_derive(ctx.get(), out, out_size, params) == 1;
  if (!ok) ossl_clear_errors();
  return ok;
}

bool pbes2_derive(KeyManagement alg, std::string_view password, std::string_view p2s,
                  std::uint32_t count, unsigned char* out, std::size_t out_size) noexcept {
  // Salt = UTF8(alg) || 0x00 || p2s (RFC 7518 §4.8.1.1).
  const std::string_view name = to_string(alg);
  std::array<unsigned char, 1024> salt{};
  const std::size_t salt_size = name.size() + 1 + p2s.size();
  if (salt_size > salt.size() || count == 0) return false;
  std::size_t i = 0;
  for (char c : name) salt[i++] = static_cast<unsigned char>(c);
  salt[i++] = 0;
  for (char c : p2s) salt[i++] = static_cast<unsigned char>(c);
  const EVP_MD* md = alg == KeyManagement::kPbes2Hs256A128KW   ? EVP_sha256()
                     : alg == KeyManagement::kPbes2Hs384A192KW ? EVP_sha384()
                                                               : EVP_sha512();
  const bool ok = PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                                    static_cast<int>(salt_size), static_cast<int>(count), md,
                                    static_cast<int>(out_size), out) == 1;
  if (!ok) ossl_clear_errors();
  return ok;
}

}  // namespace jot::detail
