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

// The small token of issue #6, the ~1 KB payload of 29 claims, and the claim sets shaped like
// real issuers' (tests/support/payload_shapes.cpp, shared with the tests).
enum class PayloadKind {
  kSeed,
  kLarge,
  kKeycloak,
  kAzureAd,
  kAuth0,
  kCognito,
  kGoogleId,
  kEnterprise,
  kEscaped,
};
// "seed", "1KB", then the shapes' names ("keycloak", "azure-ad", ...).
const char* to_string(PayloadKind kind) noexcept;
// The issuer shapes, in order.
const std::vector<PayloadKind>& shape_payloads();
// Every payload but the seed's: those verified with aud/iss expected.
const std::vector<PayloadKind>& verified_payloads();

// {"userId":123,"iat":…,"exp":…} (the seed's payload with timestamps), ~1 KB with ~29
// claims, or a shape. Timestamps are fixed at process start: tokens stay valid for a day.
const std::string& payload(PayloadKind kind);

// The iss and aud a service expects of a payload (empty for the seed's, which has none); jot
// requires an expected audience when a token has one (RFC 7519 §4.1.3), and the peers are
// asked to check the same.
struct ExpectedClaims {
  std::string issuer;
  std::string audience;
};
ExpectedClaims expected_claims(PayloadKind kind);
// The verify options matching a payload.
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
