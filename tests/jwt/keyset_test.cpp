// Key selection: JWK Sets (by kid, else by alg/kty; several candidates is an error) and the
// key resolver, which receives the decoded header.

#include <gtest/gtest.h>

#include "jwt/jwt_test_util.hpp"

namespace {

using jot::Algorithm;
using jot::Errc;
using jot::Key;

jot::SignOptions with_kid(const char* kid) {
  jot::SignOptions options;
  if (kid != nullptr) options.keyid = kid;
  return options;
}

TEST(JwtKeySet, SelectsByKid) {
  const Key a = Key::generate(Algorithm::kES256).value().with_kid("a");
  const Key b = Key::generate(Algorithm::kES256).value().with_kid("b");
  const jot::KeySet keys({a, b});
  const std::string by_b = jot::sign("{}", b);  // kid "b" from the key
  const auto ok = jot::try_verify(by_b, keys);
  ASSERT_TRUE(ok) << ok.error().message();
  EXPECT_EQ(ok->header().get_string("kid"), "b");

  // A kid that names the other key: the signature does not verify with it.
  const auto wrong = jot::try_verify(jot::sign("{}", b, with_kid("a")), keys);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code(), Errc::kInvalidSignature);

  // An unknown kid.
  const auto unknown = jot::try_verify(jot::sign("{}", b, with_kid("zzz")), keys);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), Errc::kNoMatchingKey);
}

TEST(JwtKeySet, WithoutKidOneCompatibleKeyIsChosen) {
  const Key ec = Key::generate(Algorithm::kES256).value();
  const Key rsa = Key::generate(Algorithm::kRS256).value();
  const jot::KeySet keys({ec, rsa});
  EXPECT_TRUE(jot::try_verify(jot::sign("{}", ec), keys));
  EXPECT_TRUE(jot::try_verify(jot::sign("{}", rsa), keys));
}

TEST(JwtKeySet, WithoutKidSeveralCandidatesIsAnError) {
  const Key one = Key::generate(Algorithm::kES256).value();
  const Key two = Key::generate(Algorithm::kES256).value();
  const auto result = jot::try_verify(jot::sign("{}", one), jot::KeySet({one, two}));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kMultipleMatchingKeys);
}

TEST(JwtKeySet, NoCompatibleKey) {
  const Key ec = Key::generate(Algorithm::kES256).value();
  const Key other = Key::generate(Algorithm::kEdDSA).value();
  const auto result = jot::try_verify(jot::sign("{}", ec), jot::KeySet({other}));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kNoMatchingKey);
  EXPECT_FALSE(jot::try_verify(jot::sign("{}", ec), jot::KeySet()));
}

TEST(JwtKeySet, OrderSignatureRequiredThenAlgThenSelection) {
  const jot::KeySet keys({Key::generate(Algorithm::kES256).value().with_kid("a")});
  const auto unsigned_token =
      jot::try_verify(jot_test::forge_unsigned(R"({"alg":"XX","kid":"zzz"})", "{}"), keys);
  ASSERT_FALSE(unsigned_token);
  EXPECT_EQ(unsigned_token.error().message(), "jwt signature is required");
  const auto bad_alg = jot::try_verify(jot_test::forge(R"({"alg":"XX","kid":"zzz"})", "{}",
                                                       jot_test::secret_key(), Algorithm::kHS256),
                                       keys);
  ASSERT_FALSE(bad_alg);
  EXPECT_EQ(bad_alg.error().message(), "invalid algorithm");
}

TEST(JwtKeySet, FromJwks) {
  const Key signer = Key::generate(Algorithm::kES256).value().with_kid("k1");
  const Key other = Key::generate(Algorithm::kES256).value().with_kid("k2");
  const std::string jwks = jot::KeySet({signer, other}).public_jwks().value();
  const jot::KeySet keys = jot::KeySet::from_jwks(jwks).value();
  const auto result = jot::try_verify(jot::sign(R"({"a":1})", signer), keys);
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_EQ(result->payload().get_integer("a"), 1);
  EXPECT_EQ(jot::verify(jot::sign("{}", other), keys).header().get_string("kid"), "k2");
}

TEST(JwtKeyResolver, ReceivesTheDecodedHeader) {
  const Key key = jot_test::secret_key();
  jot::SignOptions options;
  options.keyid = "tenant-7";
  const std::string token = jot::sign(R"({"a":1})", key, options);
  std::string seen_kid;
  const jot::KeyResolver resolve = [&](const jot::JsonObject& header) -> jot::Result<Key> {
    seen_kid = std::string(header.get_string("kid").value_or(""));
    return key;
  };
  const auto result = jot::try_verify(token, resolve);
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_EQ(seen_kid, "tenant-7");
  EXPECT_EQ(jot::verify(token, resolve).payload().get_integer("a"), 1);
}

TEST(JwtKeyResolver, ErrorsAreWrapped) {
  const jot::KeyResolver refuse = [](const jot::JsonObject&) -> jot::Result<Key> {
    return jot::Error(Errc::kNoMatchingKey, "unknown tenant");
  };
  const auto result = jot::try_verify(jot::sign("{}", jot_test::secret_key()), refuse);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kNoMatchingKey);
  EXPECT_EQ(result.error().message(), "error in secret or public key callback: unknown tenant");
  const auto empty = jot::try_verify(jot::sign("{}", jot_test::secret_key()), jot::KeyResolver());
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code(), Errc::kInvalidOption);
}

TEST(JwtKeyResolver, NestedVerifyDoesNotDisturbTheOuterOne) {
  // A resolver that itself verifies another token on the same thread.
  const Key key = jot_test::secret_key();
  const std::string inner = jot::sign(R"({"inner":true})", key);
  const std::string outer = jot::sign(R"({"outer":true})", key);
  const jot::KeyResolver resolve = [&](const jot::JsonObject&) -> jot::Result<Key> {
    EXPECT_TRUE(jot::try_verify(inner, key));
    return key;
  };
  const auto result = jot::try_verify(outer, resolve);
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_EQ(result->payload().get_bool("outer"), true);
}

}  // namespace
