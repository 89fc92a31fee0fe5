// The key ⇄ algorithm binding and key policy for JWE (RFC 7518 §4-5, RFC 8037 §3.2),
// checked on every encrypt and decrypt. As for signatures, success never allocates; a
// message is only built when a check fails.

#include <string>

#include "jot/key.hpp"
#include "keys/jwe_family.hpp"
#include "keys/key_build.hpp"
#include "keys/key_data.hpp"

namespace jot::detail {
namespace {

std::string name(KeyManagement alg) {
  return std::string(to_string(alg));
}

Error wrong_type(KeyManagement alg, const char* needs) {
  return Error(Errc::kKeyMismatch, name(alg) + " needs " + needs);
}

// The key_ops (RFC 7517 §4.3) that permit `alg` in one direction, as KeyOps bits. WebCrypto
// names the operations; a JWK may list the usage of the derived or wrapped key as well, so
// each direction accepts the closest names.
std::uint8_t ops_for(KeyManagement alg, bool encrypt) noexcept {
  switch (family_of(alg)) {
    case KeyFamily::kDirect:
      return encrypt ? kOpEncrypt : kOpDecrypt;
    case KeyFamily::kAesKw:
    case KeyFamily::kAesGcmKw:
    case KeyFamily::kRsa:
      return encrypt ? (kOpWrapKey | kOpEncrypt) : (kOpUnwrapKey | kOpDecrypt);
    case KeyFamily::kEcdh:
      return kOpDeriveKey | kOpDeriveBits;
    case KeyFamily::kPbes2:
      return kOpDeriveKey | kOpDeriveBits | (encrypt ? kOpWrapKey : kOpUnwrapKey);
  }
  return 0;
}

Result<void> check_jwe_use(const KeyData& key, KeyManagement alg, ContentEncryption enc,
                           bool encrypt) noexcept {
  if (key.use_not_enc) {
    return Error(Errc::kKeyMismatch,
                 "the JWK's \"use\" is not \"enc\": this key is not meant for encryption");
  }
  if (key.bound_alg) {
    return Error(Errc::kKeyMismatch, "the key is bound to " +
                                         std::string(to_string(*key.bound_alg)) +
                                         " by its JWK \"alg\" and cannot encrypt or decrypt");
  }
  if (key.bound_km && *key.bound_km != alg) {
    return Error(Errc::kKeyMismatch, "the key is bound to " + name(*key.bound_km) +
                                         " by its JWK \"alg\" and cannot be used with " +
                                         name(alg));
  }
  if (key.bound_enc && *key.bound_enc != enc) {
    return Error(Errc::kKeyMismatch,
                 "the key is bound to " + std::string(to_string(*key.bound_enc)) +
                     " by its JWK \"alg\" and cannot be used with " + std::string(to_string(enc)));
  }
  if ((key.jwe_ops & ops_for(alg, encrypt)) == 0) {
    return Error(Errc::kKeyMismatch, std::string("the JWK's \"key_ops\" does not allow ") +
                                         (encrypt ? "encrypting" : "decrypting") + " with " +
                                         name(alg));
  }
  if (Result<void> binding = check_jwe_binding(key, alg, enc); !binding) return binding;
  const KeyFamily family = family_of(alg);
  if (family == KeyFamily::kRsa) {
    if (!encrypt && !key.has_private) {
      return Error(Errc::kKeyMismatch, "a public key cannot decrypt");
    }
    if (key.bits < 2048 && !key.allow_small_rsa) {
      return Error(Errc::kWeakKey,
                   "RSA key is " + std::to_string(key.bits) + " bits but " + name(alg) +
                       " requires at least 2048; pass KeyOptions::insecure_allow_small_rsa to "
                       "accept it");
    }
  }
  if (family == KeyFamily::kEcdh && !encrypt && !key.has_private) {
    return Error(Errc::kKeyMismatch, "a public key cannot decrypt");
  }
  return {};
}

}  // namespace

KeyFamily family_of(KeyManagement alg) noexcept {
  switch (alg) {
    case KeyManagement::kDir:
      return KeyFamily::kDirect;
    case KeyManagement::kA128KW:
    case KeyManagement::kA192KW:
    case KeyManagement::kA256KW:
      return KeyFamily::kAesKw;
    case KeyManagement::kA128GCMKW:
    case KeyManagement::kA192GCMKW:
    case KeyManagement::kA256GCMKW:
      return KeyFamily::kAesGcmKw;
    case KeyManagement::kRsaOaep:
    case KeyManagement::kRsaOaep256:
    case KeyManagement::kRsaOaep384:
    case KeyManagement::kRsaOaep512:
    case KeyManagement::kRsa1_5:
      return KeyFamily::kRsa;
    case KeyManagement::kEcdhEs:
    case KeyManagement::kEcdhEsA128KW:
    case KeyManagement::kEcdhEsA192KW:
    case KeyManagement::kEcdhEsA256KW:
      return KeyFamily::kEcdh;
    case KeyManagement::kPbes2Hs256A128KW:
    case KeyManagement::kPbes2Hs384A192KW:
    case KeyManagement::kPbes2Hs512A256KW:
      return KeyFamily::kPbes2;
  }
  return KeyFamily::kDirect;
}

std::size_t wrap_key_bytes(KeyManagement alg) noexcept {
  switch (alg) {
    case KeyManagement::kA128KW:
    case KeyManagement::kA128GCMKW:
    case KeyManagement::kEcdhEsA128KW:
    case KeyManagement::kPbes2Hs256A128KW:
      return 16;
    case KeyManagement::kA192KW:
    case KeyManagement::kA192GCMKW:
    case KeyManagement::kEcdhEsA192KW:
    case KeyManagement::kPbes2Hs384A192KW:
      return 24;
    case KeyManagement::kA256KW:
    case KeyManagement::kA256GCMKW:
    case KeyManagement::kEcdhEsA256KW:
    case KeyManagement::kPbes2Hs512A256KW:
      return 32;
    default:
      return 0;
  }
}

Result<void> check_jwe_binding(const KeyData& key, KeyManagement alg,
                               std::optional<ContentEncryption> enc) noexcept {
  const KeyFamily family = family_of(alg);
  if (key.password && family != KeyFamily::kPbes2) {
    return Error(Errc::kKeyMismatch,
                 "a password (Key::from_password) is for PBES2 only, not " + name(alg));
  }
  switch (family) {
    case KeyFamily::kDirect: {
      if (key.type != KeyType::kSecret) return wrong_type(alg, "a symmetric key");
      if (!enc) {
        for (ContentEncryption candidate : all_content_encryption()) {
          if (content_key_bytes(candidate) == key.secret.size()) return {};
        }
        return Error(Errc::kKeyMismatch, "a dir key of " + std::to_string(key.secret.size()) +
                                             " bytes fits no content encryption");
      }
      const std::size_t need = content_key_bytes(*enc);
      if (key.secret.size() != need) {
        return Error(Errc::kKeyMismatch, "dir with " + std::string(to_string(*enc)) +
                                             " needs a key of exactly " + std::to_string(need) +
                                             " bytes, not " + std::to_string(key.secret.size()));
      }
      return {};
    }
    case KeyFamily::kAesKw:
    case KeyFamily::kAesGcmKw: {
      if (key.type != KeyType::kSecret) return wrong_type(alg, "a symmetric key");
      const std::size_t need = wrap_key_bytes(alg);
      if (key.secret.size() != need) {
        return Error(Errc::kKeyMismatch, name(alg) + " needs a key of exactly " +
                                             std::to_string(need) + " bytes, not " +
                                             std::to_string(key.secret.size()));
      }
      return {};
    }
    case KeyFamily::kRsa:
      if (key.type != KeyType::kRsa) return wrong_type(alg, "an RSA key");
      return {};
    case KeyFamily::kEcdh: {
      const bool ec =
          key.type == KeyType::kEc &&
          (key.curve == Curve::kP256 || key.curve == Curve::kP384 || key.curve == Curve::kP521);
      const bool okp =
          key.type == KeyType::kOkp && (key.curve == Curve::kX25519 || key.curve == Curve::kX448);
      if (!ec && !okp) return wrong_type(alg, "an EC key on P-256, P-384 or P-521, or X25519/X448");
      return {};
    }
    case KeyFamily::kPbes2:
      if (key.type != KeyType::kSecret) return wrong_type(alg, "a password or a symmetric key");
      if (key.secret.empty()) return Error(Errc::kWeakKey, "a PBES2 password must not be empty");
      return {};
  }
  return Error(Errc::kKeyMismatch, "unknown algorithm");
}

}  // namespace jot::detail

namespace jot {

Result<void> Key::check_encrypt(KeyManagement alg, ContentEncryption enc) const noexcept {
  return detail::check_jwe_use(*data_, alg, enc, true);
}

Result<void> Key::check_decrypt(KeyManagement alg, ContentEncryption enc) const noexcept {
  return detail::check_jwe_use(*data_, alg, enc, false);
}

std::vector<KeyManagement> Key::compatible_key_management() const {
  std::vector<KeyManagement> result;
  const detail::KeyData& key = *data_;
  if (key.use_not_enc || key.bound_alg) return result;
  for (KeyManagement alg : all_key_management()) {
    if (alg == KeyManagement::kRsa1_5) continue;
    if (key.bound_km && *key.bound_km != alg) continue;
    if (detail::check_jwe_binding(key, alg, std::nullopt)) result.push_back(alg);
  }
  return result;
}

}  // namespace jot
