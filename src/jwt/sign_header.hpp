#pragma once

// The protected header of a token being signed, in jsonwebtoken's member order:
// alg, typ, kid, then the extra members of options.header_json (which may override the
// first three in place, like Object.assign).

#include <string>
#include <string_view>

#include "jot/jwt.hpp"

namespace jot::detail {

struct SignHeader {
  std::string json;
  Algorithm alg;  // the header's final "alg" (an override in header_json wins)
};

Result<SignHeader> build_header(Algorithm alg, std::string_view key_kid,
                                const SignOptions& options);

// The base64url of the default header (options.header_json empty): exactly
// base64url(build_header(...).json), remembered per thread for the last (alg, typ, kid), since
// an issuer signs every token with the same one. Valid until the next call on this thread.
std::string_view default_header_b64(Algorithm alg, std::string_view key_kid,
                                    const SignOptions& options);

}  // namespace jot::detail
