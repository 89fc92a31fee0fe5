// Structural decoding of a compact JWS: everything that can be checked without a key.

#include <memory>
#include <string>

#include "base/json_doc.hpp"
#include "jot/base64url.hpp"
#include "jws/core.hpp"

namespace jot::detail {
namespace {

// "invalid token" is jsonwebtoken's text for every structural failure after the split; the
// suffix says which part was wrong and why, so the message stays greppable and useful.
Error wrap_json_error(const char* part, const Error& error) {
  std::string message = "invalid token: ";
  message += part;
  message += ": ";
  message += error.message();
  return Error(error.code(), std::move(message)).about(part);
}

}  // namespace

Result<void> decode_compact(std::string_view token, const JsonLimits& limits,
                            std::size_t max_token_bytes, DecodedJws& out) {
  if (token.size() > max_token_bytes) {
    return Error(Errc::kLimitExceeded, "jwt exceeds the maximum token size");
  }
  if (token.empty()) return Error(Errc::kMalformed, "jwt must be provided");
  auto segments = jws::split(token);
  if (!segments) return std::move(segments).error();
  out.segments = *segments;

  // All three segments must be strict base64url before any JSON is looked at: a token with
  // stray characters is rejected whatever else it contains.
  if (out.segments.header.empty() ||
      !base64url::decode_into(out.segments.header, out.header_buffer.str())) {
    return Error(Errc::kMalformed, "invalid token: header is not valid base64url").about("header");
  }
  if (!base64url::decode_into(out.segments.payload, out.payload_buffer.str())) {
    return Error(Errc::kMalformed, "invalid token: payload is not valid base64url")
        .about("payload");
  }
  if (!base64url::decode_into(out.segments.signature, out.signature_buffer.str())) {
    return Error(Errc::kMalformed, "invalid token: signature is not valid base64url")
        .about("signature");
  }
  out.header_text = out.header_buffer.str();
  out.payload = out.payload_buffer.str();
  out.signature = out.signature_buffer.str();

  auto header = parse_json_object(out.header_text, limits, boost::json::storage_ptr(&out.arena));
  if (!header) return wrap_json_error("header", header.error());
  out.header.emplace(std::move(*header));
  return {};
}

Result<void> validate_json_object(std::string_view text, const JsonLimits& limits,
                                  const char* part) {
  alignas(std::max_align_t) unsigned char buffer[2048];
  boost::json::monotonic_resource arena(buffer, sizeof buffer);
  auto parsed = parse_json_object(text, limits, boost::json::storage_ptr(&arena));
  if (!parsed) return wrap_json_error(part, parsed.error());
  return {};
}

Result<JsonObject> parse_part(std::string_view text, const JsonLimits& limits, const char* part) {
  auto parsed = JsonObject::parse(text, limits);
  if (!parsed) return wrap_json_error(part, parsed.error());
  return parsed;
}

JsonObject header_object(const DecodedJws& jws) {
  auto doc = std::make_shared<ArenaJsonDoc>();
  // Copy-assignment keeps the destination's storage: the members land in the doc's arena.
  doc->object = *jws.header;
  return JsonObject(std::shared_ptr<const JsonDoc>(std::move(doc)));
}

Result<void> require_signature(const DecodedJws& jws) noexcept {
  if (jws.segments.signature.empty()) {
    return Error(Errc::kInvalidSignature, "jwt signature is required").about("signature");
  }
  return {};
}

}  // namespace jot::detail
