#pragma once

// The inputs every benchmark shares: one key per algorithm (generated once by OpenSSL and
// handed to jot as PEM, so jot and the floor work with the very same key), the two payloads
// of issue #6, and for each (algorithm, payload) a token signed by jot.

#include <openssl/evp.h>

#include <memory>
#include <string>
#include <vector>

#include "jot/jot.hpp"

namespace jot::bench {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// One algorithm as benchmarked: its jot keys and the same key for the floor.
struct AlgCase {
  std::string label;  // "HS256", "EdDSA", "EdDSA-Ed448" ...
  Algorithm alg;
  std::string secret;             // HMAC only: the raw secret bytes
  Pkey pkey;                      // asymmetric only: the private key for the floor
  std::string private_pem;        // PKCS#8
  std::string public_pem;         // SPKI
  std::optional<Key> sign_key;    // jot: from the secret or the private PEM
  std::optional<Key> verify_key;  // jot: from the secret or the public PEM (SPKI)
  std::string key_error;          // why a jot key could not be made, if it could not
};

enum class PayloadKind { kSeed, kLarge };
const char* to_string(PayloadKind kind) noexcept;

// {"userId":123,"iat":…,"exp":…} (the seed's payload with timestamps), or ~1 KB with ~20
// claims. Timestamps are fixed at process start: tokens stay valid for a day.
const std::string& payload(PayloadKind kind);
// The verify options matching a payload (the large one carries aud and iss, which jot
// requires to be expected, RFC 7519 §4.1.3).
VerifyOptions verify_options(Algorithm alg, PayloadKind kind);
SignOptions sign_options(Algorithm alg);

// All cases, created on first use (key generation takes a moment for RSA).
std::vector<AlgCase>& cases();
const AlgCase* find_case(const std::string& label);

// The token jot signs for (case, payload); empty with `error` set when signing failed.
struct TokenFixture {
  std::string token;
  std::string error;
};
const TokenFixture& token_for(const AlgCase& c, PayloadKind kind);

}  // namespace jot::bench
