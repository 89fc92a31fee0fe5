// Key parsing from PEM, DER, JWK and JWKS: arbitrary bytes never crash or leak; a parsed
// key's exports parse again to a key with the same thumbprint.
#include <cstdint>
#include <cstdlib>
#include <jot/key.hpp>
#include <string_view>

namespace {

void check_round_trip(const jot::Key& key) {
  auto thumb = key.thumbprint();
  auto jwk = key.has_private() ? key.private_jwk() : key.public_jwk();
  if (!thumb || !jwk) return;
  auto again = jot::Key::from_jwk(
      *jwk, {.insecure_allow_weak_secret = true, .insecure_allow_small_rsa = true});
  if (!again) std::abort();
  auto thumb2 = again->thumbprint();
  if (!thumb2 || *thumb2 != *thumb) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const jot::KeyOptions lax{
      .insecure_allow_weak_secret = true, .insecure_allow_small_rsa = true, .passphrase = "fuzz"};
  if (auto key = jot::Key::from_pem(input, lax)) check_round_trip(*key);
  if (auto key = jot::Key::from_der(input, lax)) check_round_trip(*key);
  if (auto key = jot::Key::from_jwk(input, lax)) check_round_trip(*key);
  (void)jot::KeySet::from_jwks(input, lax);
  (void)jot::Key::from_secret(input);
  return 0;
}
