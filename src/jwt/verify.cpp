// jot::verify / try_verify / try_verify_unsecured / unverified_decode.
//
// One core runs the steps in jsonwebtoken's order (spec §6.2, adapted); the entry points
// differ only in where the key comes from. On success the only heap allocations are the
// payload object (its text; parsed on first access), the header object (none when the thread
// remembers this header) and the signature text that the returned VerifiedToken owns.

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

struct NoKey {};
using KeySource = std::variant<NoKey, const Key*, const KeySet*, const KeyResolver*>;

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

Result<VerifiedToken> verify_core(std::string_view token, const KeySource& source,
                                  const VerifyOptions& options) {
  if (auto ok = detail::check_verify_options(options); !ok) return std::move(ok).error();
  const double now = now_seconds(options);

  detail::DecodedJws jws;
  if (auto ok = detail::decode_compact(token, options.limits, options.max_token_bytes, jws); !ok) {
    return std::move(ok).error();
  }
  const boost::json::object& header = *jws.header;
  // The payload is scanned (validated, registered claims read) once; the VerifiedToken gets a
  // document built from its text only when the caller reads it.
  detail::ObjectScan claims;
  bool scanned = false;
  const auto fail = [&](Error error) -> Result<VerifiedToken> {
    if (scanned) return error;  // the payload is known to be fine
    return after_payload_check(std::move(error), jws, options.limits);
  };

  if (std::holds_alternative<NoKey>(source)) {
    // Unsecured tokens: both opt-ins, alg exactly "none", no signature.
    if (!jws.segments.signature.empty()) {
      return fail(Error(Errc::kInvalidOption, "secret or public key must be provided"));
    }
    const bool none_listed = std::find(options.algorithms.begin(), options.algorithms.end(),
                                       Algorithm::kNone) != options.algorithms.end();
    if (!options.insecure_allow_none || !none_listed) {
      return fail(Error(Errc::kAlgNotAllowed,
                        "please specify \"none\" in \"algorithms\" to verify unsigned tokens")
                      .about("alg"));
    }
    const auto alg = detail::header_algorithm(header);
    if (!alg) return fail(alg.error());
    if (*alg != Algorithm::kNone) {
      return fail(Error(Errc::kAlgNotAllowed, "invalid algorithm").about("alg"));
    }
  } else {
    const Key* key = nullptr;
    std::optional<Key> chosen;  // a key from the resolver or the key set
    if (const auto* given = std::get_if<const Key*>(&source)) key = *given;
    if (const auto* resolve = std::get_if<const KeyResolver*>(&source)) {
      // The resolver sees the decoded header, after the payload was found valid (it may
      // have side effects: it is not called for a token jsonwebtoken would not decode).
      if (auto ok = detail::scan_part(jws.payload, options.limits, "payload", claims); !ok) {
        return std::move(ok).error();
      }
      scanned = true;
      auto resolved = resolve_key(**resolve, detail::header_object(jws));
      if (!resolved) return std::move(resolved).error();
      key = &chosen.emplace(std::move(*resolved));
    }
    if (auto ok = detail::require_signature(jws); !ok) return fail(std::move(ok).error());
    const auto alg = detail::header_algorithm(header);
    if (!alg) return fail(alg.error());
    if (const auto* keys = std::get_if<const KeySet*>(&source)) {
      // A key set needs the header's alg, so it chooses after the alg is known.
      auto selected =
          (*keys)->select(detail::header_string(header, "kid").value_or(std::string_view()), *alg);
      if (!selected) return fail(std::move(selected).error());
      key = &chosen.emplace(std::move(*selected));
    }
    if (auto ok = detail::check_allowed(*alg, options.algorithms, *key); !ok) {
      return fail(std::move(ok).error());
    }
    if (auto ok = detail::verify_signature(jws, *alg, *key); !ok) {
      return fail(std::move(ok).error());
    }
  }
  if (!scanned) {
    if (auto ok = detail::scan_part(jws.payload, options.limits, "payload", claims); !ok) {
      return std::move(ok).error();
    }
  }
  if (auto ok = detail::check_crit(header, options.understood_crit); !ok) {
    return std::move(ok).error();
  }

  VerifiedToken result = detail::TokenAccess::make(
      detail::take_header_object(jws), detail::make_lazy_object(jws.payload, options.limits),
      std::string(jws.segments.signature));
  if (auto ok = detail::check_claims(result, claims, options, now); !ok) {
    return std::move(ok).error();
  }
  return result;
}

}  // namespace

Result<VerifiedToken> try_verify(std::string_view token, const Key& key,
                                 const VerifyOptions& options) {
  return verify_core(token, KeySource(&key), options);
}

Result<VerifiedToken> try_verify(std::string_view token, const KeySet& keys,
                                 const VerifyOptions& options) {
  return verify_core(token, KeySource(&keys), options);
}

Result<VerifiedToken> try_verify(std::string_view token, const KeyResolver& resolve,
                                 const VerifyOptions& options) {
  return verify_core(token, KeySource(&resolve), options);
}

Result<VerifiedToken> try_verify_unsecured(std::string_view token, const VerifyOptions& options) {
  return verify_core(token, KeySource(NoKey{}), options);
}

VerifiedToken verify(std::string_view token, const Key& key, const VerifyOptions& options) {
  return try_verify(token, key, options).value();
}

VerifiedToken verify(std::string_view token, const KeySet& keys, const VerifyOptions& options) {
  return try_verify(token, keys, options).value();
}

VerifiedToken verify(std::string_view token, const KeyResolver& resolve,
                     const VerifyOptions& options) {
  return try_verify(token, resolve, options).value();
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
