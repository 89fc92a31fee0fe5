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

Result<void> check_crit(const JsonObject& header, const std::vector<std::string>& understood) {
  if (!header.contains("crit")) return {};
  const auto names = header.get_string_array("crit");
  if (!names || names->empty()) return malformed_crit();
  for (std::size_t i = 0; i < names->size(); ++i) {
    const std::string& name = (*names)[i];
    const bool registered =
        std::find(kRegistered.begin(), kRegistered.end(), name) != kRegistered.end();
    const bool repeated = std::find(names->begin(), names->begin() + static_cast<std::ptrdiff_t>(i),
                                    name) != names->begin() + static_cast<std::ptrdiff_t>(i);
    if (name.empty() || registered || repeated || !header.contains(name)) return malformed_crit();
    if (std::find(understood.begin(), understood.end(), name) == understood.end()) {
      return Error(Errc::kCritUnsupported,
                   "unsupported critical header parameter. expected one of the understood "
                   "extensions, found: \"" +
                       name + "\"")
          .about("crit");
    }
  }
  return {};
}

}  // namespace jot::detail
