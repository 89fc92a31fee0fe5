// Dispatch of the JWA signature algorithms to their implementations (hmac.cpp, rsa.cpp,
// ecdsa.cpp, eddsa.cpp). Each implementation re-checks that the key fits the algorithm, so
// a caller that skipped Key::check_sign / check_verify still cannot confuse key types.

#include "keys/signature.hpp"

#include "keys/ecdsa.hpp"
#include "keys/eddsa.hpp"
#include "keys/hmac.hpp"
#include "keys/rsa.hpp"

namespace jot::detail {

// Dispatch by family: the family's code checks that the key fits the exact algorithm.

Result<void> sign_bytes(Algorithm alg, const KeyData& key, std::string_view input,
                        std::string& out) {
  switch (family_of(alg)) {
    case AlgorithmFamily::kHmac:
      return hmac_sign(alg, key, input, out);
    case AlgorithmFamily::kRsaPkcs1:
    case AlgorithmFamily::kRsaPss:
      return rsa_sign(alg, key, input, out);
    case AlgorithmFamily::kEcdsa:
      return ecdsa_sign(alg, key, input, out);
    case AlgorithmFamily::kEdDSA:
      return eddsa_sign(key, input, out);
    case AlgorithmFamily::kNone:
      break;
  }
  // Unsecured JWS has no signature to compute; the jws layer handles it before this point.
  return Error(Errc::kUnsupported, "the none algorithm has no signature");
}

bool verify_bytes(Algorithm alg, const KeyData& key, std::string_view input,
                  std::string_view signature) noexcept {
  switch (family_of(alg)) {
    case AlgorithmFamily::kHmac:
      return hmac_verify(alg, key, input, signature);
    case AlgorithmFamily::kRsaPkcs1:
    case AlgorithmFamily::kRsaPss:
      return rsa_verify(alg, key, input, signature);
    case AlgorithmFamily::kEcdsa:
      return ecdsa_verify(alg, key, input, signature);
    case AlgorithmFamily::kEdDSA:
      return eddsa_verify(key, input, signature);
    case AlgorithmFamily::kNone:
      break;
  }
  return false;  // "none" is never a valid signature here
}

}  // namespace jot::detail
