#pragma once

// Timespans with the semantics of jsonwebtoken v9 (npm `ms` 2.1.3): a number is seconds; a
// string is parsed by `ms` and yields milliseconds: "2h", "7d", "1.5 hours", "-10 s",
// "100" (= 100 ms), "1y" (= 365.25 days). Units are case-insensitive; only spaces may
// separate number and unit; strings longer than 100 characters are refused.

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace jot {

// Either a number of seconds or an `ms` timespan string.
class Timespan {
 public:
  Timespan(double seconds) : value_(seconds) {}                          // NOLINT: implicit
  Timespan(int seconds) : value_(static_cast<double>(seconds)) {}        // NOLINT: implicit
  Timespan(long seconds) : value_(static_cast<double>(seconds)) {}       // NOLINT: implicit
  Timespan(long long seconds) : value_(static_cast<double>(seconds)) {}  // NOLINT: implicit
  Timespan(std::string text) : value_(std::move(text)) {}                // NOLINT: implicit
  Timespan(const char* text) : value_(std::string(text)) {}              // NOLINT: implicit

  bool is_number() const noexcept { return value_.index() == 0; }
  double seconds() const noexcept { return std::get<0>(value_); }
  const std::string& text() const noexcept { return std::get<1>(value_); }

 private:
  std::variant<double, std::string> value_;
};

// `ms(text)` in milliseconds; nullopt when `ms` would return undefined.
std::optional<double> parse_ms(std::string_view text) noexcept;

// jsonwebtoken's timespan(time, iat): the absolute time in seconds, or nullopt when the
// string is not a valid timespan. Strings are floored to whole seconds, numbers are not.
std::optional<double> resolve_timespan(const Timespan& span, double base_seconds) noexcept;

}  // namespace jot
