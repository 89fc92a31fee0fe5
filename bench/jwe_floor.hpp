#pragma once

// The floor of issue #14's JWE rows: the bare OpenSSL work a JWE decrypt cannot avoid, on
// the token's own (already decoded) bytes, done the fastest correct way OpenSSL offers:
//   dir/A256GCM:        AES-256-GCM decrypt (key set once: a dir key never changes);
//   ECDH-ES P-256:      import the epk point, ECDH derive, one SHA-256 round of the Concat
//                       KDF (RFC 7518 §4.6.2), AES-256-GCM decrypt under the derived key;
//   RSA-OAEP-256:       RSAES-OAEP (SHA-256, MGF1-SHA-256) decrypt of the encrypted key on a
//                       context prepared once, AES-256-GCM decrypt under that key.
// jot's time divided by the floor's is what jot's parsing, checks and copies cost. Not
// thread-safe: one floor per thread.

#include <memory>
#include <string>
#include <string_view>

#include "fixtures.hpp"

namespace jot::bench {

// A compact JWE's parts, base64url-decoded, as the floor takes them.
struct JweParts {
  std::string aad;  // the encoded protected header (RFC 7516 §5.1 step 14)
  std::string encrypted_key;
  std::string iv;
  std::string ciphertext;
  std::string tag;
  std::string epk_point;  // ECDH-ES: 0x04 || x || y of the header's epk
};

class JweFloor {
 public:
  virtual ~JweFloor() = default;
  // The plaintext in `out`; false when authentication (or anything else) failed.
  virtual bool decrypt(const JweParts& parts, std::string& out) = 0;
};

// AES-256-GCM under a fixed 32-byte key.
std::unique_ptr<JweFloor> make_dir_a256gcm_floor(std::string_view key);
// ECDH-ES (P-256 private key `recipient`) with A256GCM.
std::unique_ptr<JweFloor> make_ecdh_es_p256_floor(EVP_PKEY* recipient);
// RSA-OAEP-256 (private key `recipient`) with A256GCM.
std::unique_ptr<JweFloor> make_rsa_oaep256_floor(EVP_PKEY* recipient);

}  // namespace jot::bench
