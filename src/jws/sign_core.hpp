#pragma once

// Assembly of compact tokens, shared by jws::sign and the JWT layer (which builds its own
// header and payload text and has already validated them).

#include <string>
#include <string_view>

#include "jot/algorithm.hpp"
#include "jot/error.hpp"
#include "jot/key.hpp"

namespace jot::detail {

// base64url(header) '.' base64url(payload), with room reserved for the signature.
std::string assemble_signing_input(std::string_view header_json, std::string_view payload,
                                   std::size_t signature_bytes);

// Checks the key binding (check_sign) and signs. Refuses alg "none".
Result<std::string> sign_compact(std::string_view header_json, std::string_view payload,
                                 const Key& key, Algorithm alg);

// Same, with the header already base64url-encoded (the JWT layer remembers its default
// header's encoding per thread).
Result<std::string> sign_compact_encoded(std::string_view header_b64, std::string_view payload,
                                         const Key& key, Algorithm alg);

// An unsecured token (RFC 7515 §A.5): empty signature. Callers gate it behind opt-ins.
Result<std::string> unsecured_compact(std::string_view header_json, std::string_view payload);

}  // namespace jot::detail
