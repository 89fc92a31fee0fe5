// Key parsing from PEM, DER, JWK, JWKS and auto-detection: arbitrary bytes never crash or
// leak, and every key that parses is usable and consistent:
//  - its exports (JWK, PEM) parse again to a key with the same RFC 7638 thumbprint;
//  - a private key signs a token that its exported public half verifies (an inconsistent
//    private key, e.g. a public point or CRT values that do not match the secret, must be
//    refused at parse time, not produce signatures nobody can check);
//  - text that parses as an asymmetric PEM or JWK is never accepted as an HMAC secret
//    (RSA/HMAC key confusion);
//  - from_any agrees with the parser of the detected format.
#include <cstdint>
#include <jot/jwt.hpp>
#include <jot/key.hpp>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"

using jot::fuzz::require;

namespace {

const jot::KeyOptions kLax{
    .insecure_allow_weak_secret = true, .insecure_allow_small_rsa = true, .passphrase = "fuzz"};

void check_exports(const jot::Key& key) {
  auto thumb = key.thumbprint();
  require(thumb.has_value(), "a parsed key has a thumbprint");
  auto jwk = key.has_private() ? key.private_jwk() : key.public_jwk();
  if (jwk) {
    auto again = jot::Key::from_jwk(*jwk, kLax);
    require(again.has_value(), "exported JWK parses");
    require(again->thumbprint().value() == *thumb, "JWK round trip keeps the thumbprint");
    require(again->has_private() == key.has_private(), "JWK round trip keeps privacy");
  }
  if (key.type() == jot::KeyType::kSecret) return;
  auto pem = key.has_private() ? key.private_pem() : key.public_pem();
  require(pem.has_value(), "an asymmetric key exports PEM");
  auto again = jot::Key::from_pem(*pem, kLax);
  require(again.has_value(), "exported PEM parses");
  require(again->thumbprint().value() == *thumb, "PEM round trip keeps the thumbprint");
  require(!jot::Key::from_secret(*pem, kLax), "a PEM key became an HMAC secret");
}

void check_sign_verify(const jot::Key& key) {
  if (!key.has_private() || key.type() == jot::KeyType::kSecret) return;
  const jot::Algorithm alg = key.natural_algorithm();
  if (!key.check_sign(alg)) return;
  jot::SignOptions sign_options;
  sign_options.timestamp = 1700000000;
  auto token = jot::try_sign(R"({"sub":"fuzz"})", key, sign_options);
  require(token.has_value(), "a parsed private key signs with its natural algorithm");
  auto public_key = jot::Key::from_pem(key.public_pem().value(), kLax);
  require(public_key.has_value(), "public half parses");
  jot::VerifyOptions options;
  options.clock_timestamp = 1700000000;
  options.algorithms = {alg};
  require(jot::try_verify(*token, *public_key, options).has_value(),
          "the public half verifies what the private key signed");
}

void check(const jot::Result<jot::Key>& key, std::string_view input) {
  if (!key) {
    require(!key.error().message().empty(), "key rejection has a message");
    return;
  }
  check_exports(*key);
  check_sign_verify(*key);
  if (key->type() != jot::KeyType::kSecret) {
    require(!jot::Key::from_secret(input, kLax), "asymmetric key text became an HMAC secret");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = jot::fuzz::as_text(data, size);
  auto pem = jot::Key::from_pem(input, kLax);
  check(pem, input);
  auto der = jot::Key::from_der(input, kLax);
  check(der, input);
  auto jwk = jot::Key::from_jwk(input, kLax);
  check(jwk, input);
  auto any = jot::Key::from_any(input, kLax);
  if (pem || der || jwk) {
    // Input can be more than one format at once (a DER modulus holding a PEM block, a JWK
    // string holding one); from_any then picks one of the keys the specific parsers found.
    require(any.has_value(), "from_any accepts what a specific parser accepts");
    const std::string found = any->thumbprint().value();
    require((pem && pem->thumbprint().value() == found) ||
                (der && der->thumbprint().value() == found) ||
                (jwk && jwk->thumbprint().value() == found),
            "from_any agrees with a specific parser");
  }
  if (auto set = jot::KeySet::from_jwks(input, kLax)) {
    for (const auto& key : set->keys()) {
      check_exports(key);
      check_sign_verify(key);
    }
    (void)set->public_jwks();
  }
  (void)jot::Key::from_secret(input);
  return 0;
}
