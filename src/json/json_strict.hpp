#pragma once

// Pieces of jot's strict JSON rules shared by the two handlers that drive Boost's lexer:
// the DOM builder (json_parse.cpp) and the validating scan (json_scan.cpp). Sharing them is
// what makes both report the same error for the same text.

#include <boost/system/error_code.hpp>
#include <cstddef>
#include <optional>
#include <string_view>

#include "jot/error.hpp"

namespace jot::detail {

// The exact double of a JSON number's text. Boost.JSON 1.81 may round a double 1 ulp off;
// std::from_chars is exact, so the value is what JavaScript's JSON.parse gives. nullopt for a
// magnitude beyond double range (1e400: JavaScript would read Infinity, which no claim may
// be); too small a magnitude (1e-400) is 0, as in JavaScript. `approximate` is Boost's value.
std::optional<double> exact_double(double approximate, std::string_view text) noexcept;

// "number out of range".
Error number_out_of_range();

// "duplicate member name \"exp\"" (the name escaped and capped: it is untrusted text).
Error duplicate_member(std::string_view name);

// The error for a parse that stopped with `ec` after `consumed` bytes (a handler's own
// refusal is reported by the caller before this).
Error json_parse_error(const boost::system::error_code& ec, std::size_t consumed,
                       std::size_t max_depth);

// Whether `inner` lies within `outer` (a view into the input stays valid after the parse).
bool within(std::string_view outer, std::string_view inner) noexcept;

}  // namespace jot::detail
