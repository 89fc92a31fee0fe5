#pragma once

// ES256/ES384/ES512 (RFC 7518 §3.4) and ES256K (RFC 8812) over raw bytes. JWS carries the
// signature as raw r‖s, each left-padded to the field size; OpenSSL speaks DER. The
// conversions here are strict: only exactly 2×field-size bytes with 0 < r, s < n are ever
// handed to OpenSSL (so DER input, truncated input and the r = s = 0 "psychic signature"
// of CVE-2022-21449 fail before any curve arithmetic).

#include <cstddef>
#include <string>
#include <string_view>

#include "jot/algorithm.hpp"
#include "jot/error.hpp"
#include "keys/key_data.hpp"

namespace jot::detail {

// The curve an ES* algorithm requires, kNone for other algorithms.
Curve ecdsa_curve(Algorithm alg) noexcept;

// Bytes of one coordinate / scalar: 32 (P-256, secp256k1), 48 (P-384), 66 (P-521); 0 else.
std::size_t ecdsa_field_bytes(Curve curve) noexcept;

// Large enough for the DER of any P-521 signature: SEQUENCE(3) + 2 × INTEGER(2 + 1 + 66).
inline constexpr std::size_t kMaxEcdsaDer = 3 + 2 * (2 + 1 + 66);

// Encodes a raw r‖s signature as a DER ECDSA-Sig-Value into `der`. Returns the DER length,
// or 0 if `raw` is not exactly 2 × field bytes or r or s is not in [1, n-1].
std::size_t ecdsa_raw_to_der(Curve curve, std::string_view raw,
                             unsigned char (&der)[kMaxEcdsaDer]) noexcept;

// Decodes a DER ECDSA-Sig-Value and appends r‖s, each padded to the field size. False if the
// DER is malformed or r or s does not fit.
bool ecdsa_der_to_raw(Curve curve, const unsigned char* der, std::size_t der_length,
                      std::string& out);

Result<void> ecdsa_sign(Algorithm alg, const KeyData& key, std::string_view input,
                        std::string& out);

bool ecdsa_verify(Algorithm alg, const KeyData& key, std::string_view input,
                  std::string_view signature) noexcept;

}  // namespace jot::detail
