#include "time_format.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace jot::cli {

namespace {

// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the range an ISO 8601 year of four digits
// can show.
constexpr double kMinSeconds = -62167219200.0;
constexpr double kMaxSeconds = 253402300799.0;

}  // namespace

std::optional<std::string> format_utc(double seconds_since_epoch) {
  if (!std::isfinite(seconds_since_epoch) || seconds_since_epoch < kMinSeconds ||
      seconds_since_epoch > kMaxSeconds) {
    return std::nullopt;
  }
  const double whole = std::floor(seconds_since_epoch);
  const auto millis = static_cast<int>(std::floor((seconds_since_epoch - whole) * 1000.0));
  const auto t = static_cast<std::time_t>(whole);
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return std::nullopt;
  char buf[40];
  std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  if (n == 0) return std::nullopt;
  std::string out(buf, n);
  if (millis > 0 && millis < 1000) {
    char frac[8];
    std::snprintf(frac, sizeof frac, ".%03d", millis);
    out += frac;
  }
  out += 'Z';
  return out;
}

Result<Timespan> parse_timespan_arg(std::string_view text, std::string_view option) {
  auto span = Timespan::parse(text);
  if (!span)
    return Error(Errc::kInvalidOption,
                 std::string(option) + ": " + std::string(span.error().message()));
  return span;
}

}  // namespace jot::cli
