// The seed's flow, in C++: define a secret, sign {"userId":123}, hand the token to a
// client, get it back, verify it with the same secret. A valid token grants access; a
// tampered token or a wrong secret is refused.

#include <iostream>
#include <jot/jot.hpp>
#include <string>

namespace {

void decide(const char* label, const std::string& token, const jot::Key& key) {
  auto verified = jot::try_verify(token, key);
  if (verified) {
    std::cout << label << ": access granted, payload " << verified->payload().to_json() << "\n";
  } else {
    std::cout << label << ": access denied (" << verified.error().message() << ")\n";
  }
}

}  // namespace

int main() {
  // 'mysecret' is 8 bytes; RFC 7518 §3.2 asks for at least 32 for HS256, so jot accepts it
  // only with this explicit opt-in. Use Key::generate(jot::Algorithm::kHS256) in real code.
  jot::KeyOptions seed_compat;
  seed_compat.insecure_allow_weak_secret = true;
  const jot::Key secret = jot::Key::from_secret("mysecret", seed_compat).value();

  const std::string token = jot::sign(R"({"userId":123})", secret);
  std::cout << "token: " << token << "\n";

  decide("same secret", token, secret);

  // The client swaps the payload for another user's and keeps the signature.
  const auto parts = jot::jws::split(token).value();
  const std::string tampered = std::string(parts.header) + "." +
                               jot::base64url::encode(R"({"userId":1})") + "." +
                               std::string(parts.signature);
  decide("tampered token", tampered, secret);

  const jot::Key wrong = jot::Key::from_secret("not-my-secret", seed_compat).value();
  decide("wrong secret", token, wrong);

  // Without the opt-in the seed's secret is refused, and the error says why.
  auto strict = jot::Key::from_secret("mysecret");
  if (strict) {
    auto signed_strict = jot::try_sign(R"({"userId":123})", *strict);
    if (!signed_strict) std::cout << "default policy: " << signed_strict.error().message() << "\n";
  }
  return 0;
}
