#pragma once

// The Authorization request header of RFC 6750 §2.1: "Bearer" SP b64token.

#include <optional>
#include <string>
#include <string_view>

namespace jot::server {

// The token of an `Authorization: Bearer <token>` header value, or nullopt when the value
// is not of that form. The scheme is case-insensitive (RFC 7235 §2.1); the token must be a
// b64token (RFC 6750: ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/", then "="s).
std::optional<std::string_view> parse_bearer(std::string_view header_value) noexcept;

// `text` made safe for a quoted-string in WWW-Authenticate (RFC 6750 §3: %x20-21 / %x23-5B /
// %x5D-7E): other bytes become '?'.
std::string quoted_string_safe(std::string_view text);

}  // namespace jot::server
