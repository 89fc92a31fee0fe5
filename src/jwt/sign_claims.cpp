#include "jwt/sign_claims.hpp"

#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <utility>
#include <vector>

#include "base/json_doc.hpp"
#include "jwt/json_text.hpp"

namespace jot::detail {
namespace {

struct Member {
  const char* name;
  std::string json;  // value as JSON text
};

Error option_error(const char* message, const char* subject) {
  return Error(Errc::kInvalidOption, message).about(subject);
}

// sign's options schema for expiresIn/notBefore: an integral number or a non-empty string.
bool schema_valid(const Timespan& span) {
  if (span.is_number()) {
    return std::isfinite(span.seconds()) && std::trunc(span.seconds()) == span.seconds();
  }
  return !span.text().empty();
}

std::int64_t now_seconds() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::seconds>(now).count();
}

// Splices `added` members before the closing brace of `text` (a valid JSON object).
// At most iat, nbf, exp, aud, iss, sub, jti are added: a fixed array, no allocation.
class Members {
 public:
  void push_back(Member member) { items_[size_++] = std::move(member); }
  const Member* begin() const noexcept { return items_.data(); }
  const Member* end() const noexcept { return items_.data() + size_; }

 private:
  std::array<Member, 7> items_;
  std::size_t size_ = 0;
};

std::string splice(std::string_view text, bool object_empty, const Members& added) {
  std::size_t end = text.size();
  while (end > 0 && text[end - 1] != '}') --end;  // trailing whitespace after the object
  std::string out;
  std::size_t size = text.size();
  for (const Member& m : added) size += std::strlen(m.name) + m.json.size() + 4;
  out.reserve(size);
  out.append(text.substr(0, end - 1));
  bool need_comma = !object_empty;
  for (const Member& m : added) {
    if (need_comma) out += ',';
    need_comma = true;
    out += '"';
    out += m.name;
    out += "\":";
    out += m.json;
  }
  out += text.substr(end - 1);
  return out;
}

}  // namespace

Result<std::string> build_claims(std::string_view payload_json, const SignOptions& options) {
  // ---- step 6: the payload must be one JSON object; iat/exp/nbf must be numbers ----
  std::size_t first = payload_json.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || payload_json[first] != '{') {
    return option_error("Expected \"payload\" to be a plain object.", "payload");
  }
  JsonLimits limits;
  limits.max_bytes = 16 * 1024 * 1024;  // the caller's own data; the verifier has its limits
  limits.max_depth = 64;
  // Parsed into a stack arena: only checked and read, never kept.
  alignas(std::max_align_t) unsigned char buffer[2048];
  boost::json::monotonic_resource arena(buffer, sizeof buffer);
  auto parsed = parse_json_object(payload_json, limits, boost::json::storage_ptr(&arena));
  if (!parsed) {
    return Error(parsed.error().code(), "invalid payload: " + std::string(parsed.error().message()))
        .about("payload");
  }
  const boost::json::object& payload = *parsed;
  const auto number = [&](std::string_view name) -> std::optional<double> {
    const boost::json::value* value = payload.if_contains(name);
    return value != nullptr ? as_number(*value) : std::nullopt;
  };
  for (const char* name : {"iat", "exp", "nbf"}) {
    if (payload.contains(name) && !number(name)) {
      static constexpr const char* kMessages[] = {"\"iat\" should be a number of seconds",
                                                  "\"exp\" should be a number of seconds",
                                                  "\"nbf\" should be a number of seconds"};
      const std::string_view n(name);
      const int index = n == "iat" ? 0 : n == "exp" ? 1 : 2;
      return option_error(kMessages[index], name);
    }
  }

  // ---- steps 7-8: options that would overwrite exp/nbf ----
  if (payload.contains("exp") && options.expires_in) {
    return option_error(
        "Bad \"options.expiresIn\" option the payload already has an \"exp\" property.", "exp");
  }
  if (payload.contains("nbf") && options.not_before) {
    return option_error(
        "Bad \"options.notBefore\" option the payload already has an \"nbf\" property.", "nbf");
  }

  // ---- step 9: option schema ----
  if (options.expires_in && !schema_valid(*options.expires_in)) {
    return option_error(
        "\"expiresIn\" should be a number of seconds or string representing a timespan", "exp");
  }
  if (options.not_before && !schema_valid(*options.not_before)) {
    return option_error(
        "\"notBefore\" should be a number of seconds or string representing a timespan", "nbf");
  }

  // ---- step 11: the base time. The payload's own iat wins (0 means "now"), as in
  // jsonwebtoken, even when no_timestamp removes it from the output. ----
  const std::optional<double> payload_iat = number("iat");
  const bool iat_usable = payload_iat && *payload_iat != 0 && std::isfinite(*payload_iat);
  const double timestamp =
      iat_usable ? *payload_iat
                 : static_cast<double>(options.timestamp ? *options.timestamp : now_seconds());

  Members added;
  bool rewrite = false;  // an existing member is replaced or removed
  std::optional<std::string> replaced_iat;

  // ---- step 12: iat ----
  if (options.no_timestamp) {
    rewrite = payload.contains("iat");
  } else if (!payload.contains("iat")) {
    added.push_back({"iat", json_number(timestamp)});
  } else if (!iat_usable) {
    rewrite = true;
    replaced_iat = json_number(timestamp);
  }

  // ---- steps 13-14: nbf, exp ----
  const auto resolve = [&](const Timespan& span, const char* message) -> Result<std::string> {
    const auto at = resolve_timespan(span, timestamp);
    if (!at || !std::isfinite(*at)) return Error(Errc::kInvalidOption, message);
    return json_number(*at);
  };
  if (options.not_before) {
    auto nbf = resolve(*options.not_before,
                       "\"notBefore\" should be a number of seconds or string representing a "
                       "timespan eg: \"1d\", \"20h\", 60");
    if (!nbf) return std::move(nbf).error().about("nbf");
    added.push_back({"nbf", std::move(*nbf)});
  }
  if (options.expires_in) {
    auto exp = resolve(*options.expires_in,
                       "\"expiresIn\" should be a number of seconds or string representing a "
                       "timespan eg: \"1d\", \"20h\", 60");
    if (!exp) return std::move(exp).error().about("exp");
    added.push_back({"exp", std::move(*exp)});
  }

  // ---- step 15: claims copied from options; the payload must not already have them ----
  if (!options.audience.empty()) {
    if (payload.contains("aud")) {
      return option_error(
          "Bad \"options.audience\" option. The payload already has an \"aud\" property.", "aud");
    }
    added.push_back({"aud", options.audience.size() == 1 ? json_string(options.audience[0])
                                                         : json_string_array(options.audience)});
  }
  const struct {
    const std::optional<std::string>& value;
    const char* claim;
    const char* message;
  } copied[] = {
      {options.issuer, "iss",
       "Bad \"options.issuer\" option. The payload already has an \"iss\" property."},
      {options.subject, "sub",
       "Bad \"options.subject\" option. The payload already has an \"sub\" property."},
      {options.jwtid, "jti",
       "Bad \"options.jwtid\" option. The payload already has an \"jti\" property."},
  };
  for (const auto& c : copied) {
    if (!c.value) continue;
    if (payload.contains(c.claim)) return option_error(c.message, c.claim);
    added.push_back({c.claim, json_string(*c.value)});
  }

  if (!rewrite) return splice(payload_json, payload.empty(), added);

  // Re-serialise: members keep their order, a replaced iat keeps its place.
  auto original = JsonObject::parse(payload_json, limits);
  if (!original) return std::move(original).error();
  JsonObject::Builder builder(*original);
  if (options.no_timestamp) builder.erase("iat");
  if (replaced_iat) {
    if (auto ok = builder.set_json("iat", *replaced_iat); !ok) return std::move(ok).error();
  }
  for (const Member& m : added) {
    if (auto ok = builder.set_json(m.name, m.json); !ok) return std::move(ok).error();
  }
  return std::move(builder).build().to_json();
}

}  // namespace jot::detail
