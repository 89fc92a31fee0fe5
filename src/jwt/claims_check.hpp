#pragma once

// Validation of a verified token's claims, in jsonwebtoken's order (spec §6.2 steps 20-27)
// followed by jot's additions:
//   nbf, exp, aud, iss, sub, jti, nonce, iat/maxAge, required claims, typ, custom checks.
// Registered claims must have the right type even when not checked against an expectation.

#include "jot/jwt.hpp"
#include "json/json_scan.hpp"

namespace jot::detail {

// Largest |time| accepted for exp/nbf/iat: JavaScript's Date range (±8.64e15 ms), so every
// accepted value is also a valid date for jsonwebtoken and for error reports.
inline constexpr double kMaxTimeSeconds = 8.64e12;

// `claims` are the registered claims of token.payload (scan_json_object of its text): the
// checks read them there, so the payload's document is not built for them. `now` in seconds
// since the epoch.
Result<void> check_claims(const VerifiedToken& token, const ObjectScan& claims,
                          const VerifyOptions& options, double now);

// Options that are invalid whatever the token (spec §6.2 steps 1-3, adapted).
Result<void> check_verify_options(const VerifyOptions& options);

}  // namespace jot::detail
