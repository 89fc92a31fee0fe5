#pragma once

// The signature algorithms over raw bytes: jot's algorithm layer. Callers (jws layer) have
// already checked the key ⇄ algorithm binding with Key::check_sign / check_verify.
//
// Formats are those of JWS (RFC 7518): HMAC tag; RSASSA-PKCS1-v1_5 and RSASSA-PSS (MGF1 with
// the same hash, salt = hash length) signatures of exactly the modulus length; ECDSA as raw
// r‖s of exactly twice the field size; Ed25519/Ed448 signatures.

#include <string>
#include <string_view>

#include "jot/algorithm.hpp"
#include "jot/error.hpp"
#include "keys/key_data.hpp"

namespace jot::detail {

// Appends the signature of `input` to `out`.
Result<void> sign_bytes(Algorithm alg, const KeyData& key, std::string_view input,
                        std::string& out);

// True only for a valid signature. Any malformed signature (wrong length, r or s out of
// range, ...) is simply false. Never allocates on the HMAC path.
bool verify_bytes(Algorithm alg, const KeyData& key, std::string_view input,
                  std::string_view signature) noexcept;

}  // namespace jot::detail
