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

// A nested JWT through the installed library: signed with ES256, encrypted with ECDH-ES+A256KW
// to an X25519 key, decrypted and verified; a changed tag is refused.
bool nested_round_trip() {
  auto signer = jot::Key::generate(jot::Algorithm::kES256);
  auto recipient = jot::Key::generate(jot::Curve::kX25519);
  if (!signer || !recipient) return false;
  const jot::jwe::EncryptOptions how{jot::KeyManagement::kEcdhEsA256KW,
                                     jot::ContentEncryption::kA256GCM};
  auto token = jot::jwe::try_sign_and_encrypt(R"({"userId":123})", *signer, {}, *recipient, how);
  if (!token) {
    std::cerr << "sign_and_encrypt: " << token.error().message() << "\n";
    return false;
  }
  jot::jwe::DecryptOptions allow;
  allow.algorithms = {jot::KeyManagement::kEcdhEsA256KW};
  auto nested = jot::jwe::try_decrypt_and_verify(*token, *recipient, allow, *signer, {});
  if (!nested || nested->token.payload().get_integer("userId") != 123) {
    std::cerr << "decrypt_and_verify failed\n";
    return false;
  }
  std::string tampered = *token;
  tampered.back() = tampered.back() == 'A' ? 'Q' : 'A';
  if (jot::jwe::try_decrypt(tampered, *recipient, allow)) {
    std::cerr << "tampered JWE accepted\n";
    return false;
  }
  std::cout << "nested JWE ok\n";
  return true;
}

}  // namespace

int main() {
  std::cout << "jot " << JOT_VERSION_STRING << "\n";
  const bool ok = round_trip(jot::Algorithm::kHS256) && round_trip(jot::Algorithm::kES256) &&
                  nested_round_trip();
  std::cout << (ok ? "consumer ok" : "consumer FAILED") << "\n";
  return ok ? 0 : 1;
}
