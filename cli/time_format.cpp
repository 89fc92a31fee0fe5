#include "time_format.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <system_error>

namespace jot::cli {

namespace {

// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the range an ISO 8601 year of four digits
// can show.
constexpr double kMinSeconds = -62167219200.0;
constexpr double kMaxSeconds = 253402300799.0;

bool is_plain_number(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  bool digits = false;
  bool dot = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}

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
  const std::string prefix = std::string(option) + ": ";
  if (text.empty()) return Error(Errc::kInvalidOption, prefix + "empty timespan");
  if (is_plain_number(text)) {
    const char* first = text.data();
    if (*first == '+') ++first;
    double seconds = 0;
    const auto [end, ec] = std::from_chars(first, text.data() + text.size(), seconds);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(seconds)) {
      return Error(Errc::kInvalidOption, prefix + "number out of range: " + std::string(text));
    }
    return Timespan(seconds);
  }
  if (!parse_ms(text)) {
    return Error(Errc::kInvalidOption,
                 prefix + "invalid timespan '" + std::string(text) +
                     "' (use seconds, or a duration such as 90s, 15m, 1h, 7d, \"1.5 hours\")");
  }
  return Timespan(std::string(text));
}

}  // namespace jot::cli
