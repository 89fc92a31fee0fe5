#pragma once

// Umbrella header: the whole public API of libjot.

#include "jot/algorithm.hpp"
#include "jot/base64url.hpp"
#include "jot/error.hpp"
#include "jot/json_object.hpp"
#include "jot/jwe.hpp"
#include "jot/jwe_algorithm.hpp"
#include "jot/jws.hpp"
#include "jot/jwt.hpp"
#include "jot/key.hpp"
#include "jot/timespan.hpp"
#include "jot/version.hpp"
