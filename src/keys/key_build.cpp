// Turning parsed material into a jot::Key: detection of type, curve and size, and the
// parse-time validation that applies to every key whatever its format (no opt-in).

#include "keys/key_build.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>

#include <array>
#include <cctype>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

namespace jot::detail {
namespace {

// OpenSSL's own ceiling for RSA moduli (OPENSSL_RSA_MAX_MODULUS_BITS): larger keys are
// refused before any arithmetic, so a hostile JWK cannot make us exponentiate forever.
constexpr int kMaxRsaBits = 16384;

Error parse_error(std::string message) {
  return Error(Errc::kKeyParse, std::move(message));
}

SecretBnPtr get_bn(const EVP_PKEY* pkey, const char* name) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, name, &bn) != 1) {
    ossl_clear_errors();
    return nullptr;
  }
  return SecretBnPtr(bn);
}

bool get_utf8(const EVP_PKEY* pkey, const char* name, std::string& out) {
  std::array<char, 80> buf{};
  std::size_t len = 0;
  if (EVP_PKEY_get_utf8_string_param(pkey, name, buf.data(), buf.size(), &len) != 1) {
    ossl_clear_errors();
    return false;
  }
  out.assign(buf.data(), len);
  return true;
}

bool has_private_part(EVP_PKEY* pkey, KeyType type) {
  switch (type) {
    case KeyType::kRsa:
    case KeyType::kRsaPss:
      return get_bn(pkey, OSSL_PKEY_PARAM_RSA_D) != nullptr;
    case KeyType::kEc:
      return get_bn(pkey, OSSL_PKEY_PARAM_PRIV_KEY) != nullptr;
    case KeyType::kOkp: {
      std::size_t len = 0;
      const bool ok = EVP_PKEY_get_raw_private_key(pkey, nullptr, &len) == 1 && len > 0;
      ossl_clear_errors();
      return ok;
    }
    case KeyType::kSecret:
      break;
  }
  return false;
}

// Cheap consistency of an RSA private key. EVP_PKEY_pairwise_check would run full
// primality tests on p and q (tens of milliseconds per key load, more for 4096 bits) and
// refuses keys without p and q, which JWK allows (n, e, d only). What matters for safety is
// that the parts agree: a wrong d gives wrong signatures, and wrong CRT values make every
// signature a fault that leaks a factor. With CRT values: n = p·q, dp = d mod (p-1),
// dq = d mod (q-1), e·dp = 1 mod (p-1), e·dq = 1 mod (q-1), qi·q = 1 mod p (together they
// make d an inverse of e modulo lcm(p-1, q-1)); no exponentiation is needed. With n, e, d
// only: (m^d)^e = m for a fixed m, the exponentiation with d in constant time.
Result<void> check_rsa_private(const EVP_PKEY* pkey, const BIGNUM* n, const BIGNUM* e) {
  SecretBnPtr d = get_bn(pkey, OSSL_PKEY_PARAM_RSA_D);
  if (!d) return parse_error("RSA private key has no private exponent");
  BN_set_flags(d.get(), BN_FLG_CONSTTIME);
  BnCtxPtr ctx(BN_CTX_new());
  SecretBnPtr t(BN_new());
  if (!ctx || !t) return Error(Errc::kInternal, "out of memory");
  const std::string inconsistent = "RSA private key is inconsistent: ";

  SecretBnPtr p = get_bn(pkey, OSSL_PKEY_PARAM_RSA_FACTOR1);
  SecretBnPtr q = get_bn(pkey, OSSL_PKEY_PARAM_RSA_FACTOR2);
  if (!p && !q) {
    SecretBnPtr m(BN_new());
    SecretBnPtr s(BN_new());
    // m = 2^64 + 3: any fixed value in [2, n-2] works; it only has to differ from 0, 1, -1.
    if (!m || !s || BN_set_word(m.get(), 1) != 1 || BN_lshift(m.get(), m.get(), 64) != 1 ||
        BN_add_word(m.get(), 3) != 1 || BN_mod_exp(s.get(), m.get(), d.get(), n, ctx.get()) != 1 ||
        BN_mod_exp(t.get(), s.get(), e, n, ctx.get()) != 1) {
      return parse_error(inconsistent + ossl_error_text());
    }
    if (BN_cmp(t.get(), m.get()) != 0)
      return parse_error(inconsistent + "d is not the inverse of e");
    return {};
  }
  SecretBnPtr dp = get_bn(pkey, OSSL_PKEY_PARAM_RSA_EXPONENT1);
  SecretBnPtr dq = get_bn(pkey, OSSL_PKEY_PARAM_RSA_EXPONENT2);
  SecretBnPtr qi = get_bn(pkey, OSSL_PKEY_PARAM_RSA_COEFFICIENT1);
  if (!p || !q || !dp || !dq || !qi) {
    return parse_error(inconsistent + "its CRT parameters are incomplete");
  }
  SecretBnPtr pm1(BN_dup(p.get()));
  SecretBnPtr qm1(BN_dup(q.get()));
  if (!pm1 || !qm1 || BN_sub_word(pm1.get(), 1) != 1 || BN_sub_word(qm1.get(), 1) != 1) {
    return Error(Errc::kInternal, "out of memory");
  }
  if (BN_mul(t.get(), p.get(), q.get(), ctx.get()) != 1 || BN_cmp(t.get(), n) != 0) {
    return parse_error(inconsistent + "p·q is not n");
  }
  if (BN_mod(t.get(), d.get(), pm1.get(), ctx.get()) != 1 || BN_cmp(t.get(), dp.get()) != 0) {
    return parse_error(inconsistent + "dp is not d mod (p-1)");
  }
  if (BN_mod(t.get(), d.get(), qm1.get(), ctx.get()) != 1 || BN_cmp(t.get(), dq.get()) != 0) {
    return parse_error(inconsistent + "dq is not d mod (q-1)");
  }
  if (BN_mod_mul(t.get(), e, dp.get(), pm1.get(), ctx.get()) != 1 || !BN_is_one(t.get()) ||
      BN_mod_mul(t.get(), e, dq.get(), qm1.get(), ctx.get()) != 1 || !BN_is_one(t.get())) {
    return parse_error(inconsistent + "d is not the inverse of e");
  }
  if (BN_mod_mul(t.get(), qi.get(), q.get(), p.get(), ctx.get()) != 1 || !BN_is_one(t.get())) {
    return parse_error(inconsistent + "qi is not the inverse of q mod p");
  }
  return {};
}

// Maps an OpenSSL digest name to the PS* algorithm using it.
std::optional<Algorithm> pss_alg_for_digest(std::string name) {
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (name == "SHA256" || name == "SHA2-256" || name == "SHA-256") return Algorithm::kPS256;
  if (name == "SHA384" || name == "SHA2-384" || name == "SHA-384") return Algorithm::kPS384;
  if (name == "SHA512" || name == "SHA2-512" || name == "SHA-512") return Algorithm::kPS512;
  return std::nullopt;
}

// RSA-PSS keys may carry parameters (RFC 4055) restricting them to one hash, one MGF1
// hash and a minimum salt length. JWS PS* uses MGF1 with the same hash and a salt of the
// hash length, so a restricted key fits exactly one PS* algorithm, or none.
Result<void> inspect_pss(const EVP_PKEY* pkey, KeyData& data) {
  std::string digest;
  if (!get_utf8(pkey, OSSL_PKEY_PARAM_RSA_DIGEST, digest)) return {};  // unrestricted
  const std::optional<Algorithm> alg = pss_alg_for_digest(digest);
  if (!alg) {
    return Error(Errc::kUnsupported, "RSA-PSS key is restricted to the digest '" + digest +
                                         "', which no JWS algorithm uses");
  }
  std::string mgf1;
  if (get_utf8(pkey, OSSL_PKEY_PARAM_RSA_MGF1_DIGEST, mgf1) && pss_alg_for_digest(mgf1) != alg) {
    return Error(Errc::kUnsupported, "RSA-PSS key uses MGF1 with '" + mgf1 +
                                         "' but its digest is '" + digest +
                                         "'; JWS requires the same hash for both");
  }
  int saltlen = 0;
  const int hash_len = *alg == Algorithm::kPS256 ? 32 : *alg == Algorithm::kPS384 ? 48 : 64;
  if (EVP_PKEY_get_int_param(pkey, OSSL_PKEY_PARAM_RSA_PSS_SALTLEN, &saltlen) == 1 &&
      saltlen > hash_len) {
    return Error(Errc::kUnsupported, "RSA-PSS key requires a salt of at least " +
                                         std::to_string(saltlen) + " bytes but JWS uses " +
                                         std::to_string(hash_len));
  }
  ossl_clear_errors();
  data.pss_alg = alg;
  return {};
}

Result<void> inspect_rsa(EVP_PKEY* pkey, KeyData& data) {
  data.bits = EVP_PKEY_get_bits(pkey);
  if (data.bits > kMaxRsaBits) {
    return parse_error("RSA modulus of " + std::to_string(data.bits) +
                       " bits is larger than the 16384 bits jot accepts");
  }
  SecretBnPtr n = get_bn(pkey, OSSL_PKEY_PARAM_RSA_N);
  SecretBnPtr e = get_bn(pkey, OSSL_PKEY_PARAM_RSA_E);
  if (!n || !e) return parse_error("RSA key has no modulus or public exponent");
  if (!BN_is_odd(n.get())) return parse_error("RSA modulus is even, so it is not an RSA modulus");
  // e = 1 makes the "signature" the message itself; an even e has no inverse mod φ(n).
  if (!BN_is_odd(e.get()) || BN_cmp(e.get(), BN_value_one()) <= 0 ||
      BN_cmp(e.get(), n.get()) >= 0) {
    char* dec = BN_bn2dec(e.get());
    std::string shown = dec != nullptr && std::strlen(dec) <= 20 ? dec : "of that size";
    OPENSSL_free(dec);
    return Error(Errc::kWeakKey, "RSA public exponent " + shown +
                                     " is refused: it must be odd, at least 3 and below n");
  }
  if (has_roca_fingerprint(n.get())) {
    return Error(Errc::kWeakKey,
                 "RSA modulus has the ROCA fingerprint (CVE-2017-15361): it was generated by a "
                 "vulnerable Infineon library and its private key can be recovered");
  }
  if (data.has_private) {
    if (Result<void> ok = check_rsa_private(pkey, n.get(), e.get()); !ok) return ok;
  }
  if (data.type == KeyType::kRsaPss) return inspect_pss(pkey, data);
  return {};
}

Result<void> inspect_ec(EVP_PKEY* pkey, KeyData& data) {
  std::string group;
  if (!get_utf8(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group)) {
    return Error(Errc::kUnsupported,
                 "EC key with explicit curve parameters that match no named curve cannot sign "
                 "JWS");
  }
  if (group == "prime256v1" || group == "P-256" || group == "secp256r1") {
    data.curve = Curve::kP256;
  } else if (group == "secp384r1" || group == "P-384") {
    data.curve = Curve::kP384;
  } else if (group == "secp521r1" || group == "P-521") {
    data.curve = Curve::kP521;
  } else if (group == "secp256k1") {
    data.curve = Curve::kSecp256k1;
  } else {
    return Error(Errc::kUnsupported, "EC curve '" + group +
                                         "' cannot sign JWS (jot supports P-256, P-384, P-521 "
                                         "and secp256k1)");
  }
  data.bits = EVP_PKEY_get_bits(pkey);
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
  if (!ctx)
    return Error(Errc::kInternal, "EVP_PKEY_CTX_new_from_pkey failed: " + ossl_error_text());
  // Point on the curve, not the identity, of the group's order: an off-curve point would
  // let an attacker probe a private key (invalid-curve attacks).
  if (EVP_PKEY_public_check(ctx.get()) != 1) {
    return parse_error("EC public key is not a valid point on " +
                       std::string(to_string(data.curve)) + ": " + ossl_error_text());
  }
  if (data.has_private &&
      (EVP_PKEY_private_check(ctx.get()) != 1 || EVP_PKEY_pairwise_check(ctx.get()) != 1)) {
    return parse_error("EC private key does not match its public key: " + ossl_error_text());
  }
  return {};
}

Result<void> inspect_okp(EVP_PKEY* pkey, KeyData& data) {
  std::array<unsigned char, 57> pub{};
  std::size_t len = pub.size();
  if (EVP_PKEY_get_raw_public_key(pkey, pub.data(), &len) != 1) {
    return parse_error("EdDSA key has no public key: " + ossl_error_text());
  }
  const std::string_view encoded(reinterpret_cast<const char*>(pub.data()), len);
  const bool signature_curve = data.curve == Curve::kEd25519 || data.curve == Curve::kEd448;
  if (signature_curve && is_small_order_point(data.curve, encoded)) {
    return Error(Errc::kWeakKey, std::string(to_string(data.curve)) +
                                     " public key is a point of small order: any signature "
                                     "would verify with it");
  }
  if (data.has_private) {
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
    if (!ctx || EVP_PKEY_pairwise_check(ctx.get()) != 1) {
      return parse_error(std::string(to_string(data.curve)) +
                         " private key does not match its public key: " + ossl_error_text());
    }
  }
  return {};
}

}  // namespace

std::string bn_to_bytes(const BIGNUM* bn, int width) {
  const int size = width > 0 ? width : BN_num_bytes(bn);
  std::string out(static_cast<std::size_t>(size), '\0');
  if (size > 0 && BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), size) != size) {
    out.clear();
  }
  return out;
}

namespace {

// What every key gets, whatever its material: its JWK metadata, the caller's policy opt-ins,
// and the binding to a JWK "alg" (which must fit the material).
Result<Key> finish_key(std::shared_ptr<KeyData> data, const KeyOptions& options, KeyMeta meta) {
  data->kid = std::move(meta.kid);
  data->use_not_sig = meta.use_not_sig;
  data->ops_forbid_sign = meta.ops_forbid_sign;
  data->ops_forbid_verify = meta.ops_forbid_verify;
  data->use_not_enc = meta.use_not_enc;
  data->jwe_ops = meta.jwe_ops;
  data->allow_weak_secret = options.insecure_allow_weak_secret;
  data->allow_small_rsa = options.insecure_allow_small_rsa;
  if (meta.bound_alg) {
    if (Result<void> fits = check_binding(*data, *meta.bound_alg, false); !fits) {
      return Error(Errc::kKeyMismatch, "the JWK's \"alg\" does not fit its key: " +
                                           std::string(fits.error().message()));
    }
    data->bound_alg = meta.bound_alg;
  }
  if (meta.bound_km) {
    if (Result<void> fits = check_jwe_binding(*data, *meta.bound_km, std::nullopt); !fits) {
      return Error(Errc::kKeyMismatch, "the JWK's \"alg\" does not fit its key: " +
                                           std::string(fits.error().message()));
    }
    data->bound_km = meta.bound_km;
  }
  if (meta.bound_enc) {
    if (Result<void> fits = check_jwe_binding(*data, KeyManagement::kDir, meta.bound_enc); !fits) {
      return Error(Errc::kKeyMismatch, "the JWK's \"alg\" does not fit its key: " +
                                           std::string(fits.error().message()));
    }
    data->bound_km = KeyManagement::kDir;
    data->bound_enc = meta.bound_enc;
  }
  return KeyAccess::make(std::move(data));
}

}  // namespace

Result<Key> make_asymmetric_key(PkeyPtr pkey, const KeyOptions& options, KeyMeta meta) {
  if (!pkey) return Error(Errc::kInternal, "no key");
  auto data = std::make_shared<KeyData>();
  EVP_PKEY* pk = pkey.get();
  if (EVP_PKEY_is_a(pk, "RSA")) {
    data->type = KeyType::kRsa;
  } else if (EVP_PKEY_is_a(pk, "RSA-PSS")) {
    data->type = KeyType::kRsaPss;
  } else if (EVP_PKEY_is_a(pk, "EC")) {
    data->type = KeyType::kEc;
  } else if (EVP_PKEY_is_a(pk, "ED25519")) {
    data->type = KeyType::kOkp;
    data->curve = Curve::kEd25519;
    data->bits = 255;  // field size, 2^255 - 19
  } else if (EVP_PKEY_is_a(pk, "ED448")) {
    data->type = KeyType::kOkp;
    data->curve = Curve::kEd448;
    data->bits = 448;
  } else if (EVP_PKEY_is_a(pk, "X25519")) {
    data->type = KeyType::kOkp;
    data->curve = Curve::kX25519;
    data->bits = 255;
  } else if (EVP_PKEY_is_a(pk, "X448")) {
    data->type = KeyType::kOkp;
    data->curve = Curve::kX448;
    data->bits = 448;
  } else {
    const char* name = EVP_PKEY_get0_type_name(pk);
    return Error(Errc::kUnsupported,
                 std::string("key type '") + (name != nullptr ? name : "unknown") +
                     "' is not supported (jot uses RSA, EC, Ed25519/Ed448 and X25519/X448 keys)");
  }
  ossl_clear_errors();
  data->has_private = has_private_part(pk, data->type);

  Result<void> valid = [&]() -> Result<void> {
    switch (data->type) {
      case KeyType::kRsa:
      case KeyType::kRsaPss:
        return inspect_rsa(pk, *data);
      case KeyType::kEc:
        return inspect_ec(pk, *data);
      default:
        return inspect_okp(pk, *data);
    }
  }();
  ossl_clear_errors();
  if (!valid) return std::move(valid).error();

  data->pkey = std::move(pkey);
  return finish_key(std::move(data), options, std::move(meta));
}

Result<Key> make_secret_key(std::string_view secret, const KeyOptions& options, KeyMeta meta) {
  auto data = std::make_shared<KeyData>();
  data->type = KeyType::kSecret;
  data->has_private = true;
  data->secret.assign(secret.data(), secret.size());
  data->bits = static_cast<int>(secret.size() * 8);
  return finish_key(std::move(data), options, std::move(meta));
}

}  // namespace jot::detail
