#pragma once

// The claim set of a token being signed: the caller's payload plus the claims that
// SignOptions add (iat, nbf, exp, aud, iss, sub, jti), with jsonwebtoken's checks, order
// and messages (docs/jsonwebtoken-compat.md, sign steps S3-S9).

#include <string>
#include <string_view>

#include "jot/jwt.hpp"

namespace jot::detail {

// Returns the payload JSON text to sign. When claims are only added, the caller's text is
// kept byte for byte and the new members are spliced in before its closing brace; when a
// member must be replaced or removed, the object is re-serialised in its original order.
// The text is written into `out` (replacing its content): callers pass a scratch buffer.
Result<void> build_claims(std::string_view payload_json, const SignOptions& options,
                          std::string& out);

}  // namespace jot::detail
