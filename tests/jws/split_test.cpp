#include <gtest/gtest.h>

#include "jot/jws.hpp"

namespace {

TEST(JwsSplit, ThreeSegments) {
  const auto s = jot::jws::split("aaa.bbb.ccc");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->header, "aaa");
  EXPECT_EQ(s->payload, "bbb");
  EXPECT_EQ(s->signature, "ccc");
  EXPECT_EQ(s->signing_input(), "aaa.bbb");
}

TEST(JwsSplit, EmptySegmentsAreStillThreeSegments) {
  const auto s = jot::jws::split("..");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->header.empty());
  EXPECT_TRUE(s->payload.empty());
  EXPECT_TRUE(s->signature.empty());
  EXPECT_EQ(s->signing_input(), ".");
}

TEST(JwsSplit, WrongSegmentCountIsMalformed) {
  for (const char* token : {"", "a", "a.b", "a.b.c.d", "a.b.c.d.e", "....", "abc"}) {
    const auto s = jot::jws::split(token);
    ASSERT_FALSE(s) << token;
    EXPECT_EQ(s.error().code(), jot::Errc::kMalformed) << token;
    EXPECT_EQ(s.error().message(), "jwt malformed") << token;
  }
}

}  // namespace
