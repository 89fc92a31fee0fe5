// The public face of the signature algorithms: the binding check, then the raw operation.

#include "jot/raw_signature.hpp"

#include "keys/signature.hpp"

namespace jot {

Result<void> sign_raw(Algorithm alg, const Key& key, std::string_view input, std::string& out) {
  if (auto allowed = key.check_sign(alg); !allowed) return allowed;
  return detail::sign_bytes(alg, detail::key_data(key), input, out);
}

bool verify_raw(Algorithm alg, const Key& key, std::string_view input,
                std::string_view signature) noexcept {
  if (!key.check_verify(alg)) return false;
  return detail::verify_bytes(alg, detail::key_data(key), input, signature);
}

}  // namespace jot
