#pragma once

// Helpers to forge tokens the way an attacker would: arbitrary header and payload text,
// arbitrary signature bytes. Test-only.

#include <openssl/evp.h>

#include <jot/jot.hpp>
#include <string>
#include <string_view>

namespace jot_attack {

// The keys the attack tests share, generated once per process. server_key() is the
// verifier's; attacker_key() one the attacker owns (same algorithm, different key).
inline const jot::Key& server_key() {
  static const jot::Key key = jot::Key::generate(jot::Algorithm::kES256).value();
  return key;
}
inline const jot::Key& attacker_key() {
  static const jot::Key key = jot::Key::generate(jot::Algorithm::kES256).value();
  return key;
}
inline const jot::Key& hs256_key() {
  static const jot::Key key = jot::Key::generate(jot::Algorithm::kHS256).value();
  return key;
}
inline const jot::Key& rsa_key() {
  static const jot::Key key = jot::Key::generate(jot::Algorithm::kRS256).value();
  return key;
}

inline std::string b64(std::string_view bytes) {
  return jot::base64url::encode(bytes);
}

// header.payload.signature from raw JSON texts and raw signature bytes.
inline std::string forge(std::string_view header_json, std::string_view payload_json,
                         std::string_view signature_bytes) {
  return b64(header_json) + "." + b64(payload_json) + "." + b64(signature_bytes);
}

// A correctly signed token over arbitrary header text (jws::sign keeps the text as is).
inline std::string signed_with(std::string_view header_json, std::string_view payload_json,
                               const jot::Key& key, jot::Algorithm alg) {
  return jot::jws::sign(header_json, payload_json, key, alg).value();
}

// HS256 over arbitrary header/payload text, computed with OpenSSL directly: for tokens that
// jot itself refuses to produce (duplicate members, keys used as secrets ...).
inline std::string hs256_forge(std::string_view header_json, std::string_view payload_json,
                               std::string_view secret) {
  const std::string input = b64(header_json) + "." + b64(payload_json);
  unsigned char mac[EVP_MAX_MD_SIZE];
  size_t mac_len = 0;
  if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, secret.data(), secret.size(),
                reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, sizeof mac,
                &mac_len) == nullptr) {
    return {};
  }
  return input + "." + b64(std::string_view(reinterpret_cast<const char*>(mac), mac_len));
}

// Options that only look at the signature and structure (claims are tested elsewhere).
inline jot::VerifyOptions signature_only() {
  jot::VerifyOptions options;
  options.clock_timestamp = 1700000000;
  return options;
}

inline constexpr std::string_view kPayload = R"({"sub":"alice","iat":1700000000})";

}  // namespace jot_attack
