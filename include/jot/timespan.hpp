#pragma once

// Timespans for exp, nbf and maxAge: a std::chrono duration, or text read explicitly with
// Timespan::parse. docs/jsonwebtoken-compat.md ("Timespans") has the rules they follow.
//
//   options.expires_in = std::chrono::hours(2);
//   options.expires_in = jot::Timespan::parse("2h").value();

#include <chrono>
#include <string_view>

#include "jot/error.hpp"

namespace jot {

class Timespan {
 public:
  // Any std::chrono duration; fractions of a second are kept. Like a number in jsonwebtoken:
  // added to the base time as it is (sign refuses a fraction, as jsonwebtoken's schema does).
  template <typename Rep, typename Period>
  constexpr Timespan(std::chrono::duration<Rep, Period> span) noexcept  // NOLINT: implicit
      : seconds_(std::chrono::duration<double>(span).count()) {}

  // Text, for command lines and configuration. A bare number is seconds ("3600", "-30",
  // "1.5"), like a duration. A number with a unit follows npm `ms` ("90s", "15m", "1h", "7d",
  // "1.5 hours", "100ms", "1y" = 365.25 days; units case-insensitive, only spaces between
  // number and unit, at most 100 characters), and the time it gives is floored to a whole
  // second, as jsonwebtoken does with strings. Errors: kInvalidOption.
  static Result<Timespan> parse(std::string_view text);

  // The span in seconds.
  double seconds() const noexcept { return seconds_; }
  // True when made from text with a unit: times computed from it are floored.
  bool floors() const noexcept { return floors_; }
  // The absolute time `base_seconds` + this span, as jsonwebtoken computes it.
  double after(double base_seconds) const noexcept;

 private:
  constexpr Timespan(double seconds, bool floors) noexcept : seconds_(seconds), floors_(floors) {}

  double seconds_ = 0;
  bool floors_ = false;
};

}  // namespace jot
