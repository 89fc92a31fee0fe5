// Tokens shaped like real issuers' (tests/support/payload_shapes.cpp) verify as a service
// would configure it (expected issuer and audience), read back as the document holds them,
// are refused on a wrong audience, issuer or signature, and cost the heap allocations of
// the smallest token (plus the Token's copy of a longer text): the claim scan allocates
// nothing per member, whatever the shape.

#include "support/payload_shapes.hpp"

#include <gtest/gtest.h>

#include <string>

#include "jwt/jwt_test_util.hpp"
#include "support/alloc_counter.hpp"

namespace {

using jot_test::kNow;
using jot_test::secret_key;

jot::VerifyOptions expecting(const jot_test::PayloadShape& shape) {
  jot::VerifyOptions options;
  options.clock_timestamp = kNow;
  options.algorithms = {jot::Algorithm::kHS256};
  options.audience = {shape.audience};
  options.issuer = {shape.issuer};
  return options;
}

std::string signed_token(const jot_test::PayloadShape& shape) {
  return jot::sign(shape.json, secret_key());  // keeps the shape's own iat
}

TEST(PayloadShapes, VerifyWithTheChecksAServiceConfigures) {
  for (const auto& shape : jot_test::payload_shapes(kNow)) {
    const std::string token = signed_token(shape);
    const auto verified = jot::try_verify(token, secret_key(), expecting(shape));
    ASSERT_TRUE(verified) << shape.name << ": " << verified.error().message();
    const auto eager = jot::JsonObject::parse(shape.json);
    ASSERT_TRUE(eager) << shape.name;
    EXPECT_EQ(verified->payload().to_json(), eager->to_json()) << shape.name;
    EXPECT_EQ(verified->payload().get_string("iss"), shape.issuer) << shape.name;
    EXPECT_EQ(verified->payload().get_integer("exp"), kNow + 86400) << shape.name;
  }
}

TEST(PayloadShapes, RefusedOnAWrongAudienceIssuerOrSignature) {
  for (const auto& shape : jot_test::payload_shapes(kNow)) {
    const std::string token = signed_token(shape);
    jot::VerifyOptions other_audience = expecting(shape);
    other_audience.audience = {std::string("https://elsewhere.example")};
    const auto audience = jot::try_verify(token, secret_key(), other_audience);
    ASSERT_FALSE(audience) << shape.name;
    EXPECT_EQ(audience.error().message(),
              "jwt audience invalid. expected: https://elsewhere.example")
        << shape.name;
    jot::VerifyOptions other_issuer = expecting(shape);
    other_issuer.issuer = {"https://elsewhere.example"};
    const auto issuer = jot::try_verify(token, secret_key(), other_issuer);
    ASSERT_FALSE(issuer) << shape.name;
    EXPECT_EQ(issuer.error().message(), "jwt issuer invalid. expected: https://elsewhere.example")
        << shape.name;
    std::string tampered = token;
    tampered.back() = tampered.back() == 'A' ? 'Q' : 'A';
    const auto signature = jot::try_verify(tampered, secret_key(), expecting(shape));
    ASSERT_FALSE(signature) << shape.name;
    EXPECT_EQ(signature.error().message(), "invalid signature") << shape.name;
  }
}

TEST(PayloadShapes, NoMoreAllocationsThanTheSmallestToken) {
  jot::SignOptions sign;
  sign.timestamp = kNow;
  const std::string small = jot::sign(R"({"userId":123})", secret_key(), sign);
  jot::VerifyOptions small_options;
  small_options.clock_timestamp = kNow;
  const jot::Key key = secret_key();
  (void)jot::try_verify(small, key, small_options);  // warm-up
  const long budget =
      jot_test::count_allocations([&] { return jot::try_verify(small, key, small_options); });
  std::cout << "[ allocs   ] small token: " << budget << " heap allocations\n";
  for (const auto& shape : jot_test::payload_shapes(kNow)) {
    const std::string token = signed_token(shape);
    const jot::VerifyOptions options = expecting(shape);
    (void)jot::try_verify(token, key, options);  // warm-up: a longer scratch buffer
    const long n =
        jot_test::count_allocations([&] { return jot::try_verify(token, key, options); });
    std::cout << "[ allocs   ] " << shape.name << " (" << shape.json.size() << " bytes): " << n
              << " heap allocations\n";
    // At most one more: the Token's copy of a payload text past its inline arena (640
    // bytes, json_object.cpp) — one per token, not per member.
    EXPECT_LE(n, budget + (shape.json.size() > 600 ? 1 : 0)) << shape.name;
  }
}

}  // namespace
