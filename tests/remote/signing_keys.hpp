#pragma once

// Keys, JWK Sets and tokens for the remote JWKS tests: an identity provider in miniature.

#include <initializer_list>
#include <string>

#include "jot/jot.hpp"

namespace jot::test {

struct SigningKey {
  Key key;          // private, with its kid
  std::string jwk;  // the public JWK the provider publishes
};

// A fresh ES256 key with `kid`.
SigningKey make_signing_key(const std::string& kid);
// {"keys":[...]} of the public JWKs.
std::string jwks_of(std::initializer_list<const SigningKey*> keys);
// A token signed by `key` (header kid = its kid), valid for an hour.
std::string token_signed_by(const SigningKey& key);
// A decoded token header {"alg":"ES256","kid":kid}, as try_verify hands it to a resolver.
JsonObject header_with_kid(const std::string& kid);

}  // namespace jot::test
