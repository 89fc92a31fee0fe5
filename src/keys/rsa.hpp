#pragma once

// RS256/384/512 (RSASSA-PKCS1-v1_5, RFC 7518 §3.3) and PS256/384/512 (RSASSA-PSS with MGF1
// over the same hash and a salt as long as the hash, RFC 7518 §3.5) over raw bytes.
// Signatures are exactly as long as the modulus.

#include <string>
#include <string_view>

#include "jot/algorithm.hpp"
#include "jot/error.hpp"
#include "keys/key_data.hpp"

namespace jot::detail {

Result<void> rsa_sign(Algorithm alg, const KeyData& key, std::string_view input, std::string& out);

// False for any signature that is not exactly the modulus length, for PSS signatures whose
// salt length is not the hash length, and for every invalid signature.
bool rsa_verify(Algorithm alg, const KeyData& key, std::string_view input,
                std::string_view signature) noexcept;

}  // namespace jot::detail
