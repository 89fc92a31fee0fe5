#pragma once

// JWT sign / verify / decode with the options and error messages of jsonwebtoken v9,
// secure by default where jsonwebtoken is lax.
//
//   auto key   = jot::Key::from_secret(secret).value();
//   auto token = jot::sign(R"({"userId":123})", key);   // throws on error
//   auto claims = jot::verify(token, key);           // throws jot::JsonWebTokenError & co.
//   auto result = jot::try_verify(token, key);       // Result<VerifiedToken>: no exception, cheap
//
// The rule of jot.hpp: every call returns Result<T> and never throws; Result::value() throws,
// and sign()/verify() at the end of this header are exactly try_sign()/try_verify() + value().

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "jot/algorithm.hpp"
#include "jot/error.hpp"
#include "jot/json_object.hpp"
#include "jot/key.hpp"
#include "jot/timespan.hpp"

namespace jot {

namespace detail {
struct TokenAccess;
}

// A token whose signature and claims jot has checked: only verify() and try_verify() make
// one, so a function that takes a VerifiedToken cannot be handed an unchecked token. Header
// and payload are parsed JSON objects; the signature is the segment as it appeared in the
// token (base64url text). Cheap to copy (two shared handles and the signature text).
class VerifiedToken {
 public:
  const JsonObject& header() const noexcept { return header_; }
  const JsonObject& payload() const noexcept { return payload_; }
  const std::string& signature() const noexcept { return signature_; }

 private:
  friend struct detail::TokenAccess;
  VerifiedToken(JsonObject header, JsonObject payload, std::string signature) noexcept
      : header_(std::move(header)),
        payload_(std::move(payload)),
        signature_(std::move(signature)) {}

  JsonObject header_;
  JsonObject payload_;
  std::string signature_;
};

// A token decoded WITHOUT any check of its signature or claims (unverified_decode): for
// inspection only. It does not convert to a VerifiedToken.
class UnverifiedToken {
 public:
  UnverifiedToken(JsonObject header, JsonObject payload, std::string signature) noexcept
      : header_(std::move(header)),
        payload_(std::move(payload)),
        signature_(std::move(signature)) {}

  const JsonObject& header() const noexcept { return header_; }
  const JsonObject& payload() const noexcept { return payload_; }
  const std::string& signature() const noexcept { return signature_; }

 private:
  JsonObject header_;
  JsonObject payload_;
  std::string signature_;
};

// ---- sign -----------------------------------------------------------------------------

struct SignOptions {
  // Default: HS256 for secrets; for an asymmetric key its natural algorithm
  // (Key::natural_algorithm(): RS256, PS256 for RSA-PSS keys, ES256/384/512/ES256K by
  // curve, EdDSA).
  std::optional<Algorithm> algorithm;
  std::optional<Timespan> expires_in;  // exp = iat + span
  std::optional<Timespan> not_before;  // nbf = iat + span
  std::vector<std::string> audience;   // one → "aud":"x"; several → "aud":[...]
  std::optional<std::string> issuer;
  std::optional<std::string> subject;
  std::optional<std::string> jwtid;
  std::optional<std::string> keyid;  // header kid; default: the key's kid, if any
  bool no_timestamp = false;         // do not add iat (and remove one in the payload)
  std::optional<std::string> typ;    // header typ; default "JWT"
  // Extra header members, as a JSON object text; may override alg/typ/kid like
  // jsonwebtoken's options.header (alg is then still checked against the key).
  std::string header_json;
  // The signing time in seconds since the epoch; default: the system clock.
  std::optional<std::int64_t> timestamp;
  // Produce an unsecured token with alg "none" (no signature). Dangerous.
  bool insecure_allow_none = false;
};

// Signs `payload` (a JSON object text; member order is kept byte for byte).
Result<std::string> try_sign(std::string_view payload_json, const Key& key,
                             const SignOptions& options = {});
Result<std::string> try_sign(const JsonObject& payload, const Key& key,
                             const SignOptions& options = {});
// Unsecured token (alg "none"); only with options.insecure_allow_none.
Result<std::string> try_sign_unsecured(std::string_view payload_json, const SignOptions& options);

// ---- verify ---------------------------------------------------------------------------

// A regular expression (ECMAScript grammar) searched for in each `aud` value, like
// jsonwebtoken's RegExp.test. Compiled once; cheap to copy and safe to share between threads.
// Matching takes time linear in the `aud` value and stack bounded by the pattern, whatever the
// token holds (docs/api.md, "Audience patterns").
class AudiencePattern {
 public:
  // kInvalidOption when `source` is not a valid expression or uses a back-reference (which
  // would need backtracking).
  static Result<AudiencePattern> compile(std::string_view source);

  // The expression as given; error messages print it as /source/.
  const std::string& source() const noexcept;
  // True when the expression is found somewhere in `target`.
  bool found_in(std::string_view target) const;

 private:
  struct Compiled;
  explicit AudiencePattern(std::shared_ptr<const Compiled> compiled) noexcept
      : compiled_(std::move(compiled)) {}
  std::shared_ptr<const Compiled> compiled_;
};

// An expected audience: an exact string, or a pattern.
using AudienceMatcher = std::variant<std::string, AudiencePattern>;

// A check run after the signature and all built-in checks pass; return an Error to reject
// the token.
using ClaimCheck = std::function<Result<void>(const VerifiedToken& token)>;

// Chooses the verification key from the decoded (not yet verified) header.
using KeyResolver = std::function<Result<Key>(const JsonObject& header)>;

// Largest VerifyOptions::clock_tolerance accepted without its opt-in, in seconds. A clock
// tolerance widens both exp and nbf: beyond a few minutes of clock skew it no longer
// corrects clocks but accepts tokens that expired long ago.
inline constexpr double kMaxClockTolerance = 300;

struct VerifyOptions {
  // Allowed algorithms. Empty: derived from the key as in jsonwebtoken (secret → HS256/384/
  // 512; RSA → RS* and PS*; EC → ES256/384/512 (and ES256K); OKP → EdDSA), further narrowed
  // by the key's binding.
  std::vector<Algorithm> algorithms;
  std::vector<AudienceMatcher> audience;  // any one must match any aud value
  std::vector<std::string> issuer;        // iss must equal one of them
  std::optional<std::string> subject;
  std::optional<std::string> jwtid;
  std::optional<std::string> nonce;
  bool ignore_expiration = false;
  bool ignore_not_before = false;
  double clock_tolerance = 0;                   // seconds, at most kMaxClockTolerance
  std::optional<Timespan> max_age;              // iat + max_age must be in the future
  std::optional<std::int64_t> clock_timestamp;  // "now" in seconds; default system clock

  // ---- Beyond jsonwebtoken ----
  std::vector<std::string> required_claims;  // must be present (e.g. "exp", "sub")
  std::optional<std::string> typ;            // expected header typ (case-insensitive)
  std::vector<ClaimCheck> checks;            // custom checks, run last in order

  // ---- Strictness (secure defaults; each opt-out is named for its danger) ----
  JsonLimits limits;  // header/payload size, depth, duplicates
  std::size_t max_token_bytes = 256 * 1024;
  // Header "crit" names the caller understands (RFC 7515 §4.1.11); others are rejected.
  std::vector<std::string> understood_crit;
  // RFC 7519 §4.1.3: a token with "aud" is rejected when no audience is expected.
  bool allow_unexpected_audience = false;
  // Accept alg "none" tokens (only together with kNone in algorithms).
  bool insecure_allow_none = false;
  // Accept a clock_tolerance above kMaxClockTolerance, i.e. tokens expired (or not yet
  // valid) by more than five minutes.
  bool insecure_allow_long_clock_tolerance = false;
};

Result<VerifiedToken> try_verify(std::string_view token, const Key& key,
                                 const VerifyOptions& options = {});
Result<VerifiedToken> try_verify(std::string_view token, const KeySet& keys,
                                 const VerifyOptions& options = {});
Result<VerifiedToken> try_verify(std::string_view token, const KeyResolver& resolve,
                                 const VerifyOptions& options = {});
// Unsecured tokens (alg "none"); needs insecure_allow_none and kNone in algorithms.
Result<VerifiedToken> try_verify_unsecured(std::string_view token, const VerifyOptions& options);

// ---- decode without verification -------------------------------------------------------

// UNSAFE: decodes a token WITHOUT checking its signature or claims. Use only to inspect a
// token (debugging, choosing a key); never to make an access decision. Header and payload
// must be JSON objects; the same strict parsing rules and limits apply.
Result<UnverifiedToken> unverified_decode(std::string_view token, const JsonLimits& limits = {});

// ---- The throwing layer: try_*(…).value(), nothing more -------------------------------
// Return the value, or throw TokenExpiredError / NotBeforeError / JsonWebTokenError.

inline std::string sign(std::string_view payload_json, const Key& key,
                        const SignOptions& options = {}) {
  return try_sign(payload_json, key, options).value();
}
inline std::string sign(const JsonObject& payload, const Key& key,
                        const SignOptions& options = {}) {
  return try_sign(payload, key, options).value();
}
inline VerifiedToken verify(std::string_view token, const Key& key,
                            const VerifyOptions& options = {}) {
  return try_verify(token, key, options).value();
}
inline VerifiedToken verify(std::string_view token, const KeySet& keys,
                            const VerifyOptions& options = {}) {
  return try_verify(token, keys, options).value();
}
inline VerifiedToken verify(std::string_view token, const KeyResolver& resolve,
                            const VerifyOptions& options = {}) {
  return try_verify(token, resolve, options).value();
}

}  // namespace jot
