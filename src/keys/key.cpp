// jot::Key: names, properties, the natural and compatible algorithms, with_kid.

#include "jot/key.hpp"

#include <openssl/crypto.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "keys/key_build.hpp"
#include "keys/key_data.hpp"

namespace jot {

std::string_view to_string(KeyType type) noexcept {
  switch (type) {
    case KeyType::kSecret:
      return "oct";
    case KeyType::kRsa:
      return "RSA";
    case KeyType::kRsaPss:
      return "RSA-PSS";
    case KeyType::kEc:
      return "EC";
    case KeyType::kOkp:
      return "OKP";
  }
  return "unknown";
}

std::string_view to_string(Curve curve) noexcept {
  switch (curve) {
    case Curve::kNone:
      return "";
    case Curve::kP256:
      return "P-256";
    case Curve::kP384:
      return "P-384";
    case Curve::kP521:
      return "P-521";
    case Curve::kSecp256k1:
      return "secp256k1";
    case Curve::kEd25519:
      return "Ed25519";
    case Curve::kEd448:
      return "Ed448";
  }
  return "";
}

namespace detail {

KeyData::~KeyData() {
  // The secret must not survive in freed memory (std::string does not clear on release).
  if (!secret.empty()) OPENSSL_cleanse(secret.data(), secret.size());
}

}  // namespace detail

KeyType Key::type() const noexcept {
  return data_->type;
}
Curve Key::curve() const noexcept {
  return data_->curve;
}
bool Key::has_private() const noexcept {
  return data_->has_private;
}
int Key::bits() const noexcept {
  return data_->bits;
}
std::string_view Key::kid() const noexcept {
  return data_->kid;
}
std::optional<Algorithm> Key::bound_algorithm() const noexcept {
  return data_->bound_alg;
}

Algorithm Key::natural_algorithm() const noexcept {
  const detail::KeyData& key = *data_;
  if (key.bound_alg) return *key.bound_alg;
  switch (key.type) {
    case KeyType::kSecret:
      return Algorithm::kHS256;
    case KeyType::kRsa:
      return Algorithm::kRS256;
    case KeyType::kRsaPss:
      return key.pss_alg.value_or(Algorithm::kPS256);
    case KeyType::kEc:
      switch (key.curve) {
        case Curve::kP384:
          return Algorithm::kES384;
        case Curve::kP521:
          return Algorithm::kES512;
        case Curve::kSecp256k1:
          return Algorithm::kES256K;
        default:
          return Algorithm::kES256;
      }
    case KeyType::kOkp:
      return Algorithm::kEdDSA;
  }
  return Algorithm::kHS256;
}

std::vector<Algorithm> Key::compatible_algorithms() const {
  std::vector<Algorithm> result;
  // A JWK published for encryption is compatible with no signature algorithm.
  if (data_->use_not_sig) return result;
  for (Algorithm alg : all_algorithms()) {
    if (alg == Algorithm::kNone) continue;
    if (data_->bound_alg && *data_->bound_alg != alg) continue;
    if (detail::check_binding(*data_, alg, false)) result.push_back(alg);
  }
  return result;
}

namespace {

// A fresh KeyData with the same material and metadata (the EVP_PKEY is shared, not
// duplicated: it is reference counted and never mutated by jot).
std::shared_ptr<detail::KeyData> copy_of(const detail::KeyData& src) {
  auto copy = std::make_shared<detail::KeyData>();
  copy->type = src.type;
  copy->curve = src.curve;
  copy->has_private = src.has_private;
  copy->bits = src.bits;
  copy->secret = src.secret;
  if (src.pkey) {
    EVP_PKEY_up_ref(src.pkey.get());
    copy->pkey.reset(src.pkey.get());
  }
  copy->kid = src.kid;
  copy->bound_alg = src.bound_alg;
  copy->bound_by_caller = src.bound_by_caller;
  copy->pss_alg = src.pss_alg;
  copy->use_not_sig = src.use_not_sig;
  copy->ops_forbid_sign = src.ops_forbid_sign;
  copy->ops_forbid_verify = src.ops_forbid_verify;
  copy->allow_weak_secret = src.allow_weak_secret;
  copy->allow_small_rsa = src.allow_small_rsa;
  return copy;
}

}  // namespace

Key Key::with_kid(std::string kid) const {
  auto copy = copy_of(*data_);
  copy->kid = std::move(kid);
  return Key(std::move(copy));
}

Result<Key> Key::with_algorithm(Algorithm alg) const {
  if (data_->bound_alg == alg) return *this;
  if (data_->bound_alg) {
    return Error(Errc::kKeyMismatch, "the key is already bound to " +
                                         std::string(to_string(*data_->bound_alg)) +
                                         " and cannot be bound to " + std::string(to_string(alg)));
  }
  if (alg == Algorithm::kNone) {
    return Error(Errc::kKeyMismatch, "the \"none\" algorithm uses no key");
  }
  if (Result<void> ok = detail::check_binding(*data_, alg, false); !ok)
    return std::move(ok).error();
  auto copy = copy_of(*data_);
  copy->bound_alg = alg;
  copy->bound_by_caller = true;
  return Key(std::move(copy));
}

}  // namespace jot
