// Clock boundaries: expired AT exp, active AT nbf, clockTolerance on both, maxAge.

#include <gtest/gtest.h>

#include "jwt/jwt_test_util.hpp"

namespace {

using jot::Errc;
using jot_test::forge_hs256;
using jot_test::secret_key;

struct ClockCase {
  const char* name;
  const char* payload;
  std::int64_t now;
  double tolerance;
  std::optional<jot::Timespan> max_age;
  Errc expected;  // kOk: accepted
};

TEST(JwtClock, Boundaries) {
  const ClockCase cases[] = {
      // exp: valid strictly before exp, expired at exp.
      {"exp_one_before", R"({"exp":1000})", 999, 0, {}, Errc::kOk},
      {"exp_at", R"({"exp":1000})", 1000, 0, {}, Errc::kExpired},
      {"exp_after", R"({"exp":1000})", 1001, 0, {}, Errc::kExpired},
      {"exp_fraction_before", R"({"exp":1000.5})", 1000, 0, {}, Errc::kOk},
      {"exp_fraction_after", R"({"exp":999.5})", 1000, 0, {}, Errc::kExpired},
      // clockTolerance extends exp: expired at exp + tolerance.
      {"exp_tolerance_inside", R"({"exp":1000})", 1004, 5, {}, Errc::kOk},
      {"exp_tolerance_at", R"({"exp":1000})", 1005, 5, {}, Errc::kExpired},
      // nbf: active at nbf.
      {"nbf_one_before", R"({"nbf":1000})", 999, 0, {}, Errc::kNotBefore},
      {"nbf_at", R"({"nbf":1000})", 1000, 0, {}, Errc::kOk},
      {"nbf_tolerance", R"({"nbf":1000})", 995, 5, {}, Errc::kOk},
      {"nbf_tolerance_short", R"({"nbf":1000})", 994, 5, {}, Errc::kNotBefore},
      // Both at once: the window [nbf, exp).
      {"window_inside", R"({"nbf":1000,"exp":1010})", 1005, 0, {}, Errc::kOk},
      // maxAge: expired at iat + maxAge (+ tolerance).
      {"max_age_inside", R"({"iat":1000})", 1059, 0, std::chrono::seconds(60), Errc::kOk},
      {"max_age_at", R"({"iat":1000})", 1060, 0, std::chrono::seconds(60), Errc::kExpired},
      {"max_age_string", R"({"iat":1000})", 1000 + 3599, 0, jot::Timespan::parse("1h").value(),
       Errc::kOk},
      {"max_age_string_at", R"({"iat":1000})", 1000 + 3600, 0, jot::Timespan::parse("1h").value(),
       Errc::kExpired},
      {"max_age_tolerance", R"({"iat":1000})", 1062, 5, std::chrono::seconds(60), Errc::kOk},
      {"max_age_fraction", R"({"iat":1000})", 1001, 0, std::chrono::duration<double>(1.5),
       Errc::kOk},
      {"max_age_fraction_at", R"({"iat":1000})", 1002, 0, std::chrono::duration<double>(1.5),
       Errc::kExpired},
      // maxAge of 0 means "no maxAge", as in jsonwebtoken.
      {"max_age_zero_skipped", R"({"iat":1})", 100000, 0, std::chrono::seconds(0), Errc::kOk},
      // exp is checked first, so maxAge can never extend it.
      {"max_age_longer_than_exp", R"({"iat":1000,"exp":1010})", 1010, 0,
       jot::Timespan::parse("1d").value(), Errc::kExpired},
  };
  for (const ClockCase& c : cases) {
    jot::VerifyOptions options;
    options.clock_timestamp = c.now;
    options.clock_tolerance = c.tolerance;
    options.max_age = c.max_age;
    const auto result = jot::try_verify(forge_hs256(c.payload), secret_key(), options);
    if (c.expected == Errc::kOk) {
      EXPECT_TRUE(result) << c.name << ": " << (result ? "" : result.error().message());
    } else {
      ASSERT_FALSE(result) << c.name;
      EXPECT_EQ(result.error().code(), c.expected) << c.name << ": " << result.error().message();
    }
  }
}

TEST(JwtClock, SystemClockByDefault) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const std::string fresh = forge_hs256("{\"exp\":" + std::to_string(now + 600) + "}");
  const std::string stale = forge_hs256("{\"exp\":" + std::to_string(now - 600) + "}");
  EXPECT_TRUE(jot::try_verify(fresh, secret_key()));
  EXPECT_FALSE(jot::try_verify(stale, secret_key()));
}

TEST(JwtClock, SignAndVerifyTimespansAgree) {
  jot::SignOptions sign;
  sign.timestamp = 1000;
  sign.expires_in = jot::Timespan::parse("10s").value();
  sign.not_before = jot::Timespan::parse("2s").value();
  const std::string token = jot::sign("{}", secret_key(), sign);
  for (const auto& [now, ok] : std::vector<std::pair<std::int64_t, bool>>{
           {1001, false}, {1002, true}, {1009, true}, {1010, false}}) {
    jot::VerifyOptions options;
    options.clock_timestamp = now;
    EXPECT_EQ(jot::try_verify(token, secret_key(), options).has_value(), ok) << now;
  }
}

}  // namespace
