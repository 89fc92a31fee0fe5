#include "keys/digests.hpp"

namespace jot::detail {
namespace {

enum class Sha { k256, k384, k512, kNone };

Sha sha_of(Algorithm alg) noexcept {
  switch (alg) {
    case Algorithm::kHS256:
    case Algorithm::kRS256:
    case Algorithm::kPS256:
    case Algorithm::kES256:
    case Algorithm::kES256K:
      return Sha::k256;
    case Algorithm::kHS384:
    case Algorithm::kRS384:
    case Algorithm::kPS384:
    case Algorithm::kES384:
      return Sha::k384;
    case Algorithm::kHS512:
    case Algorithm::kRS512:
    case Algorithm::kPS512:
    case Algorithm::kES512:
      return Sha::k512;
    case Algorithm::kEdDSA:
    case Algorithm::kNone:
      break;
  }
  return Sha::kNone;
}

// The three fetched digests, deliberately never freed: a process-lifetime handle must stay
// valid for threads still verifying while static destructors run at exit (a freed handle
// there would be a use-after-free). The pointers stay reachable, so leak checkers do not
// report them.
struct Digests {
  EVP_MD* sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  EVP_MD* sha384 = EVP_MD_fetch(nullptr, "SHA384", nullptr);
  EVP_MD* sha512 = EVP_MD_fetch(nullptr, "SHA512", nullptr);
};

const Digests& digests() noexcept {
  static const Digests instance;
  return instance;
}

}  // namespace

const EVP_MD* digest_for(Algorithm alg) noexcept {
  switch (sha_of(alg)) {
    case Sha::k256:
      return digests().sha256;
    case Sha::k384:
      return digests().sha384;
    case Sha::k512:
      return digests().sha512;
    case Sha::kNone:
      break;
  }
  return nullptr;
}

const char* digest_name(Algorithm alg) noexcept {
  switch (sha_of(alg)) {
    case Sha::k256:
      return "SHA256";
    case Sha::k384:
      return "SHA384";
    case Sha::k512:
      return "SHA512";
    case Sha::kNone:
      break;
  }
  return nullptr;
}

std::size_t digest_size(Algorithm alg) noexcept {
  switch (sha_of(alg)) {
    case Sha::k256:
      return 32;
    case Sha::k384:
      return 48;
    case Sha::k512:
      return 64;
    case Sha::kNone:
      break;
  }
  return 0;
}

}  // namespace jot::detail
