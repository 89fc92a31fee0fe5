// Timespan parsing against an independent oracle: npm `ms` 2.1.3's grammar
// (docs/jsonwebtoken-compat.md, "Timespans"), written as the same ECMAScript regular
// expression with std::regex, and its unit table. jot's hand-written parser must agree on
// every input: accept exactly what the regex accepts, with the same value; Timespan::parse
// of a text with a unit must floor base + ms / 1000.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <jot/timespan.hpp>
#include <optional>
#include <regex>
#include <string>

#include "base/ms.hpp"
#include "fuzz_support.hpp"

using jot::fuzz::require;

namespace {

std::optional<double> reference_ms(const std::string& text) {
  if (text.size() > 100) return std::nullopt;
  static const std::regex grammar(
      R"(^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$)",
      std::regex::ECMAScript | std::regex::icase);
  std::smatch match;
  if (!std::regex_match(text, match, grammar)) return std::nullopt;
  const double n = std::strtod(match[1].str().c_str(), nullptr);
  std::string unit = match[2].str();
  for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  constexpr double s = 1000, m = s * 60, h = m * 60, d = h * 24, w = d * 7, y = d * 365.25;
  const bool millis = unit.empty() || unit == "ms" || unit.rfind("msec", 0) == 0 ||
                      unit.rfind("millisecond", 0) == 0;
  if (millis) {
    return n;
  }
  switch (unit[0]) {
    case 's':
      return n * s;
    case 'm':
      return n * m;
    case 'h':
      return n * h;
    case 'd':
      return n * d;
    case 'w':
      return n * w;
    case 'y':
      return n * y;
    default:
      std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(jot::fuzz::as_text(data, size));
  const auto ms = jot::detail::parse_ms(text);
  const auto expected = reference_ms(text);
  require(ms.has_value() == expected.has_value(), "parse_ms accepts what ms accepts");
  if (ms) {
    require(std::isfinite(*ms), "parse_ms is finite");
    require(*ms == *expected, "parse_ms value equals ms");
  }
  const double base = 1700000000.0;
  const auto span = jot::Timespan::parse(text);
  if (span && span->floors()) {
    // Text with a unit: ms decides, and the time is floored.
    require(ms.has_value(), "Timespan::parse accepts with a unit only what ms accepts");
    require(span->after(base) == std::floor(base + *ms / 1000), "Timespan floors base + ms/1000");
  } else if (!span) {
    require(!ms.has_value(), "Timespan::parse accepts what ms accepts");
  } else {
    require(std::isfinite(span->seconds()), "a bare number of seconds is finite");
  }
  return 0;
}
