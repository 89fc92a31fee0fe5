// Types of the header parameters jot reads (RFC 7515 §4.1), and parameters that have no
// place in a JWS.

#include <array>
#include <string>

#include "jws/core.hpp"

namespace jot::detail {
namespace {

// RFC 7515 §4.1.4, §4.1.9, §4.1.10: each is a string when present. A "kid" of another type
// must not be read as "no kid" (which would let the key set choose by algorithm instead).
struct StringParam {
  const char* name;
  const char* received;  // the verifier's error (static text: rejection stays free)
  const char* to_sign;   // the signer's
};
constexpr std::array<StringParam, 3> kStringParams = {{
    {"kid", "invalid token: header \"kid\" must be a string",
     "header \"kid\" must be a string (RFC 7515 §4.1.4)"},
    {"typ", "invalid token: header \"typ\" must be a string",
     "header \"typ\" must be a string (RFC 7515 §4.1.9)"},
    {"cty", "invalid token: header \"cty\" must be a string",
     "header \"cty\" must be a string (RFC 7515 §4.1.10)"},
}};

Result<void> check_params(const boost::json::object& header, bool to_sign) noexcept {
  for (const StringParam& param : kStringParams) {
    const boost::json::value* value = header.if_contains(param.name);
    if (value != nullptr && !value->is_string()) {
      return Error(to_sign ? Errc::kInvalidOption : Errc::kMalformed,
                   to_sign ? param.to_sign : param.received)
          .about(param.name);
    }
  }
  // RFC 7516 §4.1.3 defines "zip" for JWE only; RFC 7515 has no compression. A JWS carrying
  // it was made by something that expects its payload to be inflated, which jot never does.
  if (header.contains("zip")) {
    return Error(to_sign ? Errc::kInvalidOption : Errc::kMalformed,
                 to_sign ? "header \"zip\" is a JWE parameter (RFC 7516 §4.1.3); a JWS has no "
                           "compression"
                         : "invalid token: header \"zip\" is a JWE parameter; a JWS has no "
                           "compression")
        .about("zip");
  }
  return {};
}

}  // namespace

Result<void> check_header_params(const boost::json::object& header) noexcept {
  return check_params(header, false);
}

Result<void> check_header_for_signing(const boost::json::object& header) {
  if (auto ok = check_crit_for_signing(header); !ok) return ok;
  return check_params(header, true);
}

}  // namespace jot::detail
