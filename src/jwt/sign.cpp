// jot::sign / try_sign / try_sign_unsecured (docs/jsonwebtoken-compat.md, "Sign order"; adapted:
// secure defaults).

#include "jot/jwt.hpp"
#include "jws/scratch.hpp"
#include "jws/sign_core.hpp"
#include "jwt/sign_claims.hpp"
#include "jwt/sign_header.hpp"

namespace jot {

Result<std::string> try_sign(std::string_view payload_json, const Key& key,
                             const SignOptions& options) {
  const Algorithm requested = options.algorithm.value_or(key.natural_algorithm());
  if (options.header_json.empty() && requested != Algorithm::kNone) {
    // The common case: the default header, whose encoding the thread remembers. Same steps
    // and order as below (the header cannot fail, its alg is `requested`).
    if (auto ok = key.check_sign(requested); !ok) return std::move(ok).error();
    detail::ScratchLease claims;
    if (auto ok = detail::build_claims(payload_json, options, claims.str()); !ok) {
      return std::move(ok).error();
    }
    return detail::sign_compact_encoded(detail::default_header_b64(requested, key.kid(), options),
                                        claims.str(), key, requested);
  }
  auto header = detail::build_header(requested, key.kid(), options);
  if (!header) return std::move(header).error();
  if (header->alg == Algorithm::kNone) {
    return Error(Errc::kAlgNotAllowed,
                 "alg \"none\" produces an unsecured token: use try_sign_unsecured with "
                 "insecure_allow_none")
        .about("alg");
  }
  // Key kind and binding come before the payload, as in jsonwebtoken (docs/jsonwebtoken-compat.md,
  // S1-S2).
  if (auto ok = key.check_sign(header->alg); !ok) return std::move(ok).error();
  detail::ScratchLease claims;
  if (auto ok = detail::build_claims(payload_json, options, claims.str()); !ok) {
    return std::move(ok).error();
  }
  return detail::sign_compact(header->json, claims.str(), key, header->alg);
}

Result<std::string> try_sign(const JsonObject& payload, const Key& key,
                             const SignOptions& options) {
  return try_sign(payload.to_json(), key, options);
}

Result<std::string> try_sign_unsecured(std::string_view payload_json, const SignOptions& options) {
  if (!options.insecure_allow_none) {
    return Error(Errc::kAlgNotAllowed,
                 "unsecured tokens (alg \"none\") need options.insecure_allow_none")
        .about("alg");
  }
  if (options.algorithm && *options.algorithm != Algorithm::kNone) {
    return Error(Errc::kInvalidOption, "try_sign_unsecured signs with alg \"none\" only")
        .about("alg");
  }
  auto header = detail::build_header(Algorithm::kNone, {}, options);
  if (!header) return std::move(header).error();
  if (header->alg != Algorithm::kNone) {
    return Error(Errc::kInvalidOption, "try_sign_unsecured signs with alg \"none\" only")
        .about("alg");
  }
  detail::ScratchLease claims;
  if (auto ok = detail::build_claims(payload_json, options, claims.str()); !ok) {
    return std::move(ok).error();
  }
  return detail::unsecured_compact(header->json, claims.str());
}

}  // namespace jot
