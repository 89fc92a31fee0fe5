// The token parser and verify, with one key of each family: arbitrary text must never crash,
// hang, or be accepted. (Accepting would mean forging an HMAC, RSA, ECDSA or EdDSA
// signature without the key.)
#include <cstdint>
#include <cstdlib>
#include <jot/jwt.hpp>
#include <string_view>
#include <vector>

namespace {

const std::vector<jot::Key>& keys() {
  static const std::vector<jot::Key> all = [] {
    std::vector<jot::Key> out;
    for (auto alg : {jot::Algorithm::kHS256, jot::Algorithm::kRS256, jot::Algorithm::kPS256,
                     jot::Algorithm::kES256, jot::Algorithm::kES512, jot::Algorithm::kES256K,
                     jot::Algorithm::kEdDSA}) {
      out.push_back(jot::Key::generate(alg).value());
    }
    return out;
  }();
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view token(reinterpret_cast<const char*>(data), size);
  jot::VerifyOptions options;
  options.ignore_expiration = true;
  options.ignore_not_before = true;
  options.allow_unexpected_audience = true;
  for (const auto& key : keys()) {
    if (jot::try_verify(token, key, options)) std::abort();
  }
  jot::KeySet set(keys());
  if (jot::try_verify(token, set, options)) std::abort();
  (void)jot::unverified_decode(token);
  return 0;
}
