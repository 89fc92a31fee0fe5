// Issue #3 §3: strict by default, with the explicit opt-outs the RFCs allow.

#include <gtest/gtest.h>

#include "jwt/jwt_test_util.hpp"

namespace {

using jot::Algorithm;
using jot::Errc;
using jot_test::forge_hs256;
using jot_test::secret_key;

jot::VerifyOptions at_now() {
  jot::VerifyOptions options;
  options.clock_timestamp = jot_test::kNow;
  return options;
}

struct StrictCase {
  const char* name;
  std::string payload;
  Errc code;  // kOk: accepted
  const char* subject = nullptr;
};

TEST(JwtStrict, RegisteredClaimTypesAndRanges) {
  const StrictCase cases[] = {
      {"exp_string", R"({"exp":"1800000000"})", Errc::kClaimInvalid, "exp"},
      {"exp_null", R"({"exp":null})", Errc::kClaimInvalid, "exp"},
      {"exp_bool", R"({"exp":true})", Errc::kClaimInvalid, "exp"},
      {"exp_array", R"({"exp":[1800000000]})", Errc::kClaimInvalid, "exp"},
      {"exp_too_large", R"({"exp":1e13})", Errc::kClaimInvalid, "exp"},
      {"exp_max_js_date", R"({"exp":8640000000000})", Errc::kOk},
      {"nbf_object", R"({"nbf":{}})", Errc::kClaimInvalid, "nbf"},
      {"nbf_too_small", R"({"nbf":-1e13})", Errc::kClaimInvalid, "nbf"},
      {"iat_string", R"({"iat":"now"})", Errc::kClaimInvalid, "iat"},
      {"iat_too_large", R"({"iat":1e300})", Errc::kClaimInvalid, "iat"},
      {"iat_fraction_ok", R"({"iat":1699999999.25})", Errc::kOk},
      {"iss_number", R"({"iss":1})", Errc::kClaimInvalid, "iss"},
      {"sub_null", R"({"sub":null})", Errc::kClaimInvalid, "sub"},
      {"jti_array", R"({"jti":["a"]})", Errc::kClaimInvalid, "jti"},
      {"aud_number", R"({"aud":5})", Errc::kClaimInvalid, "aud"},
      {"aud_mixed_array", R"({"aud":["a",5]})", Errc::kClaimInvalid, "aud"},
      {"aud_object", R"({"aud":{"a":1}})", Errc::kClaimInvalid, "aud"},
  };
  for (const StrictCase& c : cases) {
    jot::VerifyOptions options = at_now();
    options.allow_unexpected_audience = true;  // isolates the type rule
    const auto result = jot::try_verify(forge_hs256(c.payload), secret_key(), options);
    if (c.code == Errc::kOk) {
      EXPECT_TRUE(result) << c.name << ": " << (result ? "" : result.error().message());
      continue;
    }
    ASSERT_FALSE(result) << c.name;
    EXPECT_EQ(result.error().code(), c.code) << c.name << ": " << result.error().message();
    if (c.subject != nullptr) {
      EXPECT_EQ(result.error().subject(), c.subject) << c.name;
    }
  }
}

TEST(JwtStrict, NumberOutOfDoubleRangeIsRejected) {
  // 1e400 is not a finite double: rejected either by the parser or as an invalid exp.
  const auto result = jot::try_verify(forge_hs256(R"({"exp":1e400})"), secret_key(), at_now());
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().code() == Errc::kMalformed ||
              result.error().code() == Errc::kClaimInvalid)
      << result.error().message();
}

TEST(JwtStrict, UnexpectedAudience) {
  const std::string token = forge_hs256(R"({"aud":"someone-else"})");
  const auto refused = jot::try_verify(token, secret_key(), at_now());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), Errc::kClaimMismatch);
  EXPECT_EQ(refused.error().subject(), "aud");
  jot::VerifyOptions options = at_now();
  options.allow_unexpected_audience = true;
  EXPECT_TRUE(jot::try_verify(token, secret_key(), options));
  // No aud and no expectation: fine.
  EXPECT_TRUE(jot::try_verify(forge_hs256("{}"), secret_key(), at_now()));
}

TEST(JwtStrict, DuplicateMembers) {
  const jot::Key key = secret_key();
  const std::string dup_payload = forge_hs256(R"({"sub":"alice","sub":"admin"})");
  const std::string dup_header =
      jot_test::forge(R"({"alg":"HS256","alg":"HS256"})", "{}", key, Algorithm::kHS256);
  for (const std::string& token : {dup_payload, dup_header}) {
    const auto strict = jot::try_verify(token, key, at_now());
    ASSERT_FALSE(strict);
    EXPECT_EQ(strict.error().code(), Errc::kMalformed);
    EXPECT_EQ(strict.error().message().substr(0, 14), "invalid token:");
    jot::VerifyOptions lax = at_now();
    lax.limits.allow_duplicate_members = true;
    EXPECT_TRUE(jot::try_verify(token, key, lax)) << token;
  }
}

TEST(JwtStrict, Utf8) {
  // Invalid UTF-8 in the payload (a lone continuation byte, an overlong encoding).
  for (const char* payload : {"{\"a\":\"\x80\"}", "{\"a\":\"\xc0\xaf\"}", "{\"\xff\":1}"}) {
    const auto result = jot::try_verify(forge_hs256(payload), secret_key(), at_now());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code(), Errc::kMalformed);
    EXPECT_EQ(result.error().subject(), "payload");
  }
  // Valid multi-byte UTF-8 is fine.
  const auto ok = jot::try_verify(forge_hs256("{\"name\":\"Jos\xc3\xa9 \xe2\x80\x99\"}"),
                                  secret_key(), at_now());
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->payload().get_string("name"), "Jos\xc3\xa9 \xe2\x80\x99");
}

TEST(JwtStrict, Limits) {
  // Depth.
  std::string deep = "{\"a\":";
  for (int i = 0; i < 40; ++i) deep += "[";
  for (int i = 0; i < 40; ++i) deep += "]";
  deep += "}";
  const auto too_deep = jot::try_verify(forge_hs256(deep), secret_key(), at_now());
  ASSERT_FALSE(too_deep);
  EXPECT_EQ(too_deep.error().code(), Errc::kLimitExceeded);
  jot::VerifyOptions options = at_now();
  options.limits.max_depth = 64;
  EXPECT_TRUE(jot::try_verify(forge_hs256(deep), secret_key(), options));

  // Payload size.
  const std::string big = "{\"a\":\"" + std::string(2000, 'x') + "\"}";
  options = at_now();
  options.limits.max_bytes = 1000;
  const auto too_big = jot::try_verify(forge_hs256(big), secret_key(), options);
  ASSERT_FALSE(too_big);
  EXPECT_EQ(too_big.error().code(), Errc::kLimitExceeded);
  options.limits.max_bytes = 4000;
  EXPECT_TRUE(jot::try_verify(forge_hs256(big), secret_key(), options));

  // Whole token size.
  options = at_now();
  options.max_token_bytes = 100;
  const auto token_too_big = jot::try_verify(forge_hs256(big), secret_key(), options);
  ASSERT_FALSE(token_too_big);
  EXPECT_EQ(token_too_big.error().code(), Errc::kLimitExceeded);
}

TEST(JwtStrict, CritIsEnforcedAtTheJwtLevel) {
  const jot::Key key = secret_key();
  const std::string token =
      jot_test::forge(R"({"alg":"HS256","crit":["ext"],"ext":true})", "{}", key, Algorithm::kHS256);
  const auto refused = jot::try_verify(token, key, at_now());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), Errc::kCritUnsupported);
  jot::VerifyOptions options = at_now();
  options.understood_crit = {"ext"};
  EXPECT_TRUE(jot::try_verify(token, key, options));
}

TEST(JwtStrict, KeyHeadersNeverSelectAKey) {
  // jwk / jku / x5u / x5c point at the attacker's key: ignored, the caller's key decides.
  const jot::Key attacker = jot::Key::generate(Algorithm::kES256).value();
  const jot::Key mine = jot::Key::generate(Algorithm::kES256).value();
  const std::string header = R"({"alg":"ES256","typ":"JWT","jwk":)" +
                             attacker.public_jwk().value() +
                             R"(,"jku":"https://attacker.example/jwks","x5u":"https://a/x",)"
                             R"("x5c":["MIIB"]})";
  const std::string token = jot::jws::sign(header, "{}", attacker, Algorithm::kES256).value();
  const auto result = jot::try_verify(token, mine, at_now());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message(), "invalid signature");
  // With a key set that does not contain the attacker's key, still no key from the header.
  const jot::KeySet keys({mine});
  EXPECT_FALSE(jot::try_verify(token, keys, at_now()));
}

TEST(JwtStrict, DefaultAlgorithmsFollowTheKey) {
  // An RSA key accepts RS* and PS* by default; an EC key only its curve's ES*.
  const jot::Key rsa = jot::Key::generate(Algorithm::kRS256).value();
  for (const Algorithm alg : {Algorithm::kRS256, Algorithm::kRS512, Algorithm::kPS256}) {
    jot::SignOptions sign;
    sign.algorithm = alg;
    EXPECT_TRUE(jot::try_verify(jot::sign("{}", rsa, sign), rsa)) << jot::to_string(alg);
  }
  jot::VerifyOptions only_ps;
  only_ps.algorithms = {Algorithm::kPS256};
  const auto refused = jot::try_verify(jot::sign("{}", rsa), rsa, only_ps);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message(), "invalid algorithm");
}

}  // namespace
