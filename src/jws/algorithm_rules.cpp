// Which algorithm a token may use: the header's "alg", the caller's allow-list, and the
// default allow-list derived from the key type.

#include <algorithm>

#include "jws/core.hpp"

namespace jot::detail {

std::optional<std::string_view> header_string(const boost::json::object& header,
                                              std::string_view name) noexcept {
  const boost::json::value* value = header.if_contains(name);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  const boost::json::string& text = value->get_string();
  return std::string_view(text.data(), text.size());
}

Result<Algorithm> header_algorithm(const boost::json::object& header) noexcept {
  // A missing, non-string or unknown "alg" is "invalid algorithm", as in jsonwebtoken (whose
  // allow-list lookup fails for all three). Names are case-sensitive (RFC 7515 §4.1.1).
  const auto name = header_string(header, "alg");
  if (!name) return Error(Errc::kAlgNotAllowed, "invalid algorithm").about("alg");
  const auto alg = algorithm_from_string(*name);
  if (!alg) return Error(Errc::kAlgNotAllowed, "invalid algorithm").about("alg");
  return *alg;
}

bool default_allows(const Key& key, Algorithm alg) noexcept {
  const AlgorithmFamily family = family_of(alg);
  switch (key.type()) {
    case KeyType::kSecret:
      return family == AlgorithmFamily::kHmac;
    case KeyType::kRsa:
      return family == AlgorithmFamily::kRsaPkcs1 || family == AlgorithmFamily::kRsaPss;
    case KeyType::kRsaPss:
      return family == AlgorithmFamily::kRsaPss;
    case KeyType::kEc:
      return family == AlgorithmFamily::kEcdsa;
    case KeyType::kOkp:
      return family == AlgorithmFamily::kEdDSA;
  }
  return false;
}

Result<void> check_allowed(Algorithm alg, std::span<const Algorithm> allowed,
                           const Key& key) noexcept {
  // "none" is never allowed together with a key: an unsecured token has no signature to
  // check, and require_signature has already refused it. This guards the explicit list too.
  if (alg == Algorithm::kNone) return Error(Errc::kAlgNotAllowed, "invalid algorithm").about("alg");
  const bool ok = allowed.empty() ? default_allows(key, alg)
                                  : std::find(allowed.begin(), allowed.end(), alg) != allowed.end();
  if (!ok) return Error(Errc::kAlgNotAllowed, "invalid algorithm").about("alg");
  return {};
}

}  // namespace jot::detail
