// The smallest real use of an installed jot: the seed's flow (sign, verify, a tampered token
// refused) with a generated HS256 secret and an ES256 key pair. Exit status 0 only if all
// of it behaves.

#include <iostream>
#include <jot/jot.hpp>
#include <string>

namespace {

bool round_trip(jot::Algorithm alg) {
  auto key = jot::Key::generate(alg);
  if (!key) {
    std::cerr << "generate: " << key.error().message() << "\n";
    return false;
  }
  auto token = jot::try_sign(R"({"userId":123})", *key);
  if (!token) {
    std::cerr << "sign: " << token.error().message() << "\n";
    return false;
  }
  auto verified = jot::try_verify(*token, *key);
  if (!verified || verified->payload().get_integer("userId") != 123) {
    std::cerr << "verify failed\n";
    return false;
  }
  std::string tampered = *token;
  tampered[tampered.find('.') + 2] ^= 1;
  if (jot::try_verify(tampered, *key)) {
    std::cerr << "tampered token accepted\n";
    return false;
  }
  std::cout << jot::to_string(alg) << " ok\n";
  return true;
}

}  // namespace

int main() {
  std::cout << "jot " << JOT_VERSION_STRING << "\n";
  const bool ok = round_trip(jot::Algorithm::kHS256) && round_trip(jot::Algorithm::kES256);
  std::cout << (ok ? "consumer ok" : "consumer FAILED") << "\n";
  return ok ? 0 : 1;
}
