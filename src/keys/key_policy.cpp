// The key ⇄ algorithm binding and the key policy, checked on every sign and verify.
//
// These run once per token, so success never allocates: fixed texts are string literals,
// and a message is only built (allocated) when a check fails. The wording follows
// jsonwebtoken v9 (lib/validateAsymmetricKey.js and sign.js/verify.js) wherever it has a
// message for the same rule, so jsonwebtoken users recognise the errors.

#include <string>

#include "jot/key.hpp"
#include "keys/key_build.hpp"
#include "keys/key_data.hpp"

namespace jot::detail {
namespace {

// RFC 7518 §3.2: "A key of the same size as the hash output ... or larger MUST be used".
std::size_t min_secret_bytes(Algorithm alg) noexcept {
  switch (alg) {
    case Algorithm::kHS384:
      return 48;
    case Algorithm::kHS512:
      return 64;
    default:
      return 32;
  }
}

constexpr int kMinRsaBits = 2048;

std::string alg_name(Algorithm alg) {
  return std::string(to_string(alg));
}

// jsonwebtoken names key types as Node's KeyObject.asymmetricKeyType does.
const char* node_type_name(const KeyData& key) noexcept {
  switch (key.type) {
    case KeyType::kRsa:
      return "rsa";
    case KeyType::kRsaPss:
      return "rsa-pss";
    case KeyType::kEc:
      return "ec";
    case KeyType::kOkp:
      return key.curve == Curve::kEd448 ? "ed448" : "ed25519";
    case KeyType::kSecret:
      break;
  }
  return "secret";
}

const char* allowed_list(const KeyData& key) noexcept {
  switch (key.type) {
    case KeyType::kRsa:
      return "RS256, PS256, RS384, PS384, RS512, PS512";
    case KeyType::kRsaPss:
      return "PS256, PS384, PS512";
    case KeyType::kEc:
      // jsonwebtoken lists ES256, ES384, ES512; jot also implements ES256K (RFC 8812).
      return "ES256, ES384, ES512, ES256K";
    case KeyType::kOkp:
      return "EdDSA";
    case KeyType::kSecret:
      break;
  }
  return "HS256, HS384, HS512";
}

Error type_error(const KeyData& key) {
  return Error(Errc::kKeyMismatch, std::string("\"alg\" parameter for \"") + node_type_name(key) +
                                       "\" key type must be one of: " + allowed_list(key) + ".");
}

// The curve an ECDSA algorithm requires, by OpenSSL's name (as jsonwebtoken reports it).
Curve required_curve(Algorithm alg, const char*& openssl_name) noexcept {
  switch (alg) {
    case Algorithm::kES384:
      openssl_name = "secp384r1";
      return Curve::kP384;
    case Algorithm::kES512:
      openssl_name = "secp521r1";
      return Curve::kP521;
    case Algorithm::kES256K:
      openssl_name = "secp256k1";
      return Curve::kSecp256k1;
    default:
      openssl_name = "prime256v1";
      return Curve::kP256;
  }
}

Result<void> check_use(const KeyData& key, Algorithm alg, bool sign) noexcept {
  if (alg == Algorithm::kNone) {
    return Error(Errc::kKeyMismatch,
                 "the \"none\" algorithm uses no key: a key can neither sign nor verify it");
  }
  if (key.use_not_sig) {
    return Error(Errc::kKeyMismatch,
                 "the JWK's \"use\" is not \"sig\": this key is not meant for signatures");
  }
  if (sign && key.ops_forbid_sign) {
    return Error(Errc::kKeyMismatch,
                 "the JWK's \"key_ops\" does not include \"sign\": this key may not sign");
  }
  if (!sign && key.ops_forbid_verify) {
    return Error(Errc::kKeyMismatch,
                 "the JWK's \"key_ops\" does not include \"verify\": this key may not verify");
  }
  if (key.bound_alg && *key.bound_alg != alg) {
    return Error(Errc::kKeyMismatch,
                 "the key is bound to " + alg_name(*key.bound_alg) +
                     (key.bound_by_caller ? " (Key::with_algorithm)" : " by its JWK \"alg\"") +
                     " and cannot be used with " + alg_name(alg));
  }
  if (Result<void> binding = check_binding(key, alg, sign); !binding) return binding;

  if (key.type == KeyType::kSecret) {
    const std::size_t need = min_secret_bytes(alg);
    if (key.secret.size() < need && !key.allow_weak_secret) {
      return Error(Errc::kWeakKey,
                   "HMAC secret is " + std::to_string(key.secret.size()) + " bytes but " +
                       alg_name(alg) + " requires at least " + std::to_string(need) +
                       " (RFC 7518 §3.2); pass KeyOptions::insecure_allow_weak_secret to "
                       "accept it");
    }
    return {};
  }
  if (sign && !key.has_private) return Error(Errc::kKeyMismatch, "a public key cannot sign");
  if ((key.type == KeyType::kRsa || key.type == KeyType::kRsaPss) && key.bits < kMinRsaBits &&
      !key.allow_small_rsa) {
    return Error(Errc::kWeakKey,
                 "RSA key is " + std::to_string(key.bits) + " bits but " + alg_name(alg) +
                     " requires at least 2048; pass KeyOptions::insecure_allow_small_rsa to "
                     "accept it");
  }
  return {};
}

}  // namespace

Result<void> check_binding(const KeyData& key, Algorithm alg, bool sign) noexcept {
  const AlgorithmFamily family = family_of(alg);
  const char* who = sign ? "secretOrPrivateKey" : "secretOrPublicKey";
  if (family == AlgorithmFamily::kNone) {
    return Error(Errc::kKeyMismatch, "the \"none\" algorithm uses no key");
  }
  if (family == AlgorithmFamily::kHmac) {
    if (key.type != KeyType::kSecret) {
      return Error(Errc::kKeyMismatch,
                   std::string(who) + " must be a symmetric key when using " + alg_name(alg));
    }
    return {};
  }
  if (key.type == KeyType::kSecret) {
    return Error(Errc::kKeyMismatch,
                 std::string(who) + " must be an asymmetric key when using " + alg_name(alg));
  }
  switch (family) {
    case AlgorithmFamily::kRsaPkcs1:
      if (key.type != KeyType::kRsa) return type_error(key);
      return {};
    case AlgorithmFamily::kRsaPss:
      if (key.type != KeyType::kRsa && key.type != KeyType::kRsaPss) return type_error(key);
      if (key.type == KeyType::kRsaPss && key.pss_alg && *key.pss_alg != alg) {
        return Error(Errc::kKeyMismatch,
                     "Invalid key for this operation, its RSA-PSS parameters do not meet the "
                     "requirements of \"alg\" " +
                         alg_name(alg) + ".");
      }
      return {};
    case AlgorithmFamily::kEcdsa: {
      if (key.type != KeyType::kEc) return type_error(key);
      const char* curve_name = nullptr;
      if (key.curve != required_curve(alg, curve_name)) {
        return Error(Errc::kKeyMismatch, "\"alg\" parameter \"" + alg_name(alg) +
                                             "\" requires curve \"" + curve_name + "\".");
      }
      return {};
    }
    case AlgorithmFamily::kEdDSA:
      if (key.type != KeyType::kOkp) return type_error(key);
      return {};
    default:
      break;
  }
  return Error(Errc::kKeyMismatch, "unknown algorithm");
}

}  // namespace jot::detail

namespace jot {

Result<void> Key::check_sign(Algorithm alg) const noexcept {
  return detail::check_use(*data_, alg, true);
}

Result<void> Key::check_verify(Algorithm alg) const noexcept {
  return detail::check_use(*data_, alg, false);
}

}  // namespace jot
