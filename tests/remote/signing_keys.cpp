#include "signing_keys.hpp"

#include <chrono>
#include <stdexcept>

namespace jot::test {

SigningKey make_signing_key(const std::string& kid) {
  Key key = Key::generate(Algorithm::kES256).value().with_kid(kid);
  std::string jwk = key.public_jwk().value();
  return {std::move(key), std::move(jwk)};
}

std::string jwks_of(std::initializer_list<const SigningKey*> keys) {
  std::string out = R"({"keys":[)";
  const char* separator = "";
  for (const SigningKey* key : keys) {
    out += separator + key->jwk;
    separator = ",";
  }
  return out + "]}";
}

std::string token_signed_by(const SigningKey& key) {
  SignOptions options;
  options.expires_in = jot::Timespan::parse("1h").value();
  return try_sign(R"({"sub":"alice"})", key.key, options).value();
}

JsonObject header_with_kid(const std::string& kid) {
  return JsonObject::parse(R"({"alg":"ES256","kid":")" + kid + R"("})").value();
}

}  // namespace jot::test
