#pragma once

// HS256/HS384/HS512 (RFC 7518 §3.2) over raw bytes.

#include <string>
#include <string_view>

#include "jot/algorithm.hpp"
#include "jot/error.hpp"
#include "keys/key_data.hpp"

namespace jot::detail {

// Appends the full-length HMAC tag of `input` under the key's secret.
Result<void> hmac_sign(Algorithm alg, const KeyData& key, std::string_view input, std::string& out);

// True only if `tag` is exactly the full-length HMAC of `input` (constant-time compare).
// Never allocates once this thread's context for the key is warm.
bool hmac_verify(Algorithm alg, const KeyData& key, std::string_view input,
                 std::string_view tag) noexcept;

}  // namespace jot::detail
