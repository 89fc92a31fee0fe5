#pragma once

// Keys: parsed once, immutable, bound to their family of algorithms.
//
// A Key is a cheap-to-copy handle (one shared_ptr) to immutable key material. It is safe
// to share between threads: no member function mutates shared state, and signing or
// verifying with the same Key from many threads at once needs no locking.
//
// The key ⇄ algorithm binding is checked on every sign and verify: HS* only with secrets,
// RS*/PS* only with RSA keys (PS* also with RSA-PSS keys whose parameters match), ES256 with
// P-256, ES384 with P-384, ES512 with P-521, ES256K with secp256k1, EdDSA with Ed25519/Ed448.
// Text that is a PEM or a JWK of an asymmetric key never becomes an HMAC secret.
//
// Keys also serve JWE (jwe.hpp): secrets of the exact length for "dir", "A*KW" and
// "A*GCMKW", RSA keys for "RSA-OAEP*", EC (P-256/384/521) and OKP (X25519, X448) keys for
// "ECDH-ES*", and secrets or passwords (from_password) for "PBES2-*". A key serves either
// signatures or encryption, never both, once its JWK says which ("use", "key_ops", "alg"):
// "use":"sig" never decrypts, "use":"enc" never verifies, and a key bound to one algorithm
// does nothing else.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jot/algorithm.hpp"
#include "jot/error.hpp"
#include "jot/jwe_algorithm.hpp"

namespace jot {

namespace detail {
struct KeyData;
struct KeyAccess;  // the library's way in (src/keys/key_data.hpp)
}  // namespace detail

enum class KeyType : std::uint8_t { kSecret, kRsa, kRsaPss, kEc, kOkp };
enum class Curve : std::uint8_t {
  kNone,
  kP256,
  kP384,
  kP521,
  kSecp256k1,
  kEd25519,
  kEd448,
  kX25519,  // ECDH-ES only (RFC 8037 §3.2)
  kX448,
};

std::string_view to_string(KeyType type) noexcept;  // "oct", "RSA", "RSA-PSS", "EC", "OKP"
std::string_view to_string(Curve curve) noexcept;   // JWK crv: "P-256", ..., "Ed25519"

// Explicit opt-ins for key material that the secure defaults refuse. Each is named for the
// danger it accepts; none is needed for keys that follow RFC 7518 and RFC 8725.
struct KeyOptions {
  // Accept HMAC secrets shorter than the hash output (RFC 7518 §3.2 requires at least
  // 32/48/64 bytes for HS256/384/512). The demo's 8-byte 'mysecret' needs this.
  bool insecure_allow_weak_secret = false;
  // Accept RSA moduli shorter than 2048 bits.
  bool insecure_allow_small_rsa = false;
  // Passphrase for encrypted PKCS#8 PEM/DER.
  std::string_view passphrase = {};
};

class Key {
 public:
  // ---- Construction (all parse once; errors say what was wrong) ----

  // An HMAC secret: the bytes as given (a string's UTF-8 bytes). Refuses text that is a
  // PEM block or a JWK, so a public key can never be turned into an HMAC secret.
  static Result<Key> from_secret(std::string_view bytes, const KeyOptions& options = {});
  // PEM: SPKI "PUBLIC KEY", PKCS#1 "RSA PUBLIC KEY"/"RSA PRIVATE KEY", PKCS#8 "PRIVATE KEY",
  // "ENCRYPTED PRIVATE KEY" (needs options.passphrase), SEC1 "EC PRIVATE KEY" (optionally
  // preceded by "EC PARAMETERS"), X.509 "CERTIFICATE" (its public key; not validated).
  static Result<Key> from_pem(std::string_view pem, const KeyOptions& options = {});
  // DER of the same structures.
  static Result<Key> from_der(std::string_view der, const KeyOptions& options = {});
  // A JWK (RFC 7517): kty oct, RSA, EC, OKP; private members give a private key. The
  // JWK's "kid" and "alg" are kept; an "alg" binds the key to that single algorithm.
  static Result<Key> from_jwk(std::string_view jwk_json, const KeyOptions& options = {});
  // Detects PEM, JWK (a JSON object) or DER from the content. Never treats the input as
  // a secret.
  static Result<Key> from_any(std::string_view material, const KeyOptions& options = {});
  // A fresh key for `alg`: 32/48/64 random bytes for HS*, RSA 2048 (or `rsa_bits`) for
  // RS*/PS*, the curve of ES*, Ed25519 for EdDSA.
  static Result<Key> generate(Algorithm alg, int rsa_bits = 2048);
  // A fresh key for a JWE key-management algorithm: 16/24/32 random bytes for A*KW and
  // A*GCMKW, 32 for PBES2, RSA 2048 (or `rsa_bits`) for RSA-OAEP*, P-256 for ECDH-ES*
  // (use generate(Curve) for another curve). "dir" needs the content encryption: use
  // generate(ContentEncryption).
  static Result<Key> generate(KeyManagement alg, int rsa_bits = 2048);
  // A fresh "dir" key for `enc` (content_key_bytes(enc) random bytes).
  static Result<Key> generate(ContentEncryption enc);
  // A fresh EC or OKP key pair on `curve` (P-256 ... X448).
  static Result<Key> generate(Curve curve);
  // A PBES2 password (RFC 7518 §4.8): its bytes as given, usable with PBES2-* only (never
  // as an HMAC or AES key). Must not be empty.
  static Result<Key> from_password(std::string_view password);

  // ---- Properties ----
  KeyType type() const noexcept;
  Curve curve() const noexcept;
  bool has_private() const noexcept;
  // Modulus bits (RSA), field bits (EC/OKP), secret bits (HMAC).
  int bits() const noexcept;
  // "kid" from a JWK, or set with with_kid(); empty if none.
  std::string_view kid() const noexcept;
  // The single algorithm this key is bound to (JWK "alg"), if any.
  std::optional<Algorithm> bound_algorithm() const noexcept;
  // The single JWE key-management algorithm this key is bound to (JWK "alg"), if any.
  std::optional<KeyManagement> bound_key_management() const noexcept;
  // True for a key made by from_password (PBES2 only).
  bool is_password() const noexcept;
  // The algorithm a key of this type signs with when none is asked for: HS256 for
  // secrets, RS256 for RSA, PS256 for RSA-PSS, ES256/ES384/ES512/ES256K by curve,
  // EdDSA for OKP (or the bound algorithm).
  Algorithm natural_algorithm() const noexcept;
  // The algorithms this key may be used with under the binding rules.
  std::vector<Algorithm> compatible_algorithms() const;

  // Checks the key ⇄ algorithm binding and the key policy for signing (needs a private
  // key or a secret) or verifying. Errors: kKeyMismatch, kWeakKey.
  Result<void> check_sign(Algorithm alg) const noexcept;
  Result<void> check_verify(Algorithm alg) const noexcept;

  // The JWE key-management algorithms this key may encrypt or decrypt with (RSA1_5 never
  // listed; "dir" listed when the key's length fits some content encryption).
  std::vector<KeyManagement> compatible_key_management() const;
  // The same checks for JWE: type, curve, exact length, "use"/"key_ops"/"alg", key policy.
  // Encrypting needs the public key (RSA, ECDH-ES) or the secret; decrypting the private key
  // or the secret. `enc` matters for "dir" (the key is the content key: its length must be
  // content_key_bytes(enc)). Errors: kKeyMismatch, kWeakKey.
  Result<void> check_encrypt(KeyManagement alg, ContentEncryption enc) const noexcept;
  Result<void> check_decrypt(KeyManagement alg, ContentEncryption enc) const noexcept;

  // A copy of this key carrying a different kid (the material is shared).
  Key with_kid(std::string kid) const;
  // A copy of this key bound to the single algorithm `alg`, as a JWK "alg" binds it: it then
  // signs and verifies under `alg` only (e.g. each key of a rotation ring under its own).
  // kKeyMismatch if the key cannot be used with `alg` or is already bound to another one.
  Result<Key> with_algorithm(Algorithm alg) const;

  // ---- Export ----
  // The public JWK (no private members), with kid and alg when known. For secrets: error.
  Result<std::string> public_jwk() const;
  // The full JWK including private members (and "k" for secrets).
  Result<std::string> private_jwk() const;
  // RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key (or the secret).
  Result<std::string> thumbprint() const;
  // PEM: SPKI for the public half, PKCS#8 for the private key.
  Result<std::string> public_pem() const;
  Result<std::string> private_pem() const;

 private:
  // Only the library makes a Key from its material and reads it back.
  friend struct detail::KeyAccess;
  explicit Key(std::shared_ptr<const detail::KeyData> data) noexcept : data_(std::move(data)) {}

  std::shared_ptr<const detail::KeyData> data_;
};

// A JWK Set (RFC 7517 §5). Immutable, cheap to copy, thread-safe like Key.
class KeySet {
 public:
  KeySet() = default;
  explicit KeySet(std::vector<Key> keys) : keys_(std::move(keys)) {}
  // Parses {"keys":[...]}. Members with an unknown "kty" or a "use" other than "sig" and
  // "enc" are skipped (RFC 7517 §5); a malformed member of a known kty is an error.
  // Encryption keys ("use":"enc", a JWE "alg", X25519/X448) are kept but never chosen to
  // verify a signature; signature keys are never chosen to decrypt.
  static Result<KeySet> from_jwks(std::string_view jwks_json, const KeyOptions& options = {});

  const std::vector<Key>& keys() const noexcept { return keys_; }
  // The key whose kid is `kid`; kNoMatchingKey if none, kMultipleMatchingKeys if several.
  // A key without a kid never matches, not even "".
  Result<Key> find(std::string_view kid) const;
  // Picks the key for a token header: by kid when the header has one (std::nullopt: it has
  // none), else the single key compatible with alg (several → kMultipleMatchingKeys). A kid
  // that is present, even "", and matches no key is kNoMatchingKey: never a choice by alg.
  Result<Key> select(std::optional<std::string_view> kid, Algorithm alg) const;
  // The same for a JWE header: by kid when it has one, else the single key that can decrypt
  // with `alg` (and `enc`, for "dir").
  Result<Key> select_for_decrypt(std::string_view kid, KeyManagement alg,
                                 ContentEncryption enc) const;
  // {"keys":[...public JWKs...]}
  Result<std::string> public_jwks() const;

 private:
  std::vector<Key> keys_;
};

}  // namespace jot
