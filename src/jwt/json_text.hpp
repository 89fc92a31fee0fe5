#pragma once

// Small JSON text helpers for building claim sets byte-compatibly with JSON.stringify.

#include <string>
#include <string_view>
#include <vector>

namespace jot::detail {

// A number as JSON.stringify writes it (JavaScript's Number.prototype.toString). `x` must be
// finite.
std::string json_number(double x);

// A JSON string literal (quotes included), escaped as JSON.stringify does.
std::string json_string(std::string_view text);

// A JSON array of string literals.
std::string json_string_array(const std::vector<std::string>& items);

}  // namespace jot::detail
