// Dispatch of the JWA signature algorithms to their implementations (hmac.cpp, rsa.cpp,
// ecdsa.cpp, eddsa.cpp). Each implementation re-checks that the key fits the algorithm, so
// a caller that skipped Key::check_sign / check_verify still cannot confuse key types.

#include "keys/signature.hpp"

#include "keys/ecdsa.hpp"
#include "keys/eddsa.hpp"
#include "keys/hmac.hpp"
#include "keys/rsa.hpp"

namespace jot::detail {

Result<void> sign_bytes(Algorithm alg, const KeyData& key, std::string_view input,
                        std::string& out) {
  switch (alg) {
    case Algorithm::kHS256:
    case Algorithm::kHS384:
    case Algorithm::kHS512:
      return hmac_sign(alg, key, input, out);
    case Algorithm::kRS256:
    case Algorithm::kRS384:
    case Algorithm::kRS512:
    case Algorithm::kPS256:
    case Algorithm::kPS384:
    case Algorithm::kPS512:
      return rsa_sign(alg, key, input, out);
    case Algorithm::kES256:
    case Algorithm::kES384:
    case Algorithm::kES512:
    case Algorithm::kES256K:
      return ecdsa_sign(alg, key, input, out);
    case Algorithm::kEdDSA:
      return eddsa_sign(key, input, out);
    case Algorithm::kNone:
      break;
  }
  // Unsecured JWS has no signature to compute; the jws layer handles it before this point.
  return Error(Errc::kUnsupported, "the none algorithm has no signature");
}

bool verify_bytes(Algorithm alg, const KeyData& key, std::string_view input,
                  std::string_view signature) noexcept {
  switch (alg) {
    case Algorithm::kHS256:
    case Algorithm::kHS384:
    case Algorithm::kHS512:
      return hmac_verify(alg, key, input, signature);
    case Algorithm::kRS256:
    case Algorithm::kRS384:
    case Algorithm::kRS512:
    case Algorithm::kPS256:
    case Algorithm::kPS384:
    case Algorithm::kPS512:
      return rsa_verify(alg, key, input, signature);
    case Algorithm::kES256:
    case Algorithm::kES384:
    case Algorithm::kES512:
    case Algorithm::kES256K:
      return ecdsa_verify(alg, key, input, signature);
    case Algorithm::kEdDSA:
      return eddsa_verify(key, input, signature);
    case Algorithm::kNone:
      break;
  }
  return false;  // "none" is never a valid signature here
}

}  // namespace jot::detail
