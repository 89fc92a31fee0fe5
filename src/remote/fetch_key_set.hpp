#pragma once

#include "jot/key.hpp"
#include "jot/remote_jwks.hpp"

namespace jot::remote {

// GETs options.url and parses the body as a JWK Set of public keys. Every failure is
// kKeyFetch, its message naming the URL and the cause.
Result<KeySet> fetch_key_set(const RemoteJwksOptions& options);

// Checks RemoteJwksOptions (kInvalidOption naming the option); no network.
Result<void> check_options(const RemoteJwksOptions& options);

}  // namespace jot::remote
