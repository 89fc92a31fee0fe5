// --ttl: bare numbers are seconds, other text is an `ms` timespan.

#include "auth/ttl.hpp"

#include <gtest/gtest.h>

namespace jot::server {
namespace {

TEST(Ttl, BareNumbersAreSeconds) {
  EXPECT_EQ(parse_ttl_seconds("900"), 900);
  EXPECT_EQ(parse_ttl_seconds("1"), 1);
}

TEST(Ttl, TimespansAreParsedLikeMs) {
  EXPECT_EQ(parse_ttl_seconds("15m"), 900);
  EXPECT_EQ(parse_ttl_seconds("1h"), 3600);
  EXPECT_EQ(parse_ttl_seconds("2 days"), 2 * 86400);
  EXPECT_EQ(parse_ttl_seconds("1.5s"), 1);
}

TEST(Ttl, RejectsNonPositiveHugeAndGarbage) {
  EXPECT_FALSE(parse_ttl_seconds("0"));
  EXPECT_FALSE(parse_ttl_seconds("-5"));
  EXPECT_FALSE(parse_ttl_seconds("-5m"));
  EXPECT_FALSE(parse_ttl_seconds("500ms"));  // under a second
  EXPECT_FALSE(parse_ttl_seconds("100y"));
  EXPECT_FALSE(parse_ttl_seconds("soon"));
  EXPECT_FALSE(parse_ttl_seconds(""));
}

}  // namespace
}  // namespace jot::server
