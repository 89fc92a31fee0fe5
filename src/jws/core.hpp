#pragma once

// The shared core of compact JWS verification, used by jws::verify and by the JWT layer.
// Each step is a separate function so that the JWT layer can interleave its own steps
// (payload parsing, key selection) in jsonwebtoken's order:
//
//   decode_compact      size, "jwt must be provided", "jwt malformed", strict base64url of
//                       all three segments, header = UTF-8 JSON object within limits whose
//                       kid/typ/cty are strings and which has no zip (check_header_params)
//   require_signature   "jwt signature is required"
//   header_algorithm    header "alg" → Algorithm ("invalid algorithm")
//   check_allowed       allow-list (explicit, or derived from the key type)
//   verify_signature    key ⇄ algorithm binding, then the signature itself
//   check_crit          RFC 7515 §4.1.11
//
// Cost: the header is remembered per thread (a new valid header costs one allocation, its
// remembered copy, whether the token then passes or not) and the segments are decoded into
// a per-thread scratch buffer, so for an issuer's usual header every step up to and including
// the signature check makes no heap allocation; a rejection there is free. The caller builds the
// JsonObjects it returns only once the token has passed.

#include <boost/json.hpp>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jot/jws.hpp"
#include "json/json_scan.hpp"
#include "jws/scratch.hpp"

namespace jot::detail {

// A decoded compact token. Not movable: the views point into its own buffers.
struct DecodedJws {
  DecodedJws() = default;
  DecodedJws(const DecodedJws&) = delete;
  DecodedJws& operator=(const DecodedJws&) = delete;

  jws::Segments segments;
  std::string_view payload;    // decoded payload bytes
  std::string_view signature;  // decoded signature bytes

  // One per-thread buffer holds the three decoded segments, one after the other.
  ScratchLease decoded;

  // The header object: the thread's remembered header when this token's header segment is
  // byte-identical to the last verified one (`remembered`), else parsed into `arena`
  // (declared first, so destroyed last; headers larger than the inline buffer spill to the
  // heap). Set by decode_compact.
  const boost::json::object* header = nullptr;
  JsonObject remembered;
  bool from_memory = false;
  JsonLimits limits;  // what the header was checked with
  alignas(std::max_align_t) unsigned char arena_buffer[1024];
  boost::json::monotonic_resource arena{arena_buffer, sizeof arena_buffer};
  std::optional<boost::json::object> parsed_header;
};

// Decodes and checks the token's structure and header. A service sees the same header on
// every token of an issuer, so each thread remembers the last valid header it decoded (by its
// exact base64url text and the limits it was checked with): for such a header the
// decoding and parsing are skipped, with the same outcome, as the same bytes under the same
// rules give the same result.
Result<void> decode_compact(std::string_view token, const JsonLimits& limits,
                            std::size_t max_token_bytes, DecodedJws& out);

// Checks that `text` is one JSON object within `limits` and reads its registered claims into
// `scan`, without building a document. Errors carry the "invalid token: <part>: " prefix.
Result<void> scan_part(std::string_view text, const JsonLimits& limits, const char* part,
                       ObjectScan& scan);

// Parses `text` into a JsonObject (one allocation), with the same error prefix.
Result<JsonObject> parse_part(std::string_view text, const JsonLimits& limits, const char* part);

// The decoded header as a JsonObject the caller may keep: the remembered one, or a copy of
// the arena object into a fresh document (one allocation; no second parse), which the thread
// then remembers. What is remembered is only "this segment decodes to this valid header";
// the signature and everything else are still checked on every token.
JsonObject header_object(const DecodedJws& jws);
// The same, for the caller's result once nothing reads the header through `jws` any more:
// the remembered handle is moved out rather than copied (one reference-count round trip
// less per verify).
JsonObject take_header_object(DecodedJws& jws);

Result<void> require_signature(const DecodedJws& jws) noexcept;

std::optional<std::string_view> header_string(const boost::json::object& header,
                                              std::string_view name) noexcept;

Result<Algorithm> header_algorithm(const boost::json::object& header) noexcept;

// With an empty allow-list, the algorithms of the key's type (jsonwebtoken's defaults plus
// ES256K and EdDSA); the key binding (check_verify) narrows this further.
bool default_allows(const Key& key, Algorithm alg) noexcept;
Result<void> check_allowed(Algorithm alg, std::span<const Algorithm> allowed,
                           const Key& key) noexcept;

Result<void> verify_signature(const DecodedJws& jws, Algorithm alg, const Key& key) noexcept;

// RFC 7515 §4.1 on a received header (kMalformed): "kid", "typ" and "cty" are strings when
// present, and "zip" (JWE only, RFC 7516 §4.1.3) is absent. Checked when a header is first
// decoded, so a remembered header has passed it.
Result<void> check_header_params(const boost::json::object& header) noexcept;
// The same rules, and crit's, on a header the caller asks to sign (kInvalidOption): jot
// never produces a token that its own verify refuses for its header.
Result<void> check_header_for_signing(const boost::json::object& header);

// RFC 7515 §4.1.11 on a received header: crit well formed, every name understood.
Result<void> check_crit(const boost::json::object& header,
                        const std::vector<std::string>& understood);
// The same shape rules on a header the caller asks to sign (kInvalidOption when broken).
Result<void> check_crit_for_signing(const boost::json::object& header);

}  // namespace jot::detail
