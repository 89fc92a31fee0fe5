#pragma once

// The floor of issue #6: the bare OpenSSL operation that a JWT library cannot avoid, on the
// same bytes (the token's signing input) with the same key, done the fastest correct way
// OpenSSL offers. jot's time divided by the floor's time is the overhead jot adds.
//
// Not thread-safe: one Floor per thread.

#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

#include "fixtures.hpp"

namespace jot::bench {

class Floor {
 public:
  virtual ~Floor() = default;
  // Signature in OpenSSL's native format (DER for ECDSA). Returns false on failure.
  virtual bool sign(std::string_view input, std::string& signature) = 0;
  virtual bool verify(std::string_view input, std::string_view signature) = 0;
};

// HMAC: EVP_MAC_CTX keyed once, re-initialised per operation with EVP_MAC_init(ctx, NULL,
// 0, NULL); verify compares with CRYPTO_memcmp. RSA (PKCS#1 v1.5 and PSS) and ECDSA: the
// digest (fetched once, reused EVP_MD_CTX), then EVP_PKEY_sign/verify on an EVP_PKEY_CTX
// prepared once. EdDSA: one-shot EVP_DigestSign/Verify with the pre-parsed EVP_PKEY.
std::unique_ptr<Floor> make_floor(const AlgCase& c);

}  // namespace jot::bench
