// The cryptographic step: key ⇄ algorithm binding, then the signature over the token's own
// first two segments (never a re-serialisation).

#include "jws/core.hpp"
#include "keys/key_data.hpp"
#include "keys/signature.hpp"

namespace jot::detail {

Result<void> verify_signature(const DecodedJws& jws, Algorithm alg, const Key& key) noexcept {
  if (auto bound = key.check_verify(alg); !bound) return std::move(bound).error();
  if (!verify_bytes(alg, detail::key_data(key), jws.segments.signing_input(), jws.signature)) {
    return Error(Errc::kInvalidSignature, "invalid signature").about("signature");
  }
  return {};
}

}  // namespace jot::detail
