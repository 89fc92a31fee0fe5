#pragma once

// Compact JWS (RFC 7515 §7.1) over arbitrary payload bytes. The JWT layer (jwt.hpp) is
// built on this; use it directly for non-JWT payloads.

#include <string>
#include <string_view>
#include <vector>

#include "jot/algorithm.hpp"
#include "jot/error.hpp"
#include "jot/json_object.hpp"
#include "jot/key.hpp"

namespace jot::jws {

// The three segments of a compact token, as views into it.
struct Segments {
  std::string_view header;     // base64url
  std::string_view payload;    // base64url
  std::string_view signature;  // base64url (empty for alg "none")
  std::string_view signing_input() const noexcept {
    return {header.data(), header.size() + 1 + payload.size()};
  }
};

// Splits a compact token into exactly three segments ("jwt malformed" otherwise).
Result<Segments> split(std::string_view token) noexcept;

// Signs `payload` bytes with a protected header made of `header_json` (a JSON object text
// whose "alg" must name `alg`; used byte for byte). Checks the key ⇄ algorithm binding.
Result<std::string> sign(std::string_view header_json, std::string_view payload, const Key& key,
                         Algorithm alg);

struct VerifyOptions {
  std::vector<Algorithm> algorithms;  // empty: the key's compatible algorithms
  std::vector<std::string> understood_crit;
  JsonLimits limits;
  std::size_t max_token_bytes = 256 * 1024;
};

struct Verified {
  JsonObject header;
  std::string payload;  // decoded bytes
  Algorithm alg;
};

// Verifies a compact JWS: structure, strict base64url, header JSON, alg allow-list, crit,
// key binding, signature. Never selects a key from the header (jwk/jku/x5u/x5c ignored).
Result<Verified> verify(std::string_view token, const Key& key, const VerifyOptions& options = {});

}  // namespace jot::jws
