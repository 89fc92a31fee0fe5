#pragma once

// JWS signatures over raw bytes, for callers that assemble a JWS themselves (the Node
// binding re-implements jws's serialisation on top of these). Formats are RFC 7518's: the
// HMAC tag; RSASSA-PKCS1-v1_5 and RSASSA-PSS signatures of the modulus length; ECDSA as r‖s
// of twice the field size; Ed25519/Ed448 signatures. jws.hpp and jwt.hpp are built on the same
// operations.

#include <string>
#include <string_view>

#include "jot/algorithm.hpp"
#include "jot/error.hpp"
#include "jot/key.hpp"

namespace jot {

// Appends the signature of `input` to `out`, after Key::check_sign(alg) (kKeyMismatch,
// kWeakKey). alg "none" is refused (kUnsupported).
Result<void> sign_raw(Algorithm alg, const Key& key, std::string_view input, std::string& out);

// True only for a valid signature of `input` by `key` with `alg`. False for any malformed
// signature and for a key that Key::check_verify(alg) refuses. Allocates nothing for HMAC.
bool verify_raw(Algorithm alg, const Key& key, std::string_view input,
                std::string_view signature) noexcept;

}  // namespace jot
