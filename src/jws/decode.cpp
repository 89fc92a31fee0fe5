// Structural decoding of a compact JWS: everything that can be checked without a key.

#include <memory>
#include <string>

#include "jot/base64url.hpp"
#include "json/json_doc.hpp"
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

// The last header that passed verification on this thread. Only short headers are kept,
// so a thread never pins a large one.
constexpr std::size_t kMaxRememberedSegment = 512;

struct RememberedHeader {
  std::string segment;  // base64url text, exactly as in the token
  JsonLimits limits;
  JsonObject header;
  bool valid = false;
};

RememberedHeader& remembered() noexcept {
  thread_local RememberedHeader instance;
  return instance;
}

bool same_limits(const JsonLimits& a, const JsonLimits& b) noexcept {
  return a.max_bytes == b.max_bytes && a.max_depth == b.max_depth &&
         a.allow_duplicate_members == b.allow_duplicate_members;
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

  out.limits = limits;
  const RememberedHeader& memory = remembered();
  // A remembered header is valid base64url and a valid JSON object under these limits: the
  // checks below would pass for it, in the same order.
  out.from_memory =
      memory.valid && memory.segment == out.segments.header && same_limits(memory.limits, limits);

  // All three segments must be strict base64url before any JSON is looked at: a token with
  // stray characters is rejected whatever else it contains. They are decoded into one
  // buffer, sized once.
  const std::size_t header_size =
      out.from_memory ? 0 : base64url::decoded_size(out.segments.header.size());
  const std::size_t payload_size = base64url::decoded_size(out.segments.payload.size());
  const std::size_t signature_size = base64url::decoded_size(out.segments.signature.size());
  std::string& buffer = out.decoded.str();
  buffer.resize(header_size + payload_size + signature_size);
  char* const header_bytes = buffer.data();
  char* const payload_bytes = header_bytes + header_size;
  char* const signature_bytes = payload_bytes + payload_size;
  if (!out.from_memory &&
      (out.segments.header.empty() || !base64url::decode_to(out.segments.header, header_bytes))) {
    return Error(Errc::kMalformed, "invalid token: header is not valid base64url").about("header");
  }
  if (!base64url::decode_to(out.segments.payload, payload_bytes)) {
    return Error(Errc::kMalformed, "invalid token: payload is not valid base64url")
        .about("payload");
  }
  if (!base64url::decode_to(out.segments.signature, signature_bytes)) {
    return Error(Errc::kMalformed, "invalid token: signature is not valid base64url")
        .about("signature");
  }
  out.payload = std::string_view(payload_bytes, payload_size);
  out.signature = std::string_view(signature_bytes, signature_size);

  if (out.from_memory) {
    // A copy of the handle: a nested verify on this thread may replace the remembered one.
    out.remembered = memory.header;
    out.header = &json_doc(out.remembered).object;
    return {};
  }
  auto header = parse_json_object(std::string_view(header_bytes, header_size), limits,
                                  boost::json::storage_ptr(&out.arena));
  if (!header) return wrap_json_error("header", header.error());
  // Before the header can be remembered: a remembered header has passed this too.
  if (auto ok = check_header_params(*header); !ok) return ok;
  out.header = &out.parsed_header.emplace(std::move(*header));
  if (out.segments.header.size() <= kMaxRememberedSegment) {
    // Remembered now, not only once the token passes: a token with a bad signature and an
    // issuer's usual header must not cost more than a good one (attackers choose the failing
    // path). The one allocation is paid once per new header, by good and bad tokens alike.
    out.remembered = header_object(out);
    out.from_memory = true;
    out.header = &json_doc(out.remembered).object;
  }
  return {};
}

Result<void> scan_part(std::string_view text, const JsonLimits& limits, const char* part,
                       ObjectScan& scan) {
  if (auto ok = scan_json_object(text, limits, scan); !ok) {
    return wrap_json_error(part, ok.error());
  }
  return {};
}

Result<JsonObject> parse_part(std::string_view text, const JsonLimits& limits, const char* part) {
  auto parsed = JsonObject::parse(text, limits);
  if (!parsed) return wrap_json_error(part, parsed.error());
  return parsed;
}

JsonObject header_object(const DecodedJws& jws) {
  if (jws.from_memory) return jws.remembered;
  auto doc = std::make_shared<ArenaJsonDoc>();
  // Copy-assignment keeps the destination's storage: the members land in the doc's arena.
  doc->object = *jws.header;
  JsonObject header = JsonAccess::make(std::move(doc));
  if (jws.segments.header.size() <= kMaxRememberedSegment) {
    RememberedHeader& memory = remembered();
    memory.valid = false;  // stays false if the copy below throws
    memory.segment.assign(jws.segments.header);
    memory.limits = jws.limits;
    memory.header = header;
    memory.valid = true;
  }
  return header;
}

JsonObject take_header_object(DecodedJws& jws) {
  if (jws.from_memory) return std::move(jws.remembered);
  return header_object(jws);
}

Result<void> require_signature(const DecodedJws& jws) noexcept {
  if (jws.segments.signature.empty()) {
    return Error(Errc::kInvalidSignature, "jwt signature is required").about("signature");
  }
  return {};
}

}  // namespace jot::detail
