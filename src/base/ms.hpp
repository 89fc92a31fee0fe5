#pragma once

// npm `ms` 2.1.3's parser, which jsonwebtoken reads string timespans with
// (docs/jsonwebtoken-compat.md, "Timespans").

#include <optional>
#include <string_view>

namespace jot::detail {

// ms(text) in milliseconds; nullopt where `ms` returns undefined. "100" is 100 ms here:
// Timespan::parse reads a bare number as seconds before it asks this.
std::optional<double> parse_ms(std::string_view text) noexcept;

}  // namespace jot::detail
