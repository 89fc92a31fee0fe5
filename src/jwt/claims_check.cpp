#include "jwt/claims_check.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "json/json_scan.hpp"

namespace jot::detail {
namespace {

// A time claim: absent (nullopt, ok) or a finite number within range; else `invalid`, or
// `negative` for a number below 0 (RFC 7519 §2: a NumericDate counts seconds from the epoch).
Result<std::optional<double>> time_claim(const ScannedValue& value, const char* name,
                                         const char* invalid, const char* negative) noexcept {
  if (!value.present()) return std::optional<double>();
  const auto number = value.as_number();
  if (!number || !std::isfinite(*number) || *number > kMaxTimeSeconds) {
    return Error(Errc::kClaimInvalid, invalid).about(name);
  }
  if (*number < 0) return Error(Errc::kClaimInvalid, negative).about(name);
  return std::optional<double>(*number);
}

// iss/sub/jti: absent, or a string.
Result<std::optional<std::string_view>> string_claim(const ScannedValue& value, const char* name,
                                                     const char* invalid) noexcept {
  if (!value.present()) return std::optional<std::string_view>();
  const auto text = value.as_string();
  if (!text) return Error(Errc::kClaimInvalid, invalid).about(name);
  return std::optional<std::string_view>(*text);
}

bool audience_matches(const AudienceMatcher& matcher, std::string_view target) {
  if (const auto* exact = std::get_if<std::string>(&matcher)) return *exact == target;
  return std::get<AudiencePattern>(matcher).found_in(target);
}

std::string describe(const AudienceMatcher& matcher) {
  // As jsonwebtoken prints a RegExp: /source/.
  if (const auto* exact = std::get_if<std::string>(&matcher)) return *exact;
  return "/" + std::get<AudiencePattern>(matcher).source() + "/";
}

Result<void> check_audience(const ScannedValue& aud, const VerifyOptions& options) {
  if (!aud.present() && options.audience.empty()) return {};
  // The aud values, without copying them: one string, or the elements of an array.
  std::span<const std::string_view> values;
  if (aud.present()) {
    if (aud.kind == ScannedValue::Kind::kString) {
      values = std::span<const std::string_view>(&aud.text, 1);
    } else if (aud.kind == ScannedValue::Kind::kStringArray) {
      values = aud.items;
    } else {
      return Error(Errc::kClaimInvalid,
                   "invalid aud value: expected a string or an array of strings")
          .about("aud");
    }
    if (options.audience.empty()) {
      // RFC 7519 §4.1.3: a recipient that does not identify itself with a value in "aud"
      // must reject the token.
      if (options.allow_unexpected_audience) return {};
      return Error(Errc::kClaimMismatch,
                   "jwt audience invalid. expected: no \"aud\" claim (set an expected "
                   "audience, or allow_unexpected_audience)")
          .about("aud");
    }
  }
  for (const auto& matcher : options.audience) {
    for (const std::string_view value : values) {
      if (audience_matches(matcher, value)) return {};
    }
  }
  std::string message = "jwt audience invalid. expected: ";
  for (std::size_t i = 0; i < options.audience.size(); ++i) {
    if (i != 0) message += " or ";
    message += describe(options.audience[i]);
  }
  return Error(Errc::kClaimMismatch, std::move(message)).about("aud");
}

Error mismatch(const char* prefix, std::string_view expected, const char* claim) {
  std::string message = prefix;
  message += expected;
  return Error(Errc::kClaimMismatch, std::move(message)).about(claim);
}

// RFC 7515 §4.1.9: typ is a media type, compared case-insensitively, and "application/"
// may be omitted.
std::string_view strip_application(std::string_view typ) {
  constexpr std::string_view kPrefix = "application/";
  if (typ.size() > kPrefix.size() &&
      std::equal(kPrefix.begin(), kPrefix.end(), typ.begin(), [](char prefix, char c) {
        return std::tolower(static_cast<unsigned char>(c)) == prefix;
      })) {
    return typ.substr(kPrefix.size());
  }
  return typ;
}

bool typ_equal(std::string_view a, std::string_view b) {
  a = strip_application(a);
  b = strip_application(b);
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

Result<void> check_verify_options(const VerifyOptions& options) {
  if (!std::isfinite(options.clock_tolerance) || options.clock_tolerance < 0) {
    return Error(Errc::kInvalidOption, "clockTolerance must be a finite number of seconds >= 0")
        .about("clockTolerance");
  }
  if (options.clock_tolerance > kMaxClockTolerance &&
      !options.insecure_allow_long_clock_tolerance) {
    return Error(Errc::kInvalidOption,
                 "clockTolerance must be at most 300 seconds (it would accept tokens expired "
                 "that long ago); set insecure_allow_long_clock_tolerance to allow more")
        .about("clockTolerance");
  }
  if (options.nonce) {
    const auto& n = *options.nonce;
    const bool blank = std::all_of(n.begin(), n.end(), [](char c) {
      return std::isspace(static_cast<unsigned char>(c)) != 0;
    });
    if (blank) {
      return Error(Errc::kInvalidOption, "nonce must be a non-empty string").about("nonce");
    }
  }
  return {};
}

Result<void> check_claims(const VerifiedToken& token, const ObjectScan& claims,
                          const VerifyOptions& options, double now) {
  const double tolerance = options.clock_tolerance;

  // nbf: active AT nbf.
  auto nbf = time_claim(claims[Claim::kNbf], "nbf", "invalid nbf value",
                        "invalid nbf value: a NumericDate must be >= 0");
  if (!nbf) return std::move(nbf).error();
  if (*nbf && !options.ignore_not_before && **nbf > now + tolerance) {
    return Error(Errc::kNotBefore, "jwt not active").with_date(**nbf).about("nbf");
  }

  // exp: expired AT exp.
  auto exp = time_claim(claims[Claim::kExp], "exp", "invalid exp value",
                        "invalid exp value: a NumericDate must be >= 0");
  if (!exp) return std::move(exp).error();
  if (*exp && !options.ignore_expiration && now >= **exp + tolerance) {
    return Error(Errc::kExpired, "jwt expired").with_date(**exp).about("exp");
  }

  if (auto ok = check_audience(claims[Claim::kAud], options); !ok) return ok;

  auto iss = string_claim(claims[Claim::kIss], "iss", "invalid iss value: expected a string");
  if (!iss) return std::move(iss).error();
  if (!options.issuer.empty()) {
    const bool ok = *iss && std::find(options.issuer.begin(), options.issuer.end(), **iss) !=
                                options.issuer.end();
    if (!ok) {
      // jsonwebtoken prints an array of issuers joined with ','.
      std::string expected;
      for (std::size_t i = 0; i < options.issuer.size(); ++i) {
        if (i != 0) expected += ',';
        expected += options.issuer[i];
      }
      return mismatch("jwt issuer invalid. expected: ", expected, "iss");
    }
  }

  auto sub = string_claim(claims[Claim::kSub], "sub", "invalid sub value: expected a string");
  if (!sub) return std::move(sub).error();
  if (options.subject && (!*sub || **sub != *options.subject)) {
    return mismatch("jwt subject invalid. expected: ", *options.subject, "sub");
  }

  auto jti = string_claim(claims[Claim::kJti], "jti", "invalid jti value: expected a string");
  if (!jti) return std::move(jti).error();
  if (options.jwtid && (!*jti || **jti != *options.jwtid)) {
    return mismatch("jwt jwtid invalid. expected: ", *options.jwtid, "jti");
  }

  if (options.nonce) {
    const auto nonce = claims[Claim::kNonce].as_string();
    if (!nonce || *nonce != *options.nonce) {
      return mismatch("jwt nonce invalid. expected: ", *options.nonce, "nonce");
    }
  }

  // iat: a valid time when present; required by maxAge.
  // Like jsonwebtoken, a maxAge of 0 or "" means "no maxAge".
  const bool max_age_set =
      options.max_age && (options.max_age->floors() || options.max_age->seconds() != 0);
  auto iat = time_claim(claims[Claim::kIat], "iat",
                        max_age_set ? "iat required when maxAge is specified" : "invalid iat value",
                        "invalid iat value: a NumericDate must be >= 0");
  if (!iat) return std::move(iat).error();
  if (max_age_set) {
    if (!*iat) {
      return Error(Errc::kClaimMissing, "iat required when maxAge is specified").about("iat");
    }
    // jsonwebtoken's timespan(): an iat of 0 means "now" as the base.
    const double base = **iat != 0 ? **iat : now;
    const double limit = options.max_age->after(base);
    if (!std::isfinite(limit)) {
      return Error(Errc::kInvalidOption,
                   "\"maxAge\" should be a number of seconds or string representing a timespan "
                   "eg: \"1d\", \"20h\", 60")
          .about("maxAge");
    }
    if (now >= limit + tolerance) {
      return Error(Errc::kExpired, "maxAge exceeded").with_date(limit).about("iat");
    }
  }

  for (const std::string& name : options.required_claims) {
    if (!token.payload().contains(name)) {
      return Error(Errc::kClaimMissing, "jwt claim required but missing: " + name);
    }
  }

  if (options.typ) {
    const auto typ = token.header().get_string("typ");
    if (!typ || !typ_equal(*typ, *options.typ)) {
      return mismatch("jwt typ invalid. expected: ", *options.typ, "typ");
    }
  }

  for (const ClaimCheck& check : options.checks) {
    if (!check) continue;
    if (auto ok = check(token); !ok) return ok;
  }
  return {};
}

}  // namespace jot::detail
