#pragma once

// Validation of a verified token's claims, in jsonwebtoken's order (docs/jsonwebtoken-compat.md,
// verify steps V9-V13) followed by jot's additions:
//   nbf, exp, aud, iss, sub, jti, nonce, iat/maxAge, required claims, typ, custom checks.
// Registered claims must have the right type even when not checked against an expectation.

#include "jot/jwt.hpp"
#include "json/json_scan.hpp"

namespace jot::detail {

// Largest time accepted for exp/nbf/iat: the end of JavaScript's Date range (8.64e15 ms), so
// every accepted value is also a valid date for jsonwebtoken and for error reports. The
// smallest is 0: a NumericDate counts seconds from the epoch (RFC 7519 §2).
inline constexpr double kMaxTimeSeconds = 8.64e12;

// `claims` are the registered claims of token.payload (scan_json_object of its text): the
// checks read them there, so the payload's document is not built for them. `now` in seconds
// since the epoch.
Result<void> check_claims(const VerifiedToken& token, const ObjectScan& claims,
                          const VerifyOptions& options, double now);

// Options that are invalid whatever the token (docs/jsonwebtoken-compat.md, verify step V1).
Result<void> check_verify_options(const VerifyOptions& options);

}  // namespace jot::detail
