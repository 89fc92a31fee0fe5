#pragma once

// Families of JWE key-management algorithms, as the key policy and the JWE layer group them.

#include <cstddef>

#include "jot/jwe_algorithm.hpp"

namespace jot::detail {

enum class KeyFamily : unsigned char { kDirect, kAesKw, kAesGcmKw, kRsa, kEcdh, kPbes2 };

KeyFamily family_of(KeyManagement alg) noexcept;

// Bytes of the AES key that wraps the content key (A*KW, A*GCMKW, ECDH-ES+A*KW, PBES2-*),
// 0 for the others.
std::size_t wrap_key_bytes(KeyManagement alg) noexcept;

}  // namespace jot::detail
