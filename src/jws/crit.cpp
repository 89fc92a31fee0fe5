// The "crit" header parameter (RFC 7515 §4.1.11): a recipient must reject a token whose
// "crit" lists an extension it does not understand, and "crit" itself must be well formed.

#include <algorithm>
#include <array>
#include <string>

#include "jws/core.hpp"

namespace jot::detail {
namespace {

// Header parameters registered by RFC 7515/7516/7519: §4.1.11 forbids listing them in crit.
constexpr std::array<std::string_view, 16> kRegistered = {
    "alg", "jku", "jwk",  "kid", "x5u", "x5c", "x5t", "x5t#S256",
    "typ", "cty", "crit", "enc", "zip", "epk", "apu", "apv"};

Error malformed_crit() {
  return Error(Errc::kMalformed,
               "invalid token: header \"crit\" must be a non-empty array of names of header "
               "parameters present in the header")
      .about("crit");
}

}  // namespace

Result<const boost::json::array*> crit_names(const boost::json::object& header) {
  const boost::json::value* crit = header.if_contains("crit");
  if (crit == nullptr) return static_cast<const boost::json::array*>(nullptr);
  if (!crit->is_array() || crit->get_array().empty()) return malformed_crit();
  const boost::json::array& names = crit->get_array();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!names[i].is_string()) return malformed_crit();
    const boost::json::string& item = names[i].get_string();
    const std::string_view name(item.data(), item.size());
    const bool registered =
        std::find(kRegistered.begin(), kRegistered.end(), name) != kRegistered.end();
    bool repeated = false;
    for (std::size_t j = 0; j < i; ++j) repeated = repeated || names[j] == names[i];
    if (name.empty() || registered || repeated || !header.contains(name)) return malformed_crit();
  }
  return &names;
}

Result<void> check_crit(const boost::json::object& header,
                        const std::vector<std::string>& understood) {
  auto names = crit_names(header);
  if (!names) return std::move(names).error();
  if (*names == nullptr) return {};
  for (const boost::json::value& item : **names) {
    const std::string_view name(item.get_string().data(), item.get_string().size());
    if (std::find(understood.begin(), understood.end(), name) == understood.end()) {
      return Error(Errc::kCritUnsupported,
                   "unsupported critical header parameter. expected one of the understood "
                   "extensions, found: \"" +
                       std::string(name) + "\"")
          .about("crit");
    }
  }
  return {};
}

Result<void> check_crit_for_signing(const boost::json::object& header) {
  // The signer defines the extensions it marks critical, so every name is "understood";
  // what it must not do is produce a "crit" that every strict verifier rejects as malformed.
  auto names = crit_names(header);
  if (!names) {
    return Error(Errc::kInvalidOption,
                 "header \"crit\" must be a non-empty array of names of header parameters "
                 "present in the header (RFC 7515 §4.1.11)")
        .about("crit");
  }
  return {};
}

}  // namespace jot::detail
