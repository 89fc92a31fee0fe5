#include "auth/ttl.hpp"

#include <charconv>
#include <cmath>

#include "jot/timespan.hpp"

namespace jot::server {

namespace {
constexpr std::int64_t kMaxTtlSeconds = 10LL * 366 * 24 * 3600;
}

std::optional<std::int64_t> parse_ttl_seconds(std::string_view text) noexcept {
  std::int64_t seconds = 0;
  // A bare number means seconds here (as jsonwebtoken's numeric expiresIn), not the
  // milliseconds `ms` would read it as: "--ttl 900" is fifteen minutes, not 0.9 s.
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec == std::errc{} && end == text.data() + text.size()) {
    if (seconds <= 0 || seconds > kMaxTtlSeconds) return std::nullopt;
    return seconds;
  }
  const auto millis = jot::parse_ms(text);
  if (!millis || !std::isfinite(*millis)) return std::nullopt;
  const double whole = std::floor(*millis / 1000.0);
  if (whole < 1 || whole > static_cast<double>(kMaxTtlSeconds)) return std::nullopt;
  return static_cast<std::int64_t>(whole);
}

}  // namespace jot::server
