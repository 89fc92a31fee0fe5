#pragma once

// The JWE primitives, all from OpenSSL 3 EVP: content encryption (AES-GCM, AES-CBC with
// HMAC-SHA-2, RFC 7518 §5), AES Key Wrap (RFC 3394) and AES-GCM key wrap, RSAES-OAEP and
// RSAES-PKCS1-v1_5, ECDH and X25519/X448 with the Concat KDF (SSKDF), PBKDF2.
//
// The symmetric operations use per-thread cipher and MAC contexts that are re-keyed per
// token, so decrypting with them makes no heap allocation once the thread is warm, and a
// token that fails authentication costs none.

#include <cstddef>
#include <string>
#include <string_view>

#include "jot/error.hpp"
#include "jot/jwe_algorithm.hpp"
#include "keys/key_data.hpp"

namespace jot::detail {

// Longest content key (A256CBC-HS512), tag (A256CBC-HS512) and IV (CBC).
inline constexpr std::size_t kMaxContentKeyBytes = 64;
inline constexpr std::size_t kMaxTagBytes = 32;
inline constexpr std::size_t kMaxIvBytes = 16;

std::size_t content_iv_bytes(ContentEncryption enc) noexcept;   // 12 (GCM) or 16 (CBC)
std::size_t content_tag_bytes(ContentEncryption enc) noexcept;  // 16, or 16/24/32 for CBC-HS

// Fills `out` with `size` random bytes from OpenSSL's CSPRNG.
bool random_bytes(unsigned char* out, std::size_t size) noexcept;

// Encrypts `plaintext` with `cek` (content_key_bytes(enc)) and `iv` (content_iv_bytes), the
// ciphertext appended to `out`, the tag (content_tag_bytes) written to `tag`.
bool content_encrypt(ContentEncryption enc, std::string_view cek, std::string_view iv,
                     std::string_view aad, std::string_view plaintext, std::string& out,
                     unsigned char* tag) noexcept;

// Decrypts into `plaintext` (replaced; capacity reused). Returns false when anything fails,
// authentication first: CBC-HS compares its tag in constant time before decrypting, GCM
// checks its tag before the result counts. On false, `plaintext` has been wiped.
bool content_decrypt(ContentEncryption enc, std::string_view cek, std::string_view iv,
                     std::string_view aad, std::string_view ciphertext, std::string_view tag,
                     std::string& plaintext) noexcept;

// AES Key Wrap with `kek` (16/24/32 bytes): `out` receives key.size() + 8 bytes.
bool aes_kw_wrap(std::string_view kek, std::string_view key, unsigned char* out) noexcept;
// Unwraps into `out` (wrapped.size() - 8 bytes); false when the integrity check fails.
bool aes_kw_unwrap(std::string_view kek, std::string_view wrapped, unsigned char* out) noexcept;

// AES-GCM key wrap (A*GCMKW): 12-byte IV, 16-byte tag, no AAD.
bool aes_gcm_wrap(std::string_view kek, std::string_view iv, std::string_view key,
                  unsigned char* out, unsigned char* tag) noexcept;
bool aes_gcm_unwrap(std::string_view kek, std::string_view iv, std::string_view wrapped,
                    std::string_view tag, unsigned char* out) noexcept;

// RSAES-OAEP (RSA-OAEP*) or RSAES-PKCS1-v1_5 (RSA1_5) encryption of `cek` to `key`.
Result<std::string> rsa_encrypt(const KeyData& key, KeyManagement alg, std::string_view cek);
// Decrypts into `out` (replaced). False on any failure, whatever it was: the caller carries
// on with a random key so that the failure shows only at the content tag.
bool rsa_decrypt(const KeyData& key, KeyManagement alg, std::string_view encrypted,
                 std::string& out) noexcept;

// ECDH (EC) or X25519/X448 shared secret Z of `private_key` with `peer`. Refuses an
// all-zero X25519/X448 secret (a small-order peer key).
Result<std::string> ecdh_shared_secret(EVP_PKEY* private_key, EVP_PKEY* peer);
// A fresh key pair on the curve of `recipient`.
Result<PkeyPtr> ecdh_ephemeral(const KeyData& recipient);
// The Concat KDF of RFC 7518 §4.6.2 (NIST SP 800-56A single-step KDF with SHA-256):
// `out_size` bytes from Z for `algorithm_id` ("enc" for ECDH-ES, else "alg"), apu, apv.
bool concat_kdf(std::string_view z, std::string_view algorithm_id, std::string_view apu,
                std::string_view apv, unsigned char* out, std::size_t out_size) noexcept;

// PBKDF2 with HMAC-SHA-256/384/512 for PBES2-HS*: `out_size` bytes, salt = alg || 0 || p2s.
bool pbes2_derive(KeyManagement alg, std::string_view password, std::string_view p2s,
                  std::uint32_t count, unsigned char* out, std::size_t out_size) noexcept;

}  // namespace jot::detail
