// jot::verify / try_verify / try_verify_unsecured / unverified_decode.
//
// The steps run in jsonwebtoken's order (docs/jsonwebtoken-compat.md, "Verify order";
// adapted): start (V1-V3), then the secure core (V4-V8; the entry points differ only in where
// the key comes from) or the separate path for alg "none", then the shared tail (V9-V13). On
// success the only heap allocations are the payload object (its text; parsed on first access), the
// header object (none when the thread remembers this header) and the signature text that the
// returned VerifiedToken owns.

#include <algorithm>
#include <cmath>
#include <optional>
#include <variant>

#include "base/clock.hpp"
#include "jot/jwt.hpp"
#include "jws/core.hpp"
#include "jwt/claims_check.hpp"

namespace jot {

// The one maker of VerifiedToken.
struct detail::TokenAccess {
  static VerifiedToken make(JsonObject header, JsonObject payload, std::string signature) noexcept {
    return VerifiedToken(std::move(header), std::move(payload), std::move(signature));
  }
};

namespace {

using KeySource = std::variant<const Key*, const KeySet*, const KeyResolver*>;

double now_seconds(const VerifyOptions& options) {
  if (options.clock_timestamp) return static_cast<double>(*options.clock_timestamp);
  return static_cast<double>(detail::unix_seconds_now());
}

// Where the key comes from: the caller's key, a key set (by kid, else by alg), or the
// caller's resolver, which sees the decoded header. Never from the token itself: jwk, jku,
// x5u and x5c are not looked at.
Result<Key> resolve_key(const KeyResolver& resolve, const JsonObject& header) {
  if (!resolve) return Error(Errc::kInvalidOption, "key resolver is empty");
  auto key = resolve(header);
  if (!key) {
    return Error(key.error().code(),
                 "error in secret or public key callback: " + std::string(key.error().message()));
  }
  return key;
}

// The failure of a step that jsonwebtoken runs after parsing the payload: an invalid payload
// would have been reported first, so it wins. The payload is checked only now, on this
// rejection path, so that successful verifies scan it once and rejections stay free.
Error after_payload_check(Error error, const detail::DecodedJws& jws, const JsonLimits& limits) {
  detail::ObjectScan scan;
  if (auto ok = detail::scan_part(jws.payload, limits, "payload", scan); !ok) {
    return std::move(ok).error();
  }
  return error;
}

// One verification in progress: the decoded token and, once scanned, its claims.
struct Verification {
  detail::DecodedJws jws;
  // The payload is scanned (validated, registered claims read) once; the VerifiedToken gets
  // a document built from its text only when the caller reads it.
  detail::ObjectScan claims;
  bool scanned = false;
  double now = 0;

  // A failure after V3: an invalid payload is reported first, as jsonwebtoken would have
  // failed on it at V3.
  Error fail(Error error, const JsonLimits& limits) const {
    if (scanned) return error;  // the payload is known to be fine
    return after_payload_check(std::move(error), jws, limits);
  }
  Result<void> scan(const JsonLimits& limits) {
    if (scanned) return {};
    if (auto ok = detail::scan_part(jws.payload, limits, "payload", claims); !ok) return ok;
    scanned = true;
    return {};
  }
};

// V1-V3: the options, the clock, the token's structure and header.
Result<void> start(std::string_view token, const VerifyOptions& options, Verification& v) {
  if (auto ok = detail::check_verify_options(options); !ok) return ok;
  v.now = now_seconds(options);
  return detail::decode_compact(token, options.limits, options.max_token_bytes, v.jws);
}

// The tail every path shares, once the signature (or its absence) is settled: the payload,
// crit, then the claims (V9-V13 and jot's own checks).
Result<VerifiedToken> finish(Verification& v, const VerifyOptions& options) {
  if (auto ok = v.scan(options.limits); !ok) return std::move(ok).error();
  if (auto ok = detail::check_crit(*v.jws.header, options.understood_crit); !ok) {
    return std::move(ok).error();
  }
  VerifiedToken result = detail::TokenAccess::make(
      detail::take_header_object(v.jws), detail::make_lazy_object(v.jws.payload, options.limits),
      std::string(v.jws.segments.signature));
  if (auto ok = detail::check_claims(result, v.claims, options, v.now); !ok) {
    return std::move(ok).error();
  }
  return result;
}

// The secure core, V4-V8: a key from the caller (given, chosen from a set, or resolved) and
// a signature that verifies with it under the allowed algorithms.
Result<VerifiedToken> verify_signed(std::string_view token, const KeySource& source,
                                    const VerifyOptions& options) {
  Verification v;
  if (auto ok = start(token, options, v); !ok) return std::move(ok).error();
  const boost::json::object& header = *v.jws.header;
  const JsonLimits& limits = options.limits;

  const Key* key = nullptr;
  std::optional<Key> chosen;  // a key from the resolver or the key set
  if (const auto* given = std::get_if<const Key*>(&source)) key = *given;
  if (const auto* resolve = std::get_if<const KeyResolver*>(&source)) {
    // The resolver sees the decoded header, after the payload was found valid (it may have
    // side effects: it is not called for a token jsonwebtoken would not decode).
    if (auto ok = v.scan(limits); !ok) return std::move(ok).error();
    auto resolved = resolve_key(**resolve, detail::header_object(v.jws));
    if (!resolved) return std::move(resolved).error();
    key = &chosen.emplace(std::move(*resolved));
  }
  if (auto ok = detail::require_signature(v.jws); !ok) return v.fail(std::move(ok).error(), limits);
  const auto alg = detail::header_algorithm(header);
  if (!alg) return v.fail(alg.error(), limits);
  if (const auto* keys = std::get_if<const KeySet*>(&source)) {
    // A key set needs the header's alg, so it chooses after the alg is known. A kid is a
    // string when present (decode_compact checked it), so absent and present never blur.
    auto selected = (*keys)->select(detail::header_string(header, "kid"), *alg);
    if (!selected) return v.fail(std::move(selected).error(), limits);
    key = &chosen.emplace(std::move(*selected));
  }
  if (auto ok = detail::check_allowed(*alg, options.algorithms, *key); !ok) {
    return v.fail(std::move(ok).error(), limits);
  }
  if (auto ok = detail::verify_signature(v.jws, *alg, *key); !ok) {
    return v.fail(std::move(ok).error(), limits);
  }
  return finish(v, options);
}

// Unsecured tokens, out of the secure core: both opt-ins, alg exactly "none", no signature;
// then the same tail.
Result<VerifiedToken> verify_unsecured(std::string_view token, const VerifyOptions& options) {
  Verification v;
  if (auto ok = start(token, options, v); !ok) return std::move(ok).error();
  const JsonLimits& limits = options.limits;
  if (!v.jws.segments.signature.empty()) {
    return v.fail(Error(Errc::kInvalidOption, "secret or public key must be provided"), limits);
  }
  const bool none_listed = std::find(options.algorithms.begin(), options.algorithms.end(),
                                     Algorithm::kNone) != options.algorithms.end();
  if (!options.insecure_allow_none || !none_listed) {
    return v.fail(Error(Errc::kAlgNotAllowed,
                        "please specify \"none\" in \"algorithms\" to verify unsigned tokens")
                      .about("alg"),
                  limits);
  }
  const auto alg = detail::header_algorithm(*v.jws.header);
  if (!alg) return v.fail(alg.error(), limits);
  if (*alg != Algorithm::kNone) {
    return v.fail(Error(Errc::kAlgNotAllowed, "invalid algorithm").about("alg"), limits);
  }
  return finish(v, options);
}

}  // namespace

Result<VerifiedToken> try_verify(std::string_view token, const Key& key,
                                 const VerifyOptions& options) {
  return verify_signed(token, KeySource(&key), options);
}

Result<VerifiedToken> try_verify(std::string_view token, const KeySet& keys,
                                 const VerifyOptions& options) {
  return verify_signed(token, KeySource(&keys), options);
}

Result<VerifiedToken> try_verify(std::string_view token, const KeyResolver& resolve,
                                 const VerifyOptions& options) {
  return verify_signed(token, KeySource(&resolve), options);
}

Result<VerifiedToken> try_verify_unsecured(std::string_view token, const VerifyOptions& options) {
  return verify_unsecured(token, options);
}

Result<UnverifiedToken> unverified_decode(std::string_view token, const JsonLimits& limits) {
  detail::DecodedJws jws;
  if (auto ok = detail::decode_compact(token, limits, VerifyOptions{}.max_token_bytes, jws); !ok) {
    return std::move(ok).error();
  }
  auto payload = detail::parse_part(jws.payload, limits, "payload");
  if (!payload) return std::move(payload).error();
  return UnverifiedToken(detail::header_object(jws), std::move(*payload),
                         std::string(jws.segments.signature));
}

}  // namespace jot
