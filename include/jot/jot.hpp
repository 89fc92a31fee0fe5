#pragma once

// Umbrella header: the whole public API of libjot.
//
// One rule for errors: every call returns Result<T> and never throws (rejecting a token costs
// no allocation); Result::value() — and sign()/verify(), which are try_sign()/try_verify()
// followed by value() — throw TokenExpiredError, NotBeforeError or JsonWebTokenError.

#include "jot/algorithm.hpp"
#include "jot/base64url.hpp"
#include "jot/error.hpp"
#include "jot/json_object.hpp"
#include "jot/jws.hpp"
#include "jot/jwt.hpp"
#include "jot/key.hpp"
#include "jot/raw_signature.hpp"
#include "jot/timespan.hpp"
#include "jot/version.hpp"
