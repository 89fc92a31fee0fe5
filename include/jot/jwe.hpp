#pragma once

// Compact JWE (RFC 7516 §7.1, algorithms of RFC 7518 §4-5 and RFC 8037 §3.2): tokens whose
// payload only the key holder can read. A JWS (jws.hpp, jwt.hpp) is signed but readable by
// anyone; a JWE is encrypted and authenticated by a key its recipient holds; a nested JWT
// (RFC 7519 §11.2) is both: signed by the issuer, then encrypted to the recipient.
//
//   auto key   = jot::Key::generate(jot::KeyManagement::kA256KW).value();
//   jot::jwe::EncryptOptions how{jot::KeyManagement::kA256KW, jot::ContentEncryption::kA256GCM};
//   auto token = jot::jwe::encrypt("secret bytes", key, how);
//   jot::jwe::DecryptOptions allow;
//   allow.algorithms = {jot::KeyManagement::kA256KW};
//   auto plain = jot::jwe::try_decrypt(token, key, allow);   // Result<Decrypted>
//
// Two forms of every call, as on the JWS side: try_*() never throws and returns Result<T>;
// the plain form returns T and throws JsonWebTokenError (TokenExpiredError/NotBeforeError
// for a nested JWT's claims).
//
// Every failure to authenticate (wrong tag, wrong key, AES-KW integrity, RSA-OAEP padding)
// is the one error Errc::kInvalidSignature "decryption failed": the caller, and an
// attacker, cannot tell which step refused. No plaintext byte leaves the library before the
// tag was checked.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jot/error.hpp"
#include "jot/json_object.hpp"
#include "jot/jwe_algorithm.hpp"
#include "jot/jwt.hpp"
#include "jot/key.hpp"

namespace jot::jwe {

// The five segments of a compact JWE, as views into it (base64url text).
struct Segments {
  std::string_view header;
  std::string_view encrypted_key;  // empty for "dir" and "ECDH-ES"
  std::string_view iv;
  std::string_view ciphertext;
  std::string_view tag;
};

// Splits a compact JWE into exactly five segments. A three-segment JWS is refused with a
// message that says so.
Result<Segments> split(std::string_view token) noexcept;

// ---- encrypt --------------------------------------------------------------------------

struct EncryptOptions {
  EncryptOptions() = default;
  EncryptOptions(KeyManagement a, ContentEncryption e) noexcept : alg(a), enc(e) {}

  KeyManagement alg = KeyManagement::kA256KW;
  ContentEncryption enc = ContentEncryption::kA256GCM;
  std::optional<std::string> kid;  // header kid; default: the key's kid, if any
  std::optional<std::string> cty;  // header cty (a nested JWT gets "JWT")
  std::optional<std::string> typ;  // header typ; none by default
  // Extra protected header members, a JSON object text. It may not set the members jot
  // computes (alg, enc, epk, iv, tag, p2s, p2c, zip); "crit" must be well formed.
  std::string header_json;
  // PBES2: iteration count (at least 1000, RFC 7518 §4.8.1.2; at most the decrypt cap,
  // kMaxPbes2Count) and salt length in bytes (at least 8).
  std::uint32_t pbes2_count = 10000;
  std::size_t pbes2_salt_bytes = 16;
  // ECDH-ES: Agreement PartyUInfo / PartyVInfo (raw bytes, at most 256 each; header
  // "apu"/"apv" when set).
  std::string apu;
  std::string apv;
  // Produce RSA1_5 tokens. Dangerous: RSAES-PKCS1-v1_5 decryption is a padding oracle.
  bool insecure_allow_rsa1_5 = false;
};

// Encrypts `plaintext` bytes for `key`. Checks the key ⇄ algorithm binding.
Result<std::string> try_encrypt(std::string_view plaintext, const Key& key,
                                const EncryptOptions& options);
// Encrypts a claims object (its compact JSON text, member order kept).
Result<std::string> try_encrypt(const JsonObject& claims, const Key& key,
                                const EncryptOptions& options);
std::string encrypt(std::string_view plaintext, const Key& key, const EncryptOptions& options);
std::string encrypt(const JsonObject& claims, const Key& key, const EncryptOptions& options);

// ---- decrypt --------------------------------------------------------------------------

// The highest PBES2 "p2c" jot will ever run, whatever DecryptOptions says.
inline constexpr std::uint32_t kMaxPbes2Count = 1000000;

struct DecryptOptions {
  // Accepted key-management algorithms: must not be empty (kInvalidOption), so a caller
  // always says which ones it expects (RFC 8725 §3.1). kRsa1_5 also needs the opt-in below.
  std::vector<KeyManagement> algorithms;
  // Accepted content encryptions; empty: all six (each is authenticated encryption).
  std::vector<ContentEncryption> encryptions;
  // Header "crit" names the caller understands (RFC 7516 §4.1.13); others are rejected.
  std::vector<std::string> understood_crit;
  JsonLimits limits;                           // protected header JSON
  std::size_t max_token_bytes = 256 * 1024;    // the whole compact token
  std::size_t max_encrypted_key_bytes = 2048;  // an RSA-16384 encrypted key
  // PBES2 "p2c" above this is refused before any work (jose's default cap). At most
  // kMaxPbes2Count.
  std::uint32_t max_pbes2_count = 10000;
  // Accept RSA1_5 (only together with kRsa1_5 in algorithms). Dangerous: Bleichenbacher.
  bool insecure_allow_rsa1_5 = false;
};

struct Decrypted {
  JsonObject header;  // the protected header
  std::string plaintext;
  KeyManagement alg;
  ContentEncryption enc;
};

// Chooses the decryption key from the (not yet authenticated) protected header.
using KeyResolver = std::function<Result<Key>(const JsonObject& header)>;

// Decrypts a compact JWE: size limits, five strict base64url segments, header JSON, alg and
// enc allow-lists, crit, key binding, key management, exact IV/tag/key lengths, then the
// content decryption with its tag checked before any plaintext is returned. The header's
// jwk/jku/x5u/x5c are never used to find a key, and nothing is ever fetched.
Result<Decrypted> try_decrypt(std::string_view token, const Key& key,
                              const DecryptOptions& options);
Result<Decrypted> try_decrypt(std::string_view token, const KeySet& keys,
                              const DecryptOptions& options);
Result<Decrypted> try_decrypt(std::string_view token, const KeyResolver& resolve,
                              const DecryptOptions& options);
Decrypted decrypt(std::string_view token, const Key& key, const DecryptOptions& options);
Decrypted decrypt(std::string_view token, const KeySet& keys, const DecryptOptions& options);
Decrypted decrypt(std::string_view token, const KeyResolver& resolve,
                  const DecryptOptions& options);

// ---- nested JWT (RFC 7519 §11.2): sign, then encrypt ----------------------------------

// Signs the claims with jot::try_sign(signing_key, sign), then encrypts the JWS for
// `encryption_key` with "cty":"JWT" (options.cty is ignored).
Result<std::string> try_sign_and_encrypt(std::string_view claims_json, const Key& signing_key,
                                         const SignOptions& sign, const Key& encryption_key,
                                         const EncryptOptions& encrypt);
Result<std::string> try_sign_and_encrypt(const JsonObject& claims, const Key& signing_key,
                                         const SignOptions& sign, const Key& encryption_key,
                                         const EncryptOptions& encrypt);
std::string sign_and_encrypt(std::string_view claims_json, const Key& signing_key,
                             const SignOptions& sign, const Key& encryption_key,
                             const EncryptOptions& encrypt);

struct DecryptedJwt {
  JsonObject encryption_header;  // the JWE's protected header
  VerifiedToken token;           // the verified inner JWT
};

// Decrypts (the JWE header must say "cty":"JWT", case-insensitively), then verifies the
// inner JWT with jot::try_verify and both sets of options.
Result<DecryptedJwt> try_decrypt_and_verify(std::string_view token, const Key& decryption_key,
                                            const DecryptOptions& decrypt,
                                            const Key& verification_key,
                                            const VerifyOptions& verify);
Result<DecryptedJwt> try_decrypt_and_verify(std::string_view token, const KeySet& decryption_keys,
                                            const DecryptOptions& decrypt,
                                            const KeySet& verification_keys,
                                            const VerifyOptions& verify);
DecryptedJwt decrypt_and_verify(std::string_view token, const Key& decryption_key,
                                const DecryptOptions& decrypt, const Key& verification_key,
                                const VerifyOptions& verify);

}  // namespace jot::jwe
