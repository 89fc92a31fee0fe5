#include "jot/error.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace {

using jot::Errc;
using jot::Error;

TEST(Errc, NamesAreDistinctAndStable) {
  EXPECT_EQ(jot::errc_name(Errc::kOk), "ok");
  EXPECT_EQ(jot::errc_name(Errc::kMalformed), "malformed");
  EXPECT_EQ(jot::errc_name(Errc::kInvalidSignature), "invalid_signature");
  EXPECT_EQ(jot::errc_name(Errc::kExpired), "expired");
  EXPECT_EQ(jot::errc_name(Errc::kNotBefore), "not_before");
  EXPECT_EQ(jot::errc_name(Errc::kLimitExceeded), "limit_exceeded");
  EXPECT_EQ(jot::errc_name(Errc::kInternal), "internal");
  EXPECT_EQ(jot::errc_name(Errc::kKeyFetch), "key_fetch");
  std::set<std::string_view> names;
  for (int i = 0; i <= static_cast<int>(Errc::kKeyFetch); ++i) {
    const std::string_view name = jot::errc_name(static_cast<Errc>(i));
    EXPECT_NE(name, "unknown") << i;
    EXPECT_TRUE(names.insert(name).second) << "duplicate name " << name;
  }
  EXPECT_EQ(jot::errc_name(static_cast<Errc>(200)), "unknown");
}

TEST(Error, StaticAndDynamicMessages) {
  const Error fixed(Errc::kInvalidSignature, "invalid signature");
  EXPECT_EQ(fixed.code(), Errc::kInvalidSignature);
  EXPECT_EQ(fixed.message(), "invalid signature");
  EXPECT_FALSE(fixed.date().has_value());
  EXPECT_EQ(fixed.subject(), "");

  const Error dynamic(Errc::kClaimMismatch, std::string("jwt issuer invalid. expected: a"));
  EXPECT_EQ(dynamic.message(), "jwt issuer invalid. expected: a");

  const Error dated = Error(Errc::kExpired, "jwt expired").with_date(12.5).about("exp");
  EXPECT_EQ(dated.date(), 12.5);
  EXPECT_EQ(dated.subject(), "exp");
}

TEST(Error, RaiseThrowsTheMatchingClass) {
  try {
    Error(Errc::kExpired, "jwt expired").with_date(1700000000.0).raise();
    FAIL() << "no throw";
  } catch (const jot::TokenExpiredError& e) {
    EXPECT_STREQ(e.what(), "jwt expired");
    EXPECT_EQ(e.code(), Errc::kExpired);
    EXPECT_EQ(e.expired_at(), 1700000000.0);
  }
  try {
    Error(Errc::kNotBefore, "jwt not active").with_date(42.0).raise();
    FAIL() << "no throw";
  } catch (const jot::NotBeforeError& e) {
    EXPECT_STREQ(e.what(), "jwt not active");
    EXPECT_EQ(e.date(), 42.0);
  }
  for (const Errc code : {Errc::kMalformed, Errc::kInvalidSignature, Errc::kAlgNotAllowed,
                          Errc::kLimitExceeded, Errc::kInternal}) {
    try {
      Error(code, "boom").raise();
      FAIL() << "no throw";
    } catch (const jot::TokenExpiredError&) {
      FAIL() << "wrong class for " << jot::errc_name(code);
    } catch (const jot::NotBeforeError&) {
      FAIL() << "wrong class for " << jot::errc_name(code);
    } catch (const jot::JsonWebTokenError& e) {
      EXPECT_EQ(e.code(), code);
      EXPECT_STREQ(e.what(), "boom");
    }
  }
}

TEST(Result, ValueThrowsAndHoldsValues) {
  jot::Result<int> ok = 5;
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok.value(), 5);
  EXPECT_EQ(*ok, 5);

  jot::Result<int> bad = Error(Errc::kExpired, "jwt expired");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), Errc::kExpired);
  EXPECT_THROW((void)bad.value(), jot::TokenExpiredError);

  jot::Result<void> fine;
  EXPECT_NO_THROW(fine.value());
  jot::Result<void> failed = Error(Errc::kMalformed, "jwt malformed");
  EXPECT_THROW(failed.value(), jot::JsonWebTokenError);
}

}  // namespace
