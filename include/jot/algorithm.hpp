#pragma once

// JWA signature algorithms (RFC 7518 §3, RFC 8037, RFC 8812).

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace jot {

enum class Algorithm : std::uint8_t {
  kHS256,
  kHS384,
  kHS512,
  kRS256,
  kRS384,
  kRS512,
  kPS256,
  kPS384,
  kPS512,
  kES256,
  kES384,
  kES512,
  kES256K,
  kEdDSA,
  // Unsecured JWS (RFC 7515 §A.5). Never accepted or produced unless the caller sets the
  // loudly named insecure_allow_none option on sign or verify.
  kNone,
};

// The JOSE name, e.g. "HS256", "EdDSA", "none".
std::string_view to_string(Algorithm alg) noexcept;

// Parses a JOSE algorithm name. Case-sensitive, as RFC 7515 §4.1.1 requires.
std::optional<Algorithm> algorithm_from_string(std::string_view name) noexcept;

// Every algorithm jot implements, in the order above (kNone last).
std::span<const Algorithm> all_algorithms() noexcept;

enum class AlgorithmFamily : std::uint8_t { kHmac, kRsaPkcs1, kRsaPss, kEcdsa, kEdDSA, kNone };
AlgorithmFamily family_of(Algorithm alg) noexcept;

}  // namespace jot
