// jws::verify: the JWS core steps in order, for payloads that need not be JSON.

#include "jot/jws.hpp"
#include "jws/core.hpp"

namespace jot::jws {

Result<Verified> verify(std::string_view token, const Key& key, const VerifyOptions& options) {
  detail::DecodedJws jws;
  if (auto ok = detail::decode_compact(token, options.limits, options.max_token_bytes, jws); !ok) {
    return std::move(ok).error();
  }
  if (auto ok = detail::require_signature(jws); !ok) return std::move(ok).error();
  const auto alg = detail::header_algorithm(*jws.header);
  if (!alg) return alg.error();
  if (auto ok = detail::check_allowed(*alg, options.algorithms, key); !ok) {
    return std::move(ok).error();
  }
  if (auto ok = detail::verify_signature(jws, *alg, key); !ok) return std::move(ok).error();
  if (auto ok = detail::check_crit(*jws.header, options.understood_crit); !ok) {
    return std::move(ok).error();
  }
  return Verified{detail::take_header_object(jws), std::string(jws.payload), *alg};
}

}  // namespace jot::jws
