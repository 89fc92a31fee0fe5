// Timespans exactly as jsonwebtoken v9 reads them (its lib/timespan.js on npm `ms` 2.1.3;
// docs/jsonwebtoken-compat.md, "Timespans").
//
// `ms` matches, case-insensitively,
//   ^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|
//     hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$
// and returns parseFloat(number) * unit in milliseconds. This is a hand-written matcher
// for that expression (no std::regex: it allocates and is slow), followed by the same
// floating-point operations JavaScript performs, so results agree bit for bit.

#include "jot/timespan.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <string>
#include <system_error>

#include "base/ms.hpp"

namespace jot {
namespace {

// ms 2.1.3's constants (ms/index.js:5-10), all exact in a double.
constexpr double kSecond = 1000;
constexpr double kMinute = kSecond * 60;
constexpr double kHour = kMinute * 60;
constexpr double kDay = kHour * 24;
constexpr double kWeek = kDay * 7;
constexpr double kYear = kDay * 365.25;

struct Unit {
  std::string_view name;
  double milliseconds;
};

constexpr std::array<Unit, 26> kUnits{{
    {"milliseconds", 1},  {"millisecond", 1},  {"msecs", 1},      {"msec", 1},      {"ms", 1},
    {"seconds", kSecond}, {"second", kSecond}, {"secs", kSecond}, {"sec", kSecond}, {"s", kSecond},
    {"minutes", kMinute}, {"minute", kMinute}, {"mins", kMinute}, {"min", kMinute}, {"m", kMinute},
    {"hours", kHour},     {"hour", kHour},     {"hrs", kHour},    {"hr", kHour},    {"h", kHour},
    {"days", kDay},       {"day", kDay},       {"d", kDay},       {"weeks", kWeek}, {"week", kWeek},
    {"w", kWeek},
}};
constexpr std::array<Unit, 5> kYearUnits{
    {{"years", kYear}, {"year", kYear}, {"yrs", kYear}, {"yr", kYear}, {"y", kYear}}};

constexpr std::size_t kMaxLength = 100;   // ms returns undefined above this
constexpr std::size_t kLongestUnit = 12;  // "milliseconds"

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The /i flag without /u folds only ASCII letters onto ASCII letters.
char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::optional<double> unit_milliseconds(std::string_view text) {
  if (text.empty()) return 1.0;  // no unit: milliseconds
  if (text.size() > kLongestUnit) return std::nullopt;
  std::array<char, kLongestUnit> lower{};
  for (std::size_t i = 0; i < text.size(); ++i) lower[i] = ascii_lower(text[i]);
  const std::string_view unit(lower.data(), text.size());
  for (const Unit& candidate : kUnits) {
    if (candidate.name == unit) return candidate.milliseconds;
  }
  for (const Unit& candidate : kYearUnits) {
    if (candidate.name == unit) return candidate.milliseconds;
  }
  return std::nullopt;
}

// "3600", "-30", "+1.5", "1.": what people type for a number of seconds.
bool is_plain_number(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  bool digits = false;
  bool dot = false;
  for (; i < text.size(); ++i) {
    if (is_digit(text[i])) {
      digits = true;
    } else if (text[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}

}  // namespace

namespace detail {

std::optional<double> parse_ms(std::string_view text) noexcept {
  // JavaScript measures UTF-16 code units; any non-ASCII text fails the match below anyway,
  // so counting bytes decides the same way.
  if (text.size() > kMaxLength) return std::nullopt;

  // -?(?:\d+)?\.?\d+ : optional sign, then "digits", ".digits" or "digits.digits".
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  const std::size_t integer_start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  const std::size_t integer_digits = i - integer_start;
  if (i < text.size() && text[i] == '.') {
    ++i;
    const std::size_t fraction_start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == fraction_start) return std::nullopt;  // "1." and "1.h" are not numbers here
  } else if (integer_digits == 0) {
    return std::nullopt;
  }
  const std::string_view number = text.substr(0, i);

  // " *" then an optional unit, then the end: only U+0020, any number of them.
  while (i < text.size() && text[i] == ' ') ++i;
  const std::optional<double> unit = unit_milliseconds(text.substr(i));
  if (!unit) return std::nullopt;

  // parseFloat of the matched number: correctly rounded, as std::from_chars is. At most
  // 100 characters, so it cannot overflow a double.
  double value = 0;
  const auto [end, status] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (status != std::errc() || end != number.data() + number.size()) {
    // Underflow of a long fraction (".000…1") is 0 in JavaScript; nothing else can fail.
    if (status != std::errc::result_out_of_range) return std::nullopt;
    value = 0;
  }
  return value * *unit;
}

}  // namespace detail

Result<Timespan> Timespan::parse(std::string_view text) {
  if (text.empty()) return Error(Errc::kInvalidOption, "empty timespan");
  if (is_plain_number(text)) {
    const char* first = text.data();
    if (*first == '+') ++first;
    double seconds = 0;
    const auto [end, status] = std::from_chars(first, text.data() + text.size(), seconds);
    if (status != std::errc() || end != text.data() + text.size() || !std::isfinite(seconds)) {
      return Error(Errc::kInvalidOption, "timespan out of range: " + std::string(text));
    }
    return Timespan(seconds, false);
  }
  const std::optional<double> milliseconds = detail::parse_ms(text);
  if (!milliseconds) {
    return Error(Errc::kInvalidOption,
                 "invalid timespan '" + std::string(text) +
                     "' (use seconds, or a duration such as 90s, 15m, 1h, 7d, \"1.5 hours\")");
  }
  return Timespan(*milliseconds / 1000, true);
}

double Timespan::after(double base_seconds) const noexcept {
  // Durations and bare numbers are added as they are: not floored, not range checked.
  return floors_ ? std::floor(base_seconds + seconds_) : base_seconds + seconds_;
}

}  // namespace jot
