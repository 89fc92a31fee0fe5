#pragma once

// JWA encryption algorithms (RFC 7518 §4 and §5, RFC 8037 §3.2): the key-management
// algorithm of a JWE ("alg") and its content encryption ("enc").

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace jot {

enum class KeyManagement : std::uint8_t {
  kDir,     // the key is the content encryption key
  kA128KW,  // AES Key Wrap (RFC 3394)
  kA192KW,
  kA256KW,
  kA128GCMKW,  // AES-GCM key wrap (iv and tag in the header)
  kA192GCMKW,
  kA256GCMKW,
  kRsaOaep,     // RSAES-OAEP, SHA-1 and MGF1-SHA-1
  kRsaOaep256,  // RSAES-OAEP, SHA-256 and MGF1-SHA-256
  kRsaOaep384,
  kRsaOaep512,
  kEcdhEs,        // ECDH-ES direct key agreement (Concat KDF)
  kEcdhEsA128KW,  // ECDH-ES, then AES Key Wrap of the content key
  kEcdhEsA192KW,
  kEcdhEsA256KW,
  kPbes2Hs256A128KW,  // PBKDF2-HMAC-SHA-256, then AES-128 Key Wrap
  kPbes2Hs384A192KW,
  kPbes2Hs512A256KW,
  // RSAES-PKCS1-v1_5. Exposed to Bleichenbacher's padding-oracle attack: refused unless the
  // caller sets the loudly named insecure_allow_rsa1_5 option on encrypt or decrypt.
  kRsa1_5,
};

enum class ContentEncryption : std::uint8_t {
  kA128GCM,
  kA192GCM,
  kA256GCM,
  kA128CbcHs256,  // AES-CBC with HMAC-SHA-256 (RFC 7518 §5.2)
  kA192CbcHs384,
  kA256CbcHs512,
};

// JOSE names: "A256KW", "ECDH-ES+A128KW", "PBES2-HS256+A128KW", "A128CBC-HS256" ...
std::string_view to_string(KeyManagement alg) noexcept;
std::string_view to_string(ContentEncryption enc) noexcept;
// Case-sensitive, as RFC 7516 §4.1.1-4.1.2 require.
std::optional<KeyManagement> key_management_from_string(std::string_view name) noexcept;
std::optional<ContentEncryption> content_encryption_from_string(std::string_view name) noexcept;

// Every value, in enum order (kRsa1_5 last).
std::span<const KeyManagement> all_key_management() noexcept;
std::span<const ContentEncryption> all_content_encryption() noexcept;

// Bytes of the content encryption key `enc` needs: 16/24/32 for GCM, 32/48/64 for CBC-HS.
std::size_t content_key_bytes(ContentEncryption enc) noexcept;

}  // namespace jot
