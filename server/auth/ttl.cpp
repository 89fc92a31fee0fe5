#include "auth/ttl.hpp"

#include <cmath>

#include "jot/timespan.hpp"

namespace jot::server {

namespace {
constexpr std::int64_t kMaxTtlSeconds = 10LL * 366 * 24 * 3600;
}

std::optional<std::int64_t> parse_ttl_seconds(std::string_view text) {
  // Timespan::parse reads a bare number as seconds: "--ttl 900" is fifteen minutes.
  const auto span = Timespan::parse(text);
  if (!span) return std::nullopt;
  const double seconds = span->after(0);
  if (!std::isfinite(seconds) || seconds != std::floor(seconds)) return std::nullopt;
  if (seconds < 1 || seconds > static_cast<double>(kMaxTtlSeconds)) return std::nullopt;
  return static_cast<std::int64_t>(seconds);
}

}  // namespace jot::server
