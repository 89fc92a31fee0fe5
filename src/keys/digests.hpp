#pragma once

// The hash functions of the JWA signature algorithms, fetched from OpenSSL once per process.
// Fetching is a locked lookup in OpenSSL's method store; doing it per token would cost more
// than hashing a typical JWT, so every caller uses these pre-fetched handles.

#include <openssl/evp.h>

#include <cstddef>

#include "jot/algorithm.hpp"

namespace jot::detail {

// SHA-256/384/512 for the *256/*384/*512 algorithms (ES256K: SHA-256). nullptr for EdDSA
// (which hashes internally), none, or if the provider lacks the digest.
const EVP_MD* digest_for(Algorithm alg) noexcept;

// The OpenSSL name of that digest ("SHA256" ...), for OSSL_PARAMs; nullptr as above.
const char* digest_name(Algorithm alg) noexcept;

// Output length of that digest in bytes (32/48/64); 0 as above.
std::size_t digest_size(Algorithm alg) noexcept;

}  // namespace jot::detail
