// jot::sign / try_sign: header and claim set, option by option (spec §5.2, issue #3 §1).

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <string>

#include "jwt/jwt_test_util.hpp"

namespace {

using jot::Algorithm;
using jot::Errc;
using jot::SignOptions;
using jot_test::header_text;
using jot_test::kNow;
using jot_test::payload_text;
using jot_test::secret_key;

SignOptions at_now() {
  SignOptions options;
  options.timestamp = kNow;
  return options;
}

TEST(JwtSign, SeedPayloadHeaderAndClaims) {
  const std::string token = jot::sign(R"({"userId":123})", secret_key(), at_now());
  EXPECT_EQ(header_text(token), R"({"alg":"HS256","typ":"JWT"})");
  EXPECT_EQ(payload_text(token), R"({"userId":123,"iat":1700000000})");
  const auto verified = jot::try_verify(token, secret_key());
  ASSERT_TRUE(verified) << verified.error().message();
  EXPECT_EQ(verified->payload().get_integer("userId"), 123);
}

TEST(JwtSign, ByteStable) {
  // Member order, spacing and number spelling of the caller's text are kept.
  const std::string payload = "{ \"z\" : 1.50, \"a\":[1, 2],\n\"m\":\"\\u00e9\" }";
  const std::string token = jot::sign(payload, secret_key(), at_now());
  EXPECT_EQ(payload_text(token),
            "{ \"z\" : 1.50, \"a\":[1, 2],\n\"m\":\"\\u00e9\" ,\"iat\":1700000000}");
  EXPECT_EQ(jot::sign(payload, secret_key(), at_now()), token);
}

TEST(JwtSign, EmptyObjectGetsNoLeadingComma) {
  EXPECT_EQ(payload_text(jot::sign("{}", secret_key(), at_now())), R"({"iat":1700000000})");
  EXPECT_EQ(payload_text(jot::sign("  { }  ", secret_key(), at_now())),
            R"(  { "iat":1700000000}  )");
}

TEST(JwtSign, JsonObjectOverload) {
  const auto object = jot::JsonObject::parse(R"({"b":1,"a":"x"})").value();
  EXPECT_EQ(payload_text(jot::sign(object, secret_key(), at_now())),
            R"({"b":1,"a":"x","iat":1700000000})");
}

struct ClaimCase {
  const char* name;
  const char* payload;
  SignOptions options;
  const char* expected;  // payload JSON
};

std::vector<ClaimCase> claim_cases() {
  std::vector<ClaimCase> cases;
  auto add = [&](const char* name, const char* payload, auto&& edit, const char* expected) {
    SignOptions options = at_now();
    edit(options);
    cases.push_back({name, payload, std::move(options), expected});
  };
  add(
      "expires_in_seconds", "{}", [](SignOptions& o) { o.expires_in = std::chrono::seconds(60); },
      R"({"iat":1700000000,"exp":1700000060})");
  add(
      "expires_in_string", "{}",
      [](SignOptions& o) { o.expires_in = jot::Timespan::parse("2h").value(); },
      R"({"iat":1700000000,"exp":1700007200})");
  add(
      "expires_in_days", "{}",
      [](SignOptions& o) { o.expires_in = jot::Timespan::parse("7d").value(); },
      R"({"iat":1700000000,"exp":1700604800})");
  add(
      "expires_in_fraction_floored", "{}",
      [](SignOptions& o) { o.expires_in = jot::Timespan::parse("1.5s").value(); },
      R"({"iat":1700000000,"exp":1700000001})");
  add(
      "expires_in_negative_floored", "{}",
      [](SignOptions& o) { o.expires_in = jot::Timespan::parse("-1.5s").value(); },
      R"({"iat":1700000000,"exp":1699999998})");
  add(
      "expires_in_milliseconds_floored", "{}",
      [](SignOptions& o) { o.expires_in = jot::Timespan::parse("2500ms").value(); },
      R"({"iat":1700000000,"exp":1700000002})");
  add(
      "expires_in_year", "{}",
      [](SignOptions& o) { o.expires_in = jot::Timespan::parse("1y").value(); },
      R"({"iat":1700000000,"exp":1731557600})");
  add(
      "not_before", "{}",
      [](SignOptions& o) { o.not_before = jot::Timespan::parse("1 Day").value(); },
      R"({"iat":1700000000,"nbf":1700086400})");
  add(
      "claim_order", R"({"x":1})",
      [](SignOptions& o) {
        o.expires_in = std::chrono::seconds(10);
        o.not_before = std::chrono::seconds(5);
        o.audience = {"aud1"};
        o.issuer = "iss1";
        o.subject = "sub1";
        o.jwtid = "jti1";
      },
      R"({"x":1,"iat":1700000000,"nbf":1700000005,"exp":1700000010,"aud":"aud1","iss":"iss1","sub":"sub1","jti":"jti1"})");
  add(
      "audience_many", "{}",
      [](SignOptions& o) {
        o.audience = {"a", "b"};
      },
      R"({"iat":1700000000,"aud":["a","b"]})");
  add(
      "strings_escaped", "{}", [](SignOptions& o) { o.subject = "quote\" slash\\ \n"; },
      R"({"iat":1700000000,"sub":"quote\" slash\\ \n"})");
  add(
      "no_timestamp", R"({"x":1})", [](SignOptions& o) { o.no_timestamp = true; }, R"({"x":1})");
  add(
      "no_timestamp_removes_iat", R"({"x":1,"iat":5,"y":2})",
      [](SignOptions& o) { o.no_timestamp = true; }, R"({"x":1,"y":2})");
  add(
      "payload_iat_is_the_base", R"({"iat":100})",
      [](SignOptions& o) { o.expires_in = std::chrono::seconds(10); }, R"({"iat":100,"exp":110})");
  add(
      "payload_iat_base_even_without_timestamp", R"({"iat":5})",
      [](SignOptions& o) {
        o.no_timestamp = true;
        o.expires_in = std::chrono::seconds(10);
      },
      R"({"exp":15})");
  add(
      "payload_iat_zero_means_now", R"({"a":1,"iat":0,"b":2})", [](SignOptions&) {},
      R"({"a":1,"iat":1700000000,"b":2})");
  add(
      "payload_iat_fraction_not_floored", R"({"iat":10.5})",
      [](SignOptions& o) { o.expires_in = std::chrono::seconds(1); }, R"({"iat":10.5,"exp":11.5})");
  // Numbers are spelled as JSON.stringify spells them (spec §4: 1e21 → 1.0000000000017e+21).
  add(
      "exp_js_number_spelling", "{}",
      [](SignOptions& o) { o.expires_in = std::chrono::duration<double>(1e21); },
      R"({"iat":1700000000,"exp":1.0000000000017e+21})");
  return cases;
}

TEST(JwtSign, ClaimsFromOptions) {
  for (const ClaimCase& c : claim_cases()) {
    const auto token = jot::try_sign(c.payload, secret_key(), c.options);
    ASSERT_TRUE(token) << c.name << ": " << token.error().message();
    EXPECT_EQ(payload_text(*token), c.expected) << c.name;
  }
}

TEST(JwtSign, HeaderOptions) {
  SignOptions options = at_now();
  options.keyid = "k1";
  EXPECT_EQ(header_text(jot::sign("{}", secret_key(), options)),
            R"({"alg":"HS256","typ":"JWT","kid":"k1"})");

  options = at_now();
  options.typ = "at+jwt";
  EXPECT_EQ(header_text(jot::sign("{}", secret_key(), options)),
            R"({"alg":"HS256","typ":"at+jwt"})");

  // jsonwebtoken's example: overridden members keep their place, extras follow.
  options = at_now();
  options.keyid = "k";
  options.algorithm = Algorithm::kHS256;
  options.header_json = R"({"typ":"X","foo":1,"alg":"HS384"})";
  const std::string token = jot::sign("{}", secret_key(), options);
  EXPECT_EQ(header_text(token), R"({"alg":"HS384","typ":"X","kid":"k","foo":1})");
  // The header's alg is the one used to sign.
  jot::VerifyOptions verify;
  verify.algorithms = {Algorithm::kHS384};
  EXPECT_TRUE(jot::try_verify(token, secret_key(), verify));
}

TEST(JwtSign, DirectAndGeneralHeaderPathsWriteTheSameBytes) {
  // Without header_json the header text is written directly; with one it is built as a
  // JSON document. Both must spell the same header identically.
  for (const char* kid : {"k1", "quote\" back\\ tab\t \xc3\xa9 \x01", ""}) {
    SignOptions direct = at_now();
    direct.keyid = kid;
    direct.typ = "at+jwt \"x\"";
    SignOptions general = direct;
    general.header_json = "{}";
    const std::string a = header_text(jot::sign("{}", secret_key(), direct));
    const std::string b = header_text(jot::sign("{}", secret_key(), general));
    EXPECT_EQ(a, b) << kid;
    EXPECT_TRUE(jot::JsonObject::parse(a)) << a;
  }
}

TEST(JwtSign, KeyKidIsTheDefaultKid) {
  const jot::Key key = secret_key().with_kid("from-key");
  EXPECT_EQ(header_text(jot::sign("{}", key, at_now())),
            R"({"alg":"HS256","typ":"JWT","kid":"from-key"})");
  SignOptions options = at_now();
  options.keyid = "explicit";
  EXPECT_EQ(header_text(jot::sign("{}", key, options)),
            R"({"alg":"HS256","typ":"JWT","kid":"explicit"})");
}

TEST(JwtSign, DefaultAlgorithmIsTheKeysNaturalOne) {
  const struct {
    Algorithm generate;
    const char* alg;
  } cases[] = {{Algorithm::kRS256, "RS256"},
               {Algorithm::kES384, "ES384"},
               {Algorithm::kES512, "ES512"},
               {Algorithm::kES256K, "ES256K"},
               {Algorithm::kEdDSA, "EdDSA"}};
  for (const auto& c : cases) {
    const jot::Key key = jot::Key::generate(c.generate).value();
    const auto token = jot::try_sign(R"({"a":1})", key, at_now());
    ASSERT_TRUE(token) << c.alg << ": " << token.error().message();
    EXPECT_EQ(header_text(*token), std::string(R"({"alg":")") + c.alg + R"(","typ":"JWT"})");
    EXPECT_TRUE(jot::try_verify(*token, key)) << c.alg;
  }
  EXPECT_EQ(header_text(jot::sign("{}", secret_key(), at_now())), R"({"alg":"HS256","typ":"JWT"})");
}

TEST(JwtSign, SystemClockByDefault) {
  const auto before = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const std::string token = jot::sign("{}", secret_key());
  const auto after = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  const auto iat = jot::unverified_decode(token).value().payload().get_integer("iat").value();
  EXPECT_GE(iat, before);
  EXPECT_LE(iat, after);
}

struct SignError {
  const char* name;
  const char* payload;
  SignOptions options;
  Errc code;
  const char* message;  // exact, or nullptr to check only the code
};

std::vector<SignError> sign_errors() {
  std::vector<SignError> cases;
  auto add = [&](const char* name, const char* payload, auto&& edit, Errc code,
                 const char* message) {
    SignOptions options = at_now();
    edit(options);
    cases.push_back({name, payload, std::move(options), code, message});
  };
  const auto none = [](SignOptions&) {};
  add("payload_array", "[1]", none, Errc::kInvalidOption,
      "Expected \"payload\" to be a plain object.");
  add("payload_string", "\"x\"", none, Errc::kInvalidOption,
      "Expected \"payload\" to be a plain object.");
  add("payload_empty", "", none, Errc::kInvalidOption,
      "Expected \"payload\" to be a plain object.");
  add("payload_not_json", "{oops}", none, Errc::kMalformed, nullptr);
  add("payload_duplicate", R"({"a":1,"a":2})", none, Errc::kMalformed, nullptr);
  add("iat_string", R"({"iat":"1"})", none, Errc::kInvalidOption,
      "\"iat\" should be a number of seconds");
  add("exp_null", R"({"exp":null})", none, Errc::kInvalidOption,
      "\"exp\" should be a number of seconds");
  add("nbf_bool", R"({"nbf":true})", none, Errc::kInvalidOption,
      "\"nbf\" should be a number of seconds");
  add(
      "exp_conflict", R"({"exp":1})",
      [](SignOptions& o) { o.expires_in = std::chrono::seconds(10); }, Errc::kInvalidOption,
      "Bad \"options.expiresIn\" option the payload already has an \"exp\" property.");
  add(
      "nbf_conflict", R"({"nbf":1})",
      [](SignOptions& o) { o.not_before = std::chrono::seconds(10); }, Errc::kInvalidOption,
      "Bad \"options.notBefore\" option the payload already has an \"nbf\" property.");
  add(
      "aud_conflict", R"({"aud":"x"})", [](SignOptions& o) { o.audience = {"y"}; },
      Errc::kInvalidOption,
      "Bad \"options.audience\" option. The payload already has an \"aud\" property.");
  add(
      "iss_conflict", R"({"iss":"x"})", [](SignOptions& o) { o.issuer = "y"; },
      Errc::kInvalidOption,
      "Bad \"options.issuer\" option. The payload already has an \"iss\" property.");
  add(
      "sub_conflict", R"({"sub":"x"})", [](SignOptions& o) { o.subject = "y"; },
      Errc::kInvalidOption,
      "Bad \"options.subject\" option. The payload already has an \"sub\" property.");
  add(
      "jti_conflict", R"({"jti":"x"})", [](SignOptions& o) { o.jwtid = "y"; }, Errc::kInvalidOption,
      "Bad \"options.jwtid\" option. The payload already has an \"jti\" property.");
  add(
      "expires_in_fraction", "{}",
      [](SignOptions& o) { o.expires_in = std::chrono::duration<double>(1.5); },
      Errc::kInvalidOption,
      "\"expiresIn\" should be a number of seconds or string representing a timespan");
  add(
      "expires_in_infinite", "{}",
      [](SignOptions& o) { o.expires_in = std::chrono::duration<double>(INFINITY); },
      Errc::kInvalidOption,
      "\"expiresIn\" should be a number of seconds or string representing a timespan");
  add(
      "not_before_fraction", "{}",
      [](SignOptions& o) { o.not_before = std::chrono::duration<double>(0.5); },
      Errc::kInvalidOption,
      "\"notBefore\" should be a number of seconds or string representing a timespan");
  add(
      "not_before_infinite", "{}",
      [](SignOptions& o) { o.not_before = std::chrono::duration<double>(-INFINITY); },
      Errc::kInvalidOption,
      "\"notBefore\" should be a number of seconds or string representing a timespan");
  add(
      "alg_none", "{}", [](SignOptions& o) { o.algorithm = Algorithm::kNone; },
      Errc::kAlgNotAllowed, nullptr);
  add(
      "header_alg_none", "{}", [](SignOptions& o) { o.header_json = R"({"alg":"none"})"; },
      Errc::kAlgNotAllowed, nullptr);
  add(
      "header_alg_unknown", "{}", [](SignOptions& o) { o.header_json = R"({"alg":"foo"})"; },
      Errc::kInvalidOption, nullptr);
  add(
      "header_alg_number", "{}", [](SignOptions& o) { o.header_json = R"({"alg":1})"; },
      Errc::kInvalidOption, nullptr);
  add(
      "header_not_object", "{}", [](SignOptions& o) { o.header_json = "[]"; }, Errc::kInvalidOption,
      nullptr);
  add(
      "rs256_with_secret", "{}", [](SignOptions& o) { o.algorithm = Algorithm::kRS256; },
      Errc::kKeyMismatch, nullptr);
  // Processing order: the key check comes before the payload; exp conflict before the
  // option schema; the payload's type before everything about claims.
  add(
      "order_key_before_payload", "[]", [](SignOptions& o) { o.algorithm = Algorithm::kES256; },
      Errc::kKeyMismatch, nullptr);
  add(
      "order_exp_conflict_before_schema", R"({"exp":1})",
      [](SignOptions& o) { o.expires_in = std::chrono::duration<double>(1.5); },
      Errc::kInvalidOption,
      "Bad \"options.expiresIn\" option the payload already has an \"exp\" property.");
  add(
      "order_claim_type_before_conflict", R"({"exp":"x"})",
      [](SignOptions& o) { o.expires_in = std::chrono::seconds(1); }, Errc::kInvalidOption,
      "\"exp\" should be a number of seconds");
  add(
      "order_exp_before_nbf", R"({"exp":1,"nbf":1})",
      [](SignOptions& o) {
        o.expires_in = std::chrono::seconds(1);
        o.not_before = std::chrono::seconds(1);
      },
      Errc::kInvalidOption,
      "Bad \"options.expiresIn\" option the payload already has an \"exp\" property.");
  add(
      "order_aud_before_iss", R"({"aud":"a","iss":"i"})",
      [](SignOptions& o) {
        o.audience = {"a"};
        o.issuer = "i";
      },
      Errc::kInvalidOption,
      "Bad \"options.audience\" option. The payload already has an \"aud\" property.");
  return cases;
}

TEST(JwtSign, Errors) {
  for (const SignError& c : sign_errors()) {
    const auto token = jot::try_sign(c.payload, secret_key(), c.options);
    ASSERT_FALSE(token) << c.name;
    EXPECT_EQ(token.error().code(), c.code) << c.name << ": " << token.error().message();
    if (c.message != nullptr) {
      EXPECT_EQ(token.error().message(), c.message) << c.name;
    }
  }
}

TEST(JwtSign, WeakSecretNeedsTheOptIn) {
  // The seed's 'mysecret' (8 bytes) is refused for HS256 (RFC 7518 §3.2 wants 32) unless
  // the key was made with the explicit opt-in; the key layer may refuse it when the key is
  // made or when it is used, but never silently signs with it.
  const auto weak = jot::Key::from_secret("mysecret");
  if (weak) {
    const auto token = jot::try_sign(R"({"userId":123})", *weak);
    ASSERT_FALSE(token);
    EXPECT_EQ(token.error().code(), Errc::kWeakKey);
  } else {
    EXPECT_EQ(weak.error().code(), Errc::kWeakKey);
  }
  jot::KeyOptions key_options;
  key_options.insecure_allow_weak_secret = true;
  const jot::Key key = jot::Key::from_secret("mysecret", key_options).value();
  const std::string token = jot::sign(R"({"userId":123})", key);
  EXPECT_EQ(jot::verify(token, key).payload().get_integer("userId"), 123);
}

TEST(JwtSign, ThrowingFormThrowsJsonWebTokenError) {
  try {
    (void)jot::sign("[]", secret_key());
    FAIL() << "no exception";
  } catch (const jot::JsonWebTokenError& e) {
    EXPECT_EQ(e.code(), Errc::kInvalidOption);
    EXPECT_STREQ(e.what(), "Expected \"payload\" to be a plain object.");
  }
}

}  // namespace
