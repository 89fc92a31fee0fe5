#pragma once

// Decoding of one known DER structure into an EVP_PKEY, shared by the PEM and DER parsers.

#include <string>
#include <string_view>

#include "jot/error.hpp"
#include "jot/key.hpp"
#include "keys/ossl.hpp"

namespace jot::detail {

// Upper bound on PEM/DER key material (a 16384-bit RSA private key is ~13 KB): larger input
// is refused with kLimitExceeded before OpenSSL sees it (its BIO and d2i lengths are int).
inline constexpr std::size_t kMaxKeyMaterialBytes = 1024 * 1024;

enum class DerKind {
  kSpki,             // SubjectPublicKeyInfo ("PUBLIC KEY")
  kPkcs8,            // PrivateKeyInfo ("PRIVATE KEY")
  kEncryptedPkcs8,   // EncryptedPrivateKeyInfo ("ENCRYPTED PRIVATE KEY")
  kRsaPkcs1Private,  // RSAPrivateKey ("RSA PRIVATE KEY")
  kRsaPkcs1Public,   // RSAPublicKey ("RSA PUBLIC KEY")
  kSec1,             // ECPrivateKey ("EC PRIVATE KEY")
  kCertificate,      // X.509 Certificate ("CERTIFICATE"): its public key
};

// Decodes `der` as exactly that structure (trailing bytes are an error). On failure the
// error message is OpenSSL's reason only; callers prefix it with what they were reading.
Result<PkeyPtr> decode_der(std::string_view der, DerKind kind, const KeyOptions& options);

// Whether `der` decodes as any key or certificate structure above (used to refuse keys
// handed to Key::from_secret). Never needs a passphrase.
bool is_der_key_structure(std::string_view der);

}  // namespace jot::detail
