#pragma once

// Test helper: builds compact tokens from arbitrary header and payload bytes, bypassing every
// check of jot's signing API, so tests can present the verifier with the malformed or hostile
// tokens an attacker could send (duplicate members, exp as a string, alg none ...). The
// signature is computed by jot's real algorithm layer over the exact signing input.

#include <stdexcept>
#include <string>
#include <string_view>

#include "jot/base64url.hpp"
#include "jot/key.hpp"
#include "keys/signature.hpp"
#include "support/key_internals.hpp"

namespace jot_test {

inline std::string b64(std::string_view bytes) {
  return jot::base64url::encode(bytes);
}

// base64url(header) '.' base64url(payload) '.' base64url(signature by `key` with `alg`).
inline std::string forge(std::string_view header_json, std::string_view payload,
                         const jot::Key& key, jot::Algorithm alg) {
  std::string token = b64(header_json) + "." + b64(payload);
  std::string signature;
  auto ok = jot::detail::sign_bytes(alg, jot_test::key_data(key), token, signature);
  if (!ok) throw std::runtime_error("forge: signing failed: " + std::string(ok.error().message()));
  return token + "." + b64(signature);
}

// An unsecured token: no signature at all.
inline std::string forge_unsigned(std::string_view header_json, std::string_view payload) {
  return b64(header_json) + "." + b64(payload) + ".";
}

// A 32-byte HMAC secret, long enough for HS256 under jot's default policy.
inline constexpr std::string_view kSecret32 = "0123456789abcdef0123456789abcdef";
// 64 bytes: enough for HS512.
inline constexpr std::string_view kSecret64 =
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

}  // namespace jot_test
