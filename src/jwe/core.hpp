#pragma once

// Internal shape of the JWE layer: the key-management step (key.cpp) that turns a key and
// a header into the content encryption key, in both directions.

#include <boost/json.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "jot/jwe.hpp"
#include "keys/jwe_crypto.hpp"

namespace jot::detail {

// The one error for every authentication failure, whichever step it was.
inline Error decryption_failed() noexcept {
  return Error(Errc::kInvalidSignature, "decryption failed");
}

// A content key on the stack, wiped when it goes out of scope.
struct ContentKey {
  ContentKey() = default;
  ContentKey(const ContentKey&) = delete;
  ContentKey& operator=(const ContentKey&) = delete;
  ~ContentKey();
  unsigned char bytes[kMaxContentKeyBytes];
  std::size_t size = 0;
  std::string_view view() const noexcept { return {reinterpret_cast<const char*>(bytes), size}; }
};

// What encryption adds to the header and the token besides the ciphertext.
struct KeyManagementOutput {
  std::string encrypted_key;    // raw bytes
  boost::json::object members;  // epk, apu, apv, iv, tag, p2s, p2c
};

// Chooses (or derives) the content key for encrypting to `key` and encrypts it.
Result<void> wrap_content_key(const Key& key, const jwe::EncryptOptions& options, ContentKey& cek,
                              KeyManagementOutput& out);

// Recovers the content key from the header and the encrypted key. Authentication failures
// (AES-KW integrity, GCM tag, RSA padding) return decryption_failed(); an RSA failure is
// turned into a random key instead, so that it shows only at the content tag.
Result<void> unwrap_content_key(const Key& key, KeyManagement alg, ContentEncryption enc,
                                const boost::json::object& header, std::string_view encrypted_key,
                                const jwe::DecryptOptions& options, ContentKey& cek);

}  // namespace jot::detail
