#pragma once

// base64url without padding (RFC 7515 §2, RFC 4648 §5).
//
// decode() is strict: it rejects padding, '+', '/', whitespace and line breaks, a length
// that is 1 (mod 4), and non-zero unused trailing bits, so every byte string has exactly
// one accepted encoding (no signature malleability through the encoding).

#include <string>
#include <string_view>

#include "jot/error.hpp"

namespace jot::base64url {

std::string encode(std::string_view bytes);
// Appends the encoding of `bytes` to `out` (no allocation when `out` has the capacity).
void encode_append(std::string_view bytes, std::string& out);
std::size_t encoded_size(std::size_t byte_count) noexcept;

Result<std::string> decode(std::string_view text);
// Decodes into `out` (replacing its contents). Returns false on any invalid input; `out`
// is then unspecified. Never allocates when `out` has the capacity.
bool decode_into(std::string_view text, std::string& out);
// Decodes into `out`, which must hold decoded_size(text.size()) bytes: exactly that many
// are written when the text is valid. Returns false on any invalid input (`out` is then
// unspecified). For callers that decode several texts into one buffer.
bool decode_to(std::string_view text, char* out) noexcept;
// Upper bound of the decoded size of `text_size` characters.
std::size_t decoded_size(std::size_t text_size) noexcept;

}  // namespace jot::base64url
