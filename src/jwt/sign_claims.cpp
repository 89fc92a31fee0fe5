#include "jwt/sign_claims.hpp"

#include <array>
#include <cmath>
#include <cstring>
#include <utility>
#include <vector>

#include "base/clock.hpp"
#include "json/json_doc.hpp"
#include "json/json_scan.hpp"
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

void splice(std::string_view text, bool object_empty, const Members& added, std::string& out) {
  std::size_t end = text.size();
  while (end > 0 && text[end - 1] != '}') --end;  // trailing whitespace after the object
  out.clear();
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
}

}  // namespace

Result<void> build_claims(std::string_view payload_json, const SignOptions& options,
                          std::string& out) {
  // ---- step 6: the payload must be one JSON object; iat/exp/nbf must be numbers ----
  std::size_t first = payload_json.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || payload_json[first] != '{') {
    return option_error("Expected \"payload\" to be a plain object.", "payload");
  }
  JsonLimits limits;
  limits.max_bytes = 16 * 1024 * 1024;  // the caller's own data; the verifier has its limits
  limits.max_depth = 64;
  // Scanned on the stack: only checked and read, never kept.
  ObjectScan scan;
  if (auto ok = scan_json_object(payload_json, limits, scan); !ok) {
    return Error(ok.error().code(), "invalid payload: " + std::string(ok.error().message()))
        .about("payload");
  }
  const auto has = [&](Claim claim) { return scan[claim].present(); };
  const auto number = [&](Claim claim) { return scan[claim].as_number(); };
  static constexpr struct {
    Claim claim;
    const char* name;
    const char* message;
  } kTimes[] = {{Claim::kIat, "iat", "\"iat\" should be a number of seconds"},
                {Claim::kExp, "exp", "\"exp\" should be a number of seconds"},
                {Claim::kNbf, "nbf", "\"nbf\" should be a number of seconds"}};
  for (const auto& t : kTimes) {
    if (has(t.claim) && !number(t.claim)) return option_error(t.message, t.name);
  }

  // ---- steps 7-8: options that would overwrite exp/nbf ----
  if (has(Claim::kExp) && options.expires_in) {
    return option_error(
        "Bad \"options.expiresIn\" option the payload already has an \"exp\" property.", "exp");
  }
  if (has(Claim::kNbf) && options.not_before) {
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
  const std::optional<double> payload_iat = number(Claim::kIat);
  const bool iat_usable = payload_iat && *payload_iat != 0 && std::isfinite(*payload_iat);
  const double timestamp =
      iat_usable ? *payload_iat
                 : static_cast<double>(options.timestamp ? *options.timestamp : unix_seconds_now());

  Members added;
  bool rewrite = false;  // an existing member is replaced or removed
  std::optional<std::string> replaced_iat;

  // ---- step 12: iat ----
  if (options.no_timestamp) {
    rewrite = has(Claim::kIat);
  } else if (!has(Claim::kIat)) {
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
    if (has(Claim::kAud)) {
      return option_error(
          "Bad \"options.audience\" option. The payload already has an \"aud\" property.", "aud");
    }
    added.push_back({"aud", options.audience.size() == 1 ? json_string(options.audience[0])
                                                         : json_string_array(options.audience)});
  }
  const struct {
    const std::optional<std::string>& value;
    Claim id;
    const char* claim;
    const char* message;
  } copied[] = {
      {options.issuer, Claim::kIss, "iss",
       "Bad \"options.issuer\" option. The payload already has an \"iss\" property."},
      {options.subject, Claim::kSub, "sub",
       "Bad \"options.subject\" option. The payload already has an \"sub\" property."},
      {options.jwtid, Claim::kJti, "jti",
       "Bad \"options.jwtid\" option. The payload already has an \"jti\" property."},
  };
  for (const auto& c : copied) {
    if (!c.value) continue;
    if (has(c.id)) return option_error(c.message, c.claim);
    added.push_back({c.claim, json_string(*c.value)});
  }

  if (!rewrite) {
    splice(payload_json, scan.members == 0, added, out);
    return {};
  }

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
  out = std::move(builder).build().to_json();
  return {};
}

}  // namespace jot::detail
