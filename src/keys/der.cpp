// DER key structures (SPKI, PKCS#8, encrypted PKCS#8, PKCS#1, SEC1, X.509) through
// OpenSSL 3's decoders, and Key::from_der, which tries them in turn.

#include "keys/der.hpp"

#include <openssl/core_names.h>
#include <openssl/x509.h>

#include <array>
#include <string>

#include "jot/key.hpp"
#include "keys/key_build.hpp"

namespace jot::detail {
namespace {

const unsigned char* bytes_of(std::string_view der) {
  return reinterpret_cast<const unsigned char*>(der.data());
}

// One decoder run restricted to `structure` / `keytype` / `selection`.
Result<PkeyPtr> run_decoder(std::string_view der, const char* structure, const char* keytype,
                            int selection, std::string_view passphrase) {
  EVP_PKEY* raw = nullptr;
  DecoderCtxPtr ctx(
      OSSL_DECODER_CTX_new_for_pkey(&raw, "DER", structure, keytype, selection, nullptr, nullptr));
  if (!ctx) return Error(Errc::kInternal, "no OpenSSL decoder: " + ossl_error_text());
  if (!passphrase.empty() &&
      OSSL_DECODER_CTX_set_passphrase(ctx.get(), bytes_of(passphrase), passphrase.size()) != 1) {
    return Error(Errc::kInternal, "cannot set passphrase: " + ossl_error_text());
  }
  const unsigned char* data = bytes_of(der);
  std::size_t left = der.size();
  const int ok = OSSL_DECODER_from_data(ctx.get(), &data, &left);
  PkeyPtr pkey(raw);
  if (ok != 1 || !pkey) return Error(Errc::kKeyParse, ossl_error_text());
  ossl_clear_errors();
  if (left != 0) {
    return Error(Errc::kKeyParse, std::to_string(left) + " bytes of trailing data");
  }
  return pkey;
}

Result<PkeyPtr> decode_certificate(std::string_view der) {
  const unsigned char* p = bytes_of(der);
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert) return Error(Errc::kKeyParse, ossl_error_text());
  if (p != bytes_of(der) + der.size()) {
    return Error(Errc::kKeyParse, "trailing data after the certificate");
  }
  // The certificate is not validated (no chain, dates or usage): only its key is used, as
  // jsonwebtoken (Node's createPublicKey) does.
  PkeyPtr pkey(X509_get_pubkey(cert.get()));
  if (!pkey) return Error(Errc::kKeyParse, "no usable public key: " + ossl_error_text());
  return pkey;
}

bool is_encrypted_pkcs8(std::string_view der) {
  const unsigned char* p = bytes_of(der);
  X509SigPtr sig(d2i_X509_SIG(nullptr, &p, static_cast<long>(der.size())));
  ossl_clear_errors();
  return sig && p == bytes_of(der) + der.size();
}

}  // namespace

Result<PkeyPtr> decode_der(std::string_view der, DerKind kind, const KeyOptions& options) {
  if (der.empty()) return Error(Errc::kKeyParse, "no data");
  switch (kind) {
    case DerKind::kSpki:
      return run_decoder(der, "SubjectPublicKeyInfo", nullptr, EVP_PKEY_PUBLIC_KEY, {});
    case DerKind::kPkcs8:
      return run_decoder(der, "PrivateKeyInfo", nullptr, EVP_PKEY_KEYPAIR, {});
    case DerKind::kEncryptedPkcs8:
      if (options.passphrase.empty()) {
        return Error(Errc::kKeyParse,
                     "the private key is encrypted; pass its passphrase in "
                     "KeyOptions::passphrase");
      }
      if (Result<PkeyPtr> key = run_decoder(der, "EncryptedPrivateKeyInfo", nullptr,
                                            EVP_PKEY_KEYPAIR, options.passphrase);
          key) {
        return key;
      } else {
        return Error(Errc::kKeyParse, "could not decrypt it (wrong passphrase?): " +
                                          std::string(key.error().message()));
      }
    case DerKind::kRsaPkcs1Private:
      return run_decoder(der, "type-specific", "RSA", EVP_PKEY_KEYPAIR, {});
    case DerKind::kRsaPkcs1Public:
      return run_decoder(der, "type-specific", "RSA", EVP_PKEY_PUBLIC_KEY, {});
    case DerKind::kSec1:
      return run_decoder(der, "type-specific", "EC", EVP_PKEY_KEYPAIR, {});
    case DerKind::kCertificate:
      return decode_certificate(der);
  }
  return Error(Errc::kInternal, "unknown DER structure");
}

bool is_der_key_structure(std::string_view der) {
  if (der.empty() || static_cast<unsigned char>(der[0]) != 0x30) return false;  // SEQUENCE
  if (der.size() > kMaxKeyMaterialBytes) return false;
  if (is_encrypted_pkcs8(der)) return true;
  for (DerKind kind : {DerKind::kSpki, DerKind::kPkcs8, DerKind::kRsaPkcs1Private,
                       DerKind::kRsaPkcs1Public, DerKind::kSec1, DerKind::kCertificate}) {
    if (decode_der(der, kind, {})) return true;
  }
  ossl_clear_errors();
  return false;
}

Result<Key> key_from_der(std::string_view der, const KeyOptions& options) {
  if (der.empty()) return Error(Errc::kKeyParse, "DER key is empty");
  if (der.size() > kMaxKeyMaterialBytes) {
    return Error(Errc::kLimitExceeded, "DER key is larger than 1 MiB");
  }
  if (is_encrypted_pkcs8(der)) {
    Result<PkeyPtr> pkey = decode_der(der, DerKind::kEncryptedPkcs8, options);
    if (!pkey) {
      return Error(Errc::kKeyParse,
                   "DER EncryptedPrivateKeyInfo: " + std::string(pkey.error().message()));
    }
    return make_asymmetric_key(std::move(*pkey), options);
  }
  // Public structures first (the common case for verification), then private ones; each
  // is tried strictly (whole input consumed), so no structure is mistaken for another.
  std::string first_reason;
  for (DerKind kind : {DerKind::kSpki, DerKind::kPkcs8, DerKind::kRsaPkcs1Public,
                       DerKind::kRsaPkcs1Private, DerKind::kSec1, DerKind::kCertificate}) {
    Result<PkeyPtr> pkey = decode_der(der, kind, options);
    if (pkey) return make_asymmetric_key(std::move(*pkey), options);
    if (first_reason.empty()) first_reason = std::string(pkey.error().message());
  }
  ossl_clear_errors();
  return Error(Errc::kKeyParse,
               "DER is not a SubjectPublicKeyInfo, PKCS#8, PKCS#1, SEC1 or X.509 certificate "
               "structure (as SubjectPublicKeyInfo: " +
                   first_reason + ")");
}

}  // namespace jot::detail

namespace jot {

Result<Key> Key::from_der(std::string_view der, const KeyOptions& options) {
  return detail::key_from_der(der, options);
}

}  // namespace jot
