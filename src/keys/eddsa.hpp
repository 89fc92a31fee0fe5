#pragma once

// EdDSA (RFC 8037) with Ed25519 or Ed448 keys over raw bytes: PureEdDSA, the message itself
// is signed (no pre-hash), signatures are 64 (Ed25519) or 114 (Ed448) bytes.

#include <string>
#include <string_view>

#include "jot/algorithm.hpp"
#include "jot/error.hpp"
#include "keys/key_data.hpp"

namespace jot::detail {

Result<void> eddsa_sign(const KeyData& key, std::string_view input, std::string& out);

bool eddsa_verify(const KeyData& key, std::string_view input, std::string_view signature) noexcept;

}  // namespace jot::detail
