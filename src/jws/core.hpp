#pragma once

// The shared core of compact JWS verification, used by jws::verify and by the JWT layer.
// Each step is a separate function so that the JWT layer can interleave its own steps
// (payload parsing, key selection) in jsonwebtoken's order:
//
//   decode_compact      size, "jwt must be provided", "jwt malformed", strict base64url of
//                       all three segments, header = UTF-8 JSON object within limits
//   require_signature   "jwt signature is required"
//   header_algorithm    header "alg" → Algorithm ("invalid algorithm")
//   check_allowed       allow-list (explicit, or derived from the key type)
//   verify_signature    key ⇄ algorithm binding, then the signature itself
//   check_crit          RFC 7515 §4.1.11

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jot/jws.hpp"
#include "jws/scratch.hpp"

namespace jot::detail {

// A decoded compact token. Not movable: the views point into its scratch buffers.
struct DecodedJws {
  jws::Segments segments;
  std::optional<JsonObject> header;  // set by decode_compact (optional: no allocation before)
  std::string_view payload;          // decoded payload bytes (valid while this object lives)
  std::string_view signature;        // decoded signature bytes (valid while this object lives)

  DecodedJws() = default;
  DecodedJws(const DecodedJws&) = delete;
  DecodedJws& operator=(const DecodedJws&) = delete;

  ScratchLease payload_buffer;
  ScratchLease signature_buffer;
};

Result<void> decode_compact(std::string_view token, const JsonLimits& limits,
                            std::size_t max_token_bytes, DecodedJws& out);

Result<void> require_signature(const DecodedJws& jws) noexcept;

Result<Algorithm> header_algorithm(const JsonObject& header) noexcept;

// With an empty allow-list, the algorithms of the key's type (jsonwebtoken's defaults plus
// ES256K and EdDSA); the key binding (check_verify) narrows this further.
bool default_allows(const Key& key, Algorithm alg) noexcept;
Result<void> check_allowed(Algorithm alg, std::span<const Algorithm> allowed,
                           const Key& key) noexcept;

Result<void> verify_signature(const DecodedJws& jws, Algorithm alg, const Key& key) noexcept;

Result<void> check_crit(const JsonObject& header, const std::vector<std::string>& understood);

}  // namespace jot::detail
