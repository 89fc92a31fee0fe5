// Key::generate: fresh keys from OpenSSL's CSPRNG and key generators.

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <string>

#include "jot/key.hpp"
#include "keys/jwe_family.hpp"
#include "keys/key_build.hpp"

namespace jot {
namespace {

Result<Key> random_secret(std::size_t size) {
  std::string secret(size, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(secret.data()), static_cast<int>(size)) != 1) {
    return Error(Errc::kInternal, "RAND_bytes failed: " + detail::ossl_error_text());
  }
  Result<Key> key = detail::make_secret_key(secret, {});
  OPENSSL_cleanse(secret.data(), secret.size());
  return key;
}

Result<detail::PkeyPtr> rsa_pair(int rsa_bits) {
  if (rsa_bits < 2048) {
    return Error(Errc::kWeakKey, "generate() makes RSA keys of at least 2048 bits, not " +
                                     std::to_string(rsa_bits));
  }
  if (rsa_bits > 16384) {
    return Error(Errc::kInvalidOption, "RSA keys larger than 16384 bits are not supported");
  }
  return detail::PkeyPtr(
      EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(rsa_bits)));
}

Result<Key> wrap_pair(detail::PkeyPtr pkey) {
  if (!pkey) return Error(Errc::kInternal, "key generation failed: " + detail::ossl_error_text());
  return detail::make_asymmetric_key(std::move(pkey), {});
}

}  // namespace

Result<Key> Key::generate(Curve curve) {
  detail::PkeyPtr pkey;
  switch (curve) {
    case Curve::kP256:
    case Curve::kP384:
    case Curve::kP521:
    case Curve::kSecp256k1:
      pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", std::string(to_string(curve)).c_str()));
      break;
    case Curve::kEd25519:
      pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
      break;
    case Curve::kEd448:
      pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED448"));
      break;
    case Curve::kX25519:
      pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519"));
      break;
    case Curve::kX448:
      pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "X448"));
      break;
    case Curve::kNone:
      return Error(Errc::kInvalidOption, "generate(Curve) needs a curve");
  }
  return wrap_pair(std::move(pkey));
}

Result<Key> Key::generate(ContentEncryption enc) {
  return random_secret(content_key_bytes(enc));
}

Result<Key> Key::generate(KeyManagement alg, int rsa_bits) {
  switch (detail::family_of(alg)) {
    case detail::KeyFamily::kDirect:
      return Error(Errc::kInvalidOption,
                   "a dir key's length depends on the content encryption: use "
                   "Key::generate(ContentEncryption)");
    case detail::KeyFamily::kAesKw:
    case detail::KeyFamily::kAesGcmKw:
      return random_secret(detail::wrap_key_bytes(alg));
    case detail::KeyFamily::kPbes2:
      return random_secret(32);
    case detail::KeyFamily::kRsa: {
      Result<detail::PkeyPtr> pkey = rsa_pair(rsa_bits);
      if (!pkey) return std::move(pkey).error();
      return wrap_pair(std::move(*pkey));
    }
    case detail::KeyFamily::kEcdh:
      return generate(Curve::kP256);
  }
  return Error(Errc::kInvalidOption, "unknown algorithm");
}

Result<Key> Key::generate(Algorithm alg, int rsa_bits) {
  detail::PkeyPtr pkey;
  switch (family_of(alg)) {
    case AlgorithmFamily::kHmac: {
      // RFC 7518 §3.2: a secret as long as the hash output.
      const std::size_t size = alg == Algorithm::kHS256 ? 32 : alg == Algorithm::kHS384 ? 48 : 64;
      std::string secret(size, '\0');
      if (RAND_bytes(reinterpret_cast<unsigned char*>(secret.data()), static_cast<int>(size)) !=
          1) {
        return Error(Errc::kInternal, "RAND_bytes failed: " + detail::ossl_error_text());
      }
      Result<Key> key = detail::make_secret_key(secret, {});
      OPENSSL_cleanse(secret.data(), secret.size());
      return key;
    }
    case AlgorithmFamily::kRsaPkcs1:
    case AlgorithmFamily::kRsaPss:
      if (rsa_bits < 2048) {
        return Error(Errc::kWeakKey, "generate() makes RSA keys of at least 2048 bits, not " +
                                         std::to_string(rsa_bits));
      }
      if (rsa_bits > 16384) {
        return Error(Errc::kInvalidOption, "RSA keys larger than 16384 bits are not supported");
      }
      pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(rsa_bits)));
      break;
    case AlgorithmFamily::kEcdsa: {
      const char* curve = alg == Algorithm::kES384    ? "P-384"
                          : alg == Algorithm::kES512  ? "P-521"
                          : alg == Algorithm::kES256K ? "secp256k1"
                                                      : "P-256";
      pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve));
      break;
    }
    case AlgorithmFamily::kEdDSA:
      pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
      break;
    case AlgorithmFamily::kNone:
      return Error(Errc::kInvalidOption, "the \"none\" algorithm has no key");
  }
  if (!pkey) return Error(Errc::kInternal, "key generation failed: " + detail::ossl_error_text());
  return detail::make_asymmetric_key(std::move(pkey), {});
}

}  // namespace jot
