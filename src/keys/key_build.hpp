#pragma once

// Internal construction of jot::Key: every parser (secret, PEM, DER, JWK) ends here, so the
// parse-time validation (RSA exponent and consistency, EC point on curve, small-order
// EdDSA points, ROCA moduli, RSA-PSS parameters) is applied to every key, always.

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "jot/algorithm.hpp"
#include "jot/error.hpp"
#include "jot/key.hpp"
#include "keys/key_data.hpp"
#include "keys/ossl.hpp"

namespace jot::detail {

// What a JWK says about its key besides the material itself.
struct KeyMeta {
  std::string kid;
  std::optional<Algorithm> bound_alg;
  bool use_not_sig = false;
  bool ops_forbid_sign = false;
  bool ops_forbid_verify = false;
  bool use_not_enc = false;
  std::optional<KeyManagement> bound_km;
  std::optional<ContentEncryption> bound_enc;
  std::uint8_t jwe_ops = kAllKeyOps;
};

// Detects type, curve, size and private part of `pkey`, validates it, and wraps it.
Result<Key> make_asymmetric_key(PkeyPtr pkey, const KeyOptions& options, KeyMeta meta = {});

// Wraps HMAC secret bytes (any length: the length policy applies at use).
Result<Key> make_secret_key(std::string_view secret, const KeyOptions& options, KeyMeta meta = {});

// The key ⇄ algorithm binding alone (type, curve, RSA-PSS parameters), without the
// private-part and weak-key rules. `sign` selects jsonwebtoken's wording
// (secretOrPrivateKey / secretOrPublicKey).
Result<void> check_binding(const KeyData& key, Algorithm alg, bool sign) noexcept;

// The JWE counterpart of check_binding: type, curve and exact length for `alg` (and `enc`
// for "dir"), without "use"/"key_ops"/policy (jwe_policy.cpp).
Result<void> check_jwe_binding(const KeyData& key, KeyManagement alg,
                               std::optional<ContentEncryption> enc) noexcept;

// True if `encoded` (a raw Ed25519 or Ed448 public key) is a point of small order or a
// non-canonical encoding of one (ed_small_order.cpp).
bool is_small_order_point(Curve curve, std::string_view encoded) noexcept;

// True if the modulus carries the ROCA fingerprint (CVE-2017-15361, roca.cpp).
bool has_roca_fingerprint(const BIGNUM* n) noexcept;

// Big-endian unsigned bytes of a BIGNUM, left-padded with zeros to `width` when width > 0.
std::string bn_to_bytes(const BIGNUM* bn, int width = 0);

// PEM, DER and JWK parsers (pem.cpp, der.cpp, jwk_import.cpp), shared with KeySet.
Result<Key> key_from_der(std::string_view der, const KeyOptions& options);
Result<Key> key_from_pem(std::string_view pem, const KeyOptions& options);
// Parses one decoded JSON object as a JWK.
Result<Key> key_from_jwk_object(const boost::json::object& jwk, const KeyOptions& options);
Result<Key> key_from_jwk(std::string_view text, const KeyOptions& options);

}  // namespace jot::detail
