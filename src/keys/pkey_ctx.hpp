#pragma once

// Shared machinery of the hash-then-sign algorithms (RSASSA-PKCS1-v1_5, RSASSA-PSS, ECDSA):
// hash with the pre-fetched digest, then sign or verify the digest with an EVP_PKEY_CTX that
// this thread prepared once for (key, algorithm, operation) and reuses.
//
// Reusing the prepared context skips, per token, the context allocation, the provider's
// re-fetch of the digest by name and the padding/PSS set-up that EVP_DigestVerifyInit would
// redo; the public-key operation itself is unchanged. The key's EVP_PKEY is only read, which
// OpenSSL 3 allows from several threads at once.

#include <openssl/evp.h>

#include <cstddef>
#include <string_view>

#include "jot/algorithm.hpp"
#include "keys/key_data.hpp"

namespace jot::detail {

// Hashes `input` with `alg`'s digest into `out` (EVP_MAX_MD_SIZE bytes). Returns the digest
// length, 0 on failure.
std::size_t prehash(Algorithm alg, std::string_view input, unsigned char* out) noexcept;

enum class PkeyOp : unsigned char { kSign, kVerify };

// Algorithm-specific set-up of a freshly initialised context: the signature digest `md` and
// whatever the algorithm needs around it (padding, PSS parameters, in the order OpenSSL
// requires). Returns false on failure.
using PkeyConfigure = bool (*)(EVP_PKEY_CTX* ctx, Algorithm alg, const EVP_MD* md) noexcept;

// This thread's context for (key, alg, op), initialised for `op` and configured on first
// use. nullptr on failure (the OpenSSL error queue is left as is).
EVP_PKEY_CTX* prepared_pkey_ctx(const KeyData& key, Algorithm alg, PkeyOp op,
                                PkeyConfigure configure) noexcept;

// Forgets (and frees) that context, e.g. when an operation failed in an unexpected way.
void drop_pkey_ctx(const KeyData& key, Algorithm alg, PkeyOp op) noexcept;

}  // namespace jot::detail
