#pragma once

// Helpers for the JWT tests: decoding the parts of a token as text, fixed keys.

#include <string>
#include <string_view>

#include "jot/base64url.hpp"
#include "jot/jws.hpp"
#include "jot/jwt.hpp"
#include "jws/forge.hpp"

namespace jot_test {

inline std::string header_text(std::string_view token) {
  return jot::base64url::decode(jot::jws::split(token).value().header).value();
}

inline std::string payload_text(std::string_view token) {
  return jot::base64url::decode(jot::jws::split(token).value().payload).value();
}

inline jot::Key secret_key() {
  return jot::Key::from_secret(kSecret64).value();
}

// Signs `payload` (arbitrary bytes) as an HS256 JWT with header {"alg":"HS256","typ":"JWT"},
// bypassing sign()'s checks: for presenting the verifier with hostile claim sets.
inline std::string forge_hs256(std::string_view payload) {
  return forge(R"({"alg":"HS256","typ":"JWT"})", payload, secret_key(), jot::Algorithm::kHS256);
}

// A fixed "now" for clock tests.
inline constexpr std::int64_t kNow = 1700000000;

}  // namespace jot_test
