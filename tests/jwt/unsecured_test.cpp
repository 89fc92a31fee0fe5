// alg "none": refused by default everywhere; accepted only with both opt-ins
// (insecure_allow_none and kNone in algorithms) through the *_unsecured calls.

#include <gtest/gtest.h>

#include "jwt/jwt_test_util.hpp"

namespace {

using jot::Algorithm;
using jot::Errc;

TEST(JwtUnsecured, SignNeedsTheOptIn) {
  jot::SignOptions options;
  const auto refused = jot::try_sign_unsecured(R"({"a":1})", options);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), Errc::kAlgNotAllowed);

  options.insecure_allow_none = true;
  options.timestamp = 5;
  const auto token = jot::try_sign_unsecured(R"({"a":1})", options);
  ASSERT_TRUE(token) << token.error().message();
  EXPECT_EQ(jot_test::header_text(*token), R"({"alg":"none","typ":"JWT"})");
  EXPECT_EQ(jot_test::payload_text(*token), R"({"a":1,"iat":5})");
  EXPECT_EQ(token->back(), '.');

  options.algorithm = Algorithm::kHS256;
  EXPECT_FALSE(jot::try_sign_unsecured("{}", options));
}

TEST(JwtUnsecured, VerifyRefusedByDefault) {
  const std::string token = jot_test::forge_unsigned(R"({"alg":"none","typ":"JWT"})", "{}");
  // With a key: the signature is required.
  const auto with_key = jot::try_verify(token, jot_test::secret_key());
  ASSERT_FALSE(with_key);
  EXPECT_EQ(with_key.error().message(), "jwt signature is required");
  // Even when the caller lists none.
  jot::VerifyOptions listed;
  listed.algorithms = {Algorithm::kNone, Algorithm::kHS256};
  listed.insecure_allow_none = true;
  EXPECT_FALSE(jot::try_verify(token, jot_test::secret_key(), listed));
}

TEST(JwtUnsecured, VerifyNeedsBothOptIns) {
  const std::string token = jot_test::forge_unsigned(R"({"alg":"none","typ":"JWT"})", R"({"a":1})");
  const char* kNeed = "please specify \"none\" in \"algorithms\" to verify unsigned tokens";
  jot::VerifyOptions options;
  auto r = jot::try_verify_unsecured(token, options);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(), kNeed);

  options.algorithms = {Algorithm::kNone};
  r = jot::try_verify_unsecured(token, options);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(), kNeed);

  options.algorithms = {};
  options.insecure_allow_none = true;
  r = jot::try_verify_unsecured(token, options);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(), kNeed);

  options.algorithms = {Algorithm::kNone};
  r = jot::try_verify_unsecured(token, options);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->payload().get_integer("a"), 1);
  EXPECT_TRUE(r->signature().empty());
}

TEST(JwtUnsecured, VerifyRejectsSignedOrMislabelledTokens) {
  jot::VerifyOptions options;
  options.algorithms = {Algorithm::kNone};
  options.insecure_allow_none = true;
  // A signed token cannot be "verified" without a key.
  const auto signed_token =
      jot::try_verify_unsecured(jot::sign("{}", jot_test::secret_key()), options);
  ASSERT_FALSE(signed_token);
  EXPECT_EQ(signed_token.error().message(), "secret or public key must be provided");
  // An unsigned token whose alg is not "none" (case-sensitive: "NONE" is unknown).
  for (const char* header : {R"({"alg":"HS256"})", R"({"alg":"NONE"})", R"({"typ":"JWT"})"}) {
    const auto r = jot::try_verify_unsecured(jot_test::forge_unsigned(header, "{}"), options);
    ASSERT_FALSE(r) << header;
    EXPECT_EQ(r.error().message(), "invalid algorithm") << header;
  }
  // Claims are still checked.
  jot::VerifyOptions timed = options;
  timed.clock_timestamp = 100;
  const auto expired = jot::try_verify_unsecured(
      jot_test::forge_unsigned(R"({"alg":"none"})", R"({"exp":50})"), timed);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code(), Errc::kExpired);
}

}  // namespace
