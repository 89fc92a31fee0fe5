// unverified_decode: no signature or claim checks, but the same strict parsing.

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <type_traits>

#include "jwt/jwt_test_util.hpp"

namespace {

using jot::Errc;

TEST(JwtDecode, ReturnsHeaderPayloadAndSignatureWithoutVerifying) {
  jot::SignOptions options;
  options.timestamp = 1;
  options.expires_in = std::chrono::seconds(1);  // long expired
  std::string token = jot::sign(R"({"a":"b"})", jot_test::secret_key(), options);
  token.back() = token.back() == 'A' ? 'Q' : 'A';  // and the signature is wrong
  const auto decoded = jot::unverified_decode(token);
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(decoded->header().get_string("alg"), "HS256");
  EXPECT_EQ(decoded->payload().get_string("a"), "b");
  EXPECT_EQ(decoded->payload().get_integer("exp"), 2);
  EXPECT_EQ(decoded->signature(), token.substr(token.rfind('.') + 1));
}

// The types keep the two apart: nothing outside jot makes a VerifiedToken, neither from a
// decoded token nor from parts.
static_assert(!std::is_constructible_v<jot::VerifiedToken, jot::UnverifiedToken>);
static_assert(!std::is_convertible_v<jot::UnverifiedToken, jot::VerifiedToken>);
static_assert(
    !std::is_constructible_v<jot::VerifiedToken, jot::JsonObject, jot::JsonObject, std::string>);
static_assert(
    std::is_same_v<decltype(jot::unverified_decode("")), jot::Result<jot::UnverifiedToken>>);

TEST(JwtDecode, UnsignedTokensDecode) {
  const auto decoded =
      jot::unverified_decode(jot_test::forge_unsigned(R"({"alg":"none"})", R"({"x":1})"));
  ASSERT_TRUE(decoded);
  EXPECT_TRUE(decoded->signature().empty());
}

TEST(JwtDecode, StrictParsing) {
  const struct {
    const char* name;
    std::string token;
    Errc code;
  } cases[] = {
      {"empty", "", Errc::kMalformed},
      {"two_parts", "a.b", Errc::kMalformed},
      {"bad_base64", "a.b$.c", Errc::kMalformed},
      {"payload_not_object", jot_test::forge_unsigned(R"({"alg":"none"})", "[1]"),
       Errc::kMalformed},
      {"payload_not_json", jot_test::forge_unsigned(R"({"alg":"none"})", "Payload"),
       Errc::kMalformed},
      {"duplicate", jot_test::forge_unsigned(R"({"alg":"none"})", R"({"a":1,"a":2})"),
       Errc::kMalformed},
      {"header_not_object", jot_test::forge_unsigned("123", "{}"), Errc::kMalformed},
  };
  for (const auto& c : cases) {
    const auto decoded = jot::unverified_decode(c.token);
    ASSERT_FALSE(decoded) << c.name;
    EXPECT_EQ(decoded.error().code(), c.code) << c.name;
  }
  jot::JsonLimits lax;
  lax.allow_duplicate_members = true;
  EXPECT_TRUE(jot::unverified_decode(
      jot_test::forge_unsigned(R"({"alg":"none"})", R"({"a":1,"a":2})"), lax));
  jot::JsonLimits small;
  small.max_bytes = 4;
  const auto limited =
      jot::unverified_decode(jot_test::forge_unsigned(R"({"alg":"none"})", R"({"a":1})"), small);
  ASSERT_FALSE(limited);
  EXPECT_EQ(limited.error().code(), Errc::kLimitExceeded);
}

}  // namespace
