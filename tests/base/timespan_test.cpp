// Timespans: every example of ../shared/spec/jsonwebtoken-v9.md §4, plus the expected
// values of npm ms@2.1.3 (run under Node.js) for each spelling rule.

#include "jot/timespan.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace {

constexpr double kIat = 1700000000;

struct MsCase {
  std::string text;
  std::optional<double> ms;  // nullopt: ms() returns undefined
};

TEST(Timespan, ParseMsMatchesMs213) {
  const MsCase cases[] = {
      {"2h", 7200000},
      {"7d", 604800000},
      {"1.5 hours", 5400000},
      {"-10 s", -10000},
      {"100", 100},
      {"1y", 31557600000},
      {"1.5s", 1500},
      {"-1.5s", -1500},
      {"2500", 2500},
      {"1 Day", 86400000},
      {"1  h", 3600000},
      {".5h", 1800000},
      {"-.5h", -1800000},
      {"1 ", 1},  // the regex allows spaces with no unit after them
      {"1.5", 1.5},
      {"007", 7},
      {"0", 0},
      {"0.1", 0.1},
      {"1 MS", 1},
      {"1 Msecs", 1},
      {"1 msec", 1},
      {"1 millisecond", 1},
      {"2 MilliSeconds", 2},
      {"1 secs", 1000},
      {"1sec", 1000},
      {"1 second", 1000},
      {"1 mins", 60000},
      {"2 Minutes", 120000},
      {"1m", 60000},
      {"1hr", 3600000},
      {"1 hrs", 3600000},
      {"1 hour", 3600000},
      {"1 weeks", 604800000},
      {"3w", 1814400000},
      {"1 yrs", 31557600000},
      {"1 YR", 31557600000},
      {"1 Years", 31557600000},
      {"-1y", -31557600000},
      {"1.23456789012345678901234567890d", 106666665.70666666},
      {std::string(99, '9'), 1e99},
      {"1" + std::string(98, ' ') + "h", 3600000},  // exactly 100 characters
      // Refused spellings.
      {"1" + std::string(99, ' ') + "h", std::nullopt},  // 101 characters
      {" 1h", std::nullopt},
      {"1h ", std::nullopt},
      {"1e3", std::nullopt},
      {"+1h", std::nullopt},
      {"1\th", std::nullopt},
      {"1\nh", std::nullopt},
      {"1.", std::nullopt},
      {"1.h", std::nullopt},
      {"1.5.5", std::nullopt},
      {"", std::nullopt},
      {"h", std::nullopt},
      {"-", std::nullopt},
      {"-h", std::nullopt},
      {".", std::nullopt},
      {"--1", std::nullopt},
      {"1hours ", std::nullopt},
      {"1 hourss", std::nullopt},
      {"1 ms s", std::nullopt},
      {"1 mss", std::nullopt},
      {"1 yearss", std::nullopt},
      {"1 millisecondss", std::nullopt},
      {"Infinity", std::nullopt},
      {"NaN", std::nullopt},
      {"0x10", std::nullopt},
      {"1,5h", std::nullopt},
      {"1\xc2\xa0h", std::nullopt},     // no-break space
      {"\xef\xbc\x91h", std::nullopt},  // full-width digit one
      {"1 \xc5\xbf", std::nullopt},     // U+017F folds to 'S' only under /u
      {std::string("1\0h", 3), std::nullopt},
  };
  for (const MsCase& c : cases) {
    const std::optional<double> got = jot::parse_ms(c.text);
    ASSERT_EQ(got.has_value(), c.ms.has_value()) << '"' << c.text << '"';
    if (got) {
      EXPECT_EQ(*got, *c.ms) << '"' << c.text << '"';
    }
  }
  // Exactly, not just approximately, where JavaScript gives an exact product.
  EXPECT_EQ(jot::parse_ms("1.5 hours"), 5400000.0);
  EXPECT_EQ(jot::parse_ms("0.1"), 0.1);
  EXPECT_TRUE(std::signbit(*jot::parse_ms("-0")));
}

struct ResolveCase {
  jot::Timespan span;
  std::optional<double> seconds;  // absolute time for iat = kIat
};

TEST(Timespan, ResolveLikeJsonwebtoken) {
  const ResolveCase cases[] = {
      // The spec's observed table (§4).
      {"1.5s", kIat + 1},
      {"-1.5s", kIat - 2},  // floored, not truncated
      {"100", kIat + 0},    // 100 ms
      {"2500", kIat + 2},
      {"1 Day", kIat + 86400},
      {"1y", kIat + 31557600},
      {"1  h", kIat + 3600},
      {" 1h", std::nullopt},
      {"1h ", std::nullopt},
      {"1e3", std::nullopt},
      {"+1h", std::nullopt},
      {"1\th", std::nullopt},
      {std::string(101, '1'), std::nullopt},
      // More strings.
      {"2h", kIat + 7200},
      {"7d", kIat + 604800},
      {"-10 s", kIat - 10},
      {".5h", kIat + 1800},
      {"1.23456789012345678901234567890d", 1700106666},
      // Numbers are seconds, added as they are: not floored.
      {1.5, kIat + 1.5},
      {-10, kIat - 10},
      {3600, kIat + 3600},
      {0, kIat},
      {1e21, 1.0000000000017e+21},
      {static_cast<long long>(60), kIat + 60},
  };
  for (const ResolveCase& c : cases) {
    const std::optional<double> got = jot::resolve_timespan(c.span, kIat);
    const std::string label =
        c.span.is_number() ? std::to_string(c.span.seconds()) : '"' + c.span.text() + '"';
    ASSERT_EQ(got.has_value(), c.seconds.has_value()) << label;
    if (got) {
      EXPECT_EQ(*got, *c.seconds) << label;
    }
  }
}

TEST(Timespan, BaseIsTheCallersChoice) {
  // resolve_timespan uses the base it is given (the iat-or-now rule is the caller's).
  EXPECT_EQ(jot::resolve_timespan("1h", 0), 3600.0);
  EXPECT_EQ(jot::resolve_timespan(5, 0.25), 5.25);
  // Floor applies to the sum, fractions of the base included.
  EXPECT_EQ(jot::resolve_timespan("1s", 10.75), 11.0);
  EXPECT_EQ(jot::resolve_timespan("-1s", 10.25), 9.0);
}

TEST(Timespan, TimespanHoldsEitherKind) {
  const jot::Timespan number = 30;
  EXPECT_TRUE(number.is_number());
  EXPECT_EQ(number.seconds(), 30.0);
  const jot::Timespan text = std::string("2 days");
  EXPECT_FALSE(text.is_number());
  EXPECT_EQ(text.text(), "2 days");
  EXPECT_EQ(jot::resolve_timespan(text, 0), 172800.0);
}

}  // namespace
