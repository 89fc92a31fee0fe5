#pragma once

// Small JSON text helpers for building claim sets byte-compatibly with JSON.stringify.

#include <string>
#include <string_view>
#include <vector>

namespace jot::detail {

// A number as JSON.stringify writes it for the values jot produces: integers (|x| ≤ 2^53)
// without a fraction, other values in the shortest round-trip form. `x` must be finite.
std::string json_number(double x);

// A JSON string literal (quotes included), escaped.
std::string json_string(std::string_view text);

// A JSON array of string literals.
std::string json_string_array(const std::vector<std::string>& items);

}  // namespace jot::detail
