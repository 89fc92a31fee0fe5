#pragma once

// Token lifetime from the command line: a whole number of seconds ("900") or an `ms`
// timespan ("15m", "1h", "2 days").

#include <cstdint>
#include <optional>
#include <string_view>

namespace jot::server {

// Whole seconds, or nullopt when `text` is not a positive lifetime of at most ten years.
std::optional<std::int64_t> parse_ttl_seconds(std::string_view text);

}  // namespace jot::server
