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
// (Text was checked by Timespan::parse; a floored span is whole once added.)
bool schema_valid(const Timespan& span) {
  if (span.floors()) return true;
  return std::isfinite(span.seconds()) && std::trunc(span.seconds()) == span.seconds();
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

// The limits for the caller's own payload: generous (the verifier applies its own).
JsonLimits payload_limits() {
  JsonLimits limits;
  limits.max_bytes = 16 * 1024 * 1024;
  limits.max_depth = 64;
  return limits;
}

// ---- S3: the payload must be one JSON object; iat/exp/nbf must be numbers ----
Result<void> check_payload(std::string_view payload_json, ObjectScan& scan) {
  std::size_t first = payload_json.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || payload_json[first] != '{') {
    return option_error("Expected \"payload\" to be a plain object.", "payload");
  }
  if (auto ok = scan_json_object(payload_json, payload_limits(), scan); !ok) {
    return Error(ok.error().code(), "invalid payload: " + std::string(ok.error().message()))
        .about("payload");
  }
  static constexpr struct {
    Claim claim;
    const char* name;
    const char* message;
  } kTimes[] = {{Claim::kIat, "iat", "\"iat\" should be a number of seconds"},
                {Claim::kExp, "exp", "\"exp\" should be a number of seconds"},
                {Claim::kNbf, "nbf", "\"nbf\" should be a number of seconds"}};
  for (const auto& t : kTimes) {
    if (scan[t.claim].present() && !scan[t.claim].as_number()) {
      return option_error(t.message, t.name);
    }
  }
  return {};
}

// ---- S4-S5: options that would overwrite exp/nbf; the option schema ----
Result<void> check_time_options(const ObjectScan& scan, const SignOptions& options) {
  if (scan[Claim::kExp].present() && options.expires_in) {
    return option_error(
        "Bad \"options.expiresIn\" option the payload already has an \"exp\" property.", "exp");
  }
  if (scan[Claim::kNbf].present() && options.not_before) {
    return option_error(
        "Bad \"options.notBefore\" option the payload already has an \"nbf\" property.", "nbf");
  }
  if (options.expires_in && !schema_valid(*options.expires_in)) {
    return option_error(
        "\"expiresIn\" should be a number of seconds or string representing a timespan", "exp");
  }
  if (options.not_before && !schema_valid(*options.not_before)) {
    return option_error(
        "\"notBefore\" should be a number of seconds or string representing a timespan", "nbf");
  }
  return {};
}

// What signing adds to or changes in the payload.
struct Changes {
  Members added;
  bool rewrite = false;  // an existing member is replaced or removed
  std::optional<std::string> replaced_iat;
};

// ---- S7-S8: iat, then nbf and exp from the base time ----
Result<void> add_times(const ObjectScan& scan, const SignOptions& options, Changes& changes) {
  // The base time: the payload's own iat wins (0 means "now"), as in jsonwebtoken, even when
  // no_timestamp removes it from the output.
  const bool has_iat = scan[Claim::kIat].present();
  const std::optional<double> payload_iat = scan[Claim::kIat].as_number();
  const bool iat_usable = payload_iat && *payload_iat != 0 && std::isfinite(*payload_iat);
  const double timestamp =
      iat_usable ? *payload_iat
                 : static_cast<double>(options.timestamp ? *options.timestamp : unix_seconds_now());

  if (options.no_timestamp) {
    changes.rewrite = has_iat;
  } else if (!has_iat) {
    changes.added.push_back({"iat", json_number(timestamp)});
  } else if (!iat_usable) {
    changes.rewrite = true;
    changes.replaced_iat = json_number(timestamp);
  }

  const auto resolve = [&](const Timespan& span, const char* message) -> Result<std::string> {
    const double at = span.after(timestamp);
    if (!std::isfinite(at)) return Error(Errc::kInvalidOption, message);
    return json_number(at);
  };
  if (options.not_before) {
    auto nbf = resolve(*options.not_before,
                       "\"notBefore\" should be a number of seconds or string representing a "
                       "timespan eg: \"1d\", \"20h\", 60");
    if (!nbf) return std::move(nbf).error().about("nbf");
    changes.added.push_back({"nbf", std::move(*nbf)});
  }
  if (options.expires_in) {
    auto exp = resolve(*options.expires_in,
                       "\"expiresIn\" should be a number of seconds or string representing a "
                       "timespan eg: \"1d\", \"20h\", 60");
    if (!exp) return std::move(exp).error().about("exp");
    changes.added.push_back({"exp", std::move(*exp)});
  }
  return {};
}

// ---- S9: claims copied from options; the payload must not already have them ----
Result<void> add_copied_claims(const ObjectScan& scan, const SignOptions& options, Members& added) {
  if (!options.audience.empty()) {
    if (scan[Claim::kAud].present()) {
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
    if (scan[c.id].present()) return option_error(c.message, c.claim);
    added.push_back({c.claim, json_string(*c.value)});
  }
  return {};
}

// Re-serialises the payload with the changes: members keep their order, a replaced iat keeps
// its place. Only when an existing member changes; otherwise splice() keeps the text.
Result<void> rewrite_payload(std::string_view payload_json, const SignOptions& options,
                             const Changes& changes, std::string& out) {
  auto original = JsonObject::parse(payload_json, payload_limits());
  if (!original) return std::move(original).error();
  JsonObject::Builder builder(*original);
  if (options.no_timestamp) builder.erase("iat");
  if (changes.replaced_iat) {
    if (auto ok = builder.set_json("iat", *changes.replaced_iat); !ok) return ok;
  }
  for (const Member& m : changes.added) {
    if (auto ok = builder.set_json(m.name, m.json); !ok) return ok;
  }
  out = std::move(builder).build().to_json();
  return {};
}

}  // namespace

Result<void> build_claims(std::string_view payload_json, const SignOptions& options,
                          std::string& out) {
  // Scanned on the stack: only checked and read, never kept.
  ObjectScan scan;
  if (auto ok = check_payload(payload_json, scan); !ok) return ok;
  if (auto ok = check_time_options(scan, options); !ok) return ok;
  Changes changes;
  if (auto ok = add_times(scan, options, changes); !ok) return ok;
  if (auto ok = add_copied_claims(scan, options, changes.added); !ok) return ok;
  if (changes.rewrite) return rewrite_payload(payload_json, options, changes, out);
  splice(payload_json, scan.members == 0, changes.added, out);
  return {};
}

}  // namespace jot::detail
