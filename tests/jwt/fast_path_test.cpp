// The verify fast paths keep every rule: a remembered header is reused only for the same
// bytes under the same limits, a lazily parsed payload reads like an eager one, and the
// claims read by the scan are the document's (also past the scan's linear-name bound).

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "jwt/jwt_test_util.hpp"

namespace {

using jot::Algorithm;
using jot_test::forge;
using jot_test::kNow;
using jot_test::secret_key;

jot::VerifyOptions at_now() {
  jot::VerifyOptions options;
  options.clock_timestamp = kNow;
  return options;
}

TEST(VerifyFastPath, RememberedHeaderStillObeysStricterLimits) {
  const std::string token = forge(R"({"alg":"HS256","typ":"JWT","x":{"y":[1]}})", R"({"sub":"a"})",
                                  secret_key(), Algorithm::kHS256);
  ASSERT_TRUE(jot::try_verify(token, secret_key(), at_now()));  // remembered now
  jot::VerifyOptions shallow = at_now();
  shallow.limits.max_depth = 2;
  const auto refused = jot::try_verify(token, secret_key(), shallow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message(), "invalid token: header: JSON nesting deeper than 2 levels");
  jot::VerifyOptions tiny = at_now();
  tiny.limits.max_bytes = 10;
  EXPECT_FALSE(jot::try_verify(token, secret_key(), tiny));
  EXPECT_TRUE(jot::try_verify(token, secret_key(), at_now()));
}

TEST(VerifyFastPath, RememberedHeaderDoesNotExcuseOtherSegments) {
  const std::string token =
      forge(R"({"alg":"HS256","typ":"JWT"})", R"({"sub":"a"})", secret_key(), Algorithm::kHS256);
  ASSERT_TRUE(jot::try_verify(token, secret_key(), at_now()));
  std::string bad_payload = token;
  bad_payload[token.find('.') + 2] = '*';
  const auto r1 = jot::try_verify(bad_payload, secret_key(), at_now());
  ASSERT_FALSE(r1);
  EXPECT_EQ(r1.error().message(), "invalid token: payload is not valid base64url");
  std::string bad_signature = token;
  bad_signature.back() = bad_signature.back() == 'A' ? 'Q' : 'A';
  const auto r2 = jot::try_verify(bad_signature, secret_key(), at_now());
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().message(), "invalid signature");
  // A different header (one character) is decoded and checked afresh.
  const std::string other =
      forge(R"({"alg":"HS512","typ":"JWT"})", R"({"sub":"a"})", secret_key(), Algorithm::kHS512);
  jot::VerifyOptions hs256 = at_now();
  hs256.algorithms = {Algorithm::kHS256};
  const auto r3 = jot::try_verify(other, secret_key(), hs256);
  ASSERT_FALSE(r3);
  EXPECT_EQ(r3.error().message(), "invalid algorithm");
}

TEST(VerifyFastPath, ReturnedHeaderAndPayloadReadLikeParsedOnes) {
  const std::string payload =
      R"({"userId":123,"name":"\u00e9l\u00e8ve","aud":["a","b"],"exp":1700003600,"n":{"x":[1,2.5]}})";
  const std::string token =
      forge(R"({"alg":"HS256","typ":"JWT","kid":"k1"})", payload, secret_key(), Algorithm::kHS256);
  jot::VerifyOptions options = at_now();
  options.audience = {std::string("b")};
  for (int i = 0; i < 3; ++i) {  // first (header parsed) and later (header remembered)
    const auto verified = jot::try_verify(token, secret_key(), options);
    ASSERT_TRUE(verified) << verified.error().message();
    EXPECT_EQ(verified->header().get_string("kid"), "k1");
    EXPECT_EQ(verified->header().to_json(), R"({"alg":"HS256","typ":"JWT","kid":"k1"})");
    EXPECT_EQ(verified->payload().to_json(), jot::JsonObject::parse(payload)->to_json());
    EXPECT_EQ(verified->payload().get_string("name"), "\xc3\xa9l\xc3\xa8ve");
    EXPECT_EQ(verified->payload().get_string_array("aud"), (std::vector<std::string>{"a", "b"}));
  }
}

TEST(VerifyFastPath, SharedTokenPayloadReadFromThreads) {
  const std::string token =
      forge(R"({"alg":"HS256","typ":"JWT"})", R"({"userId":123,"scope":"read write"})",
            secret_key(), Algorithm::kHS256);
  const auto verified = jot::try_verify(token, secret_key(), at_now());
  ASSERT_TRUE(verified);
  const jot::VerifiedToken shared = *verified;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      EXPECT_EQ(shared.payload().get_integer("userId"), 123);
      EXPECT_EQ(shared.payload().get_string("scope"), "read write");
    });
  }
  for (auto& thread : threads) thread.join();
}

TEST(VerifyFastPath, ManyClaimsStillChecked) {
  // More members than the scan compares linearly: the claims come from the document.
  std::string payload = "{";
  for (int i = 0; i < 40; ++i)
    payload += "\"c" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  const std::string expired = payload + "\"exp\":" + std::to_string(kNow - 1) + "}";
  const auto r1 = jot::try_verify(jot_test::forge_hs256(expired), secret_key(), at_now());
  ASSERT_FALSE(r1);
  EXPECT_EQ(r1.error().message(), "jwt expired");
  const std::string duplicate = payload + "\"c7\":1}";
  const auto r2 = jot::try_verify(jot_test::forge_hs256(duplicate), secret_key(), at_now());
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().message(), "invalid token: payload: duplicate member name \"c7\"");
  const std::string audience = payload + "\"aud\":[\"x\",\"y\"]}";
  jot::VerifyOptions y = at_now();
  y.audience = {std::string("y")};
  EXPECT_TRUE(jot::try_verify(jot_test::forge_hs256(audience), secret_key(), y));
  y.audience = {std::string("z")};
  EXPECT_FALSE(jot::try_verify(jot_test::forge_hs256(audience), secret_key(), y));
}

}  // namespace
