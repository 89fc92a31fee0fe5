// Timespans: the examples of docs/jsonwebtoken-compat.md ("Timespans"), plus the expected
// values of npm ms@2.1.3 (run under Node.js) for each spelling rule.

#include "jot/timespan.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <optional>
#include <string>
#include <type_traits>

#include "base/ms.hpp"

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
    const std::optional<double> got = jot::detail::parse_ms(c.text);
    ASSERT_EQ(got.has_value(), c.ms.has_value()) << '"' << c.text << '"';
    if (got) {
      EXPECT_EQ(*got, *c.ms) << '"' << c.text << '"';
    }
  }
  // Exactly, not just approximately, where JavaScript gives an exact product.
  EXPECT_EQ(jot::detail::parse_ms("1.5 hours"), 5400000.0);
  EXPECT_EQ(jot::detail::parse_ms("0.1"), 0.1);
  EXPECT_TRUE(std::signbit(*jot::detail::parse_ms("-0")));
}

struct ResolveCase {
  std::string text;
  std::optional<double> seconds;  // absolute time for iat = kIat; nullopt: parse refuses
};

TEST(Timespan, TextResolvesLikeJsonwebtoken) {
  const ResolveCase cases[] = {
      // jsonwebtoken's strings, where a unit is given.
      {"1.5s", kIat + 1},
      {"-1.5s", kIat - 2},  // floored, not truncated
      {"100ms", kIat + 0},
      {"2500ms", kIat + 2},
      {"1 Day", kIat + 86400},
      {"1y", kIat + 31557600},
      {"1  h", kIat + 3600},
      {"2h", kIat + 7200},
      {"7d", kIat + 604800},
      {"-10 s", kIat - 10},
      {".5h", kIat + 1800},
      {"1.23456789012345678901234567890d", 1700106666},
      // A bare number is seconds, added as it is (not floored): not ms's 100 milliseconds.
      {"100", kIat + 100},
      {"1.5", kIat + 1.5},
      {"+60", kIat + 60},
      {"-10", kIat - 10},
      {"0", kIat},
      // Refused.
      {"", std::nullopt},
      {" 1h", std::nullopt},
      {"1h ", std::nullopt},
      {"1e3", std::nullopt},
      {"+1h", std::nullopt},
      {"1\th", std::nullopt},
      {"2 fortnights", std::nullopt},
      {std::string(101, '1') + "s", std::nullopt},
      {std::string(400, '9'), std::nullopt},  // a bare number beyond a double
  };
  for (const ResolveCase& c : cases) {
    const auto span = jot::Timespan::parse(c.text);
    ASSERT_EQ(span.has_value(), c.seconds.has_value()) << '"' << c.text << '"';
    if (span) {
      EXPECT_EQ(span->after(kIat), *c.seconds) << '"' << c.text << '"';
    } else {
      EXPECT_EQ(span.error().code(), jot::Errc::kInvalidOption) << '"' << c.text << '"';
    }
  }
  EXPECT_EQ(jot::Timespan::parse("2 fortnights").error().message(),
            "invalid timespan '2 fortnights' (use seconds, or a duration such as 90s, 15m, 1h, "
            "7d, \"1.5 hours\")");
}

TEST(Timespan, DurationsAreAddedAsTheyAre) {
  using namespace std::chrono_literals;
  EXPECT_EQ(jot::Timespan(1h).after(kIat), kIat + 3600);
  EXPECT_EQ(jot::Timespan(-10s).after(kIat), kIat - 10);
  EXPECT_EQ(jot::Timespan(1500ms).after(kIat), kIat + 1.5);  // not floored
  EXPECT_EQ(jot::Timespan(std::chrono::duration<double>(1e21)).after(kIat), 1.0000000000017e+21);
  EXPECT_FALSE(jot::Timespan(1h).floors());
  EXPECT_TRUE(jot::Timespan::parse("1h")->floors());
  EXPECT_FALSE(jot::Timespan::parse("3600")->floors());
}

TEST(Timespan, BaseIsTheCallersChoice) {
  // after() uses the base it is given (the iat-or-now rule is the caller's).
  EXPECT_EQ(jot::Timespan::parse("1h")->after(0), 3600.0);
  EXPECT_EQ(jot::Timespan(std::chrono::seconds(5)).after(0.25), 5.25);
  // Floor applies to the sum, fractions of the base included.
  EXPECT_EQ(jot::Timespan::parse("1s")->after(10.75), 11.0);
  EXPECT_EQ(jot::Timespan::parse("-1s")->after(10.25), 9.0);
}

TEST(Timespan, TextIsNeverImplicit) {
  // The trap of old: "100" converting silently and meaning 100 ms.
  static_assert(!std::is_convertible_v<const char*, jot::Timespan>);
  static_assert(!std::is_convertible_v<std::string, jot::Timespan>);
  static_assert(!std::is_convertible_v<int, jot::Timespan>);
  static_assert(std::is_convertible_v<std::chrono::minutes, jot::Timespan>);
}

}  // namespace
