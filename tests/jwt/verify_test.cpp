// jot::try_verify: every applicable message of spec §9 (verify) and the processing order
// (which error wins when several apply).

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <string>

#include "jwt/jwt_test_util.hpp"

namespace {

jot::AudiencePattern pattern(const char* source) {
  return jot::AudiencePattern::compile(source).value();
}

using jot::Algorithm;
using jot::Errc;
using jot::VerifyOptions;
using jot_test::forge_hs256;
using jot_test::kNow;
using jot_test::secret_key;

VerifyOptions at_now() {
  VerifyOptions options;
  options.clock_timestamp = kNow;
  return options;
}

struct VerifyCase {
  const char* name;
  std::string token;
  VerifyOptions options;
  Errc code;
  std::string message;
  const char* subject = nullptr;
};

template <typename Edit>
VerifyCase make(const char* name, std::string token, Edit edit, Errc code, std::string message,
                const char* subject = nullptr) {
  VerifyOptions options = at_now();
  edit(options);
  return {name, std::move(token), std::move(options), code, std::move(message), subject};
}

const auto kDefaults = [](VerifyOptions&) {};

std::vector<VerifyCase> cases() {
  const jot::Key key = secret_key();
  std::vector<VerifyCase> c;
  // ---- structure ----
  c.push_back(make("empty", "", kDefaults, Errc::kMalformed, "jwt must be provided"));
  c.push_back(make("two_parts", "a.b", kDefaults, Errc::kMalformed, "jwt malformed"));
  c.push_back(make("four_parts", "a.b.c.d", kDefaults, Errc::kMalformed, "jwt malformed"));
  c.push_back(make("bad_base64_header", "e$J.e30.abc", kDefaults, Errc::kMalformed,
                   "invalid token: header is not valid base64url", "header"));
  c.push_back(make("payload_not_json",
                   jot_test::forge(R"({"alg":"HS256"})", "notjson", key, Algorithm::kHS256),
                   kDefaults, Errc::kMalformed, "", "payload"));
  c.push_back(
      make("payload_not_object", forge_hs256("123"), kDefaults, Errc::kMalformed, "", "payload"));
  c.push_back(
      make("payload_null", forge_hs256("null"), kDefaults, Errc::kMalformed, "", "payload"));
  // ---- signature and algorithm ----
  c.push_back(make("no_signature", jot_test::forge_unsigned(R"({"alg":"HS256","typ":"JWT"})", "{}"),
                   kDefaults, Errc::kInvalidSignature, "jwt signature is required"));
  c.push_back(make(
      "alg_not_allowed", forge_hs256("{}"),
      [](VerifyOptions& o) { o.algorithms = {Algorithm::kHS512}; }, Errc::kAlgNotAllowed,
      "invalid algorithm", "alg"));
  c.push_back(make("alg_swap_rs256",
                   jot_test::forge(R"({"alg":"RS256"})", "{}", key, Algorithm::kHS256), kDefaults,
                   Errc::kAlgNotAllowed, "invalid algorithm"));
  c.push_back(
      make("wrong_secret",
           jot_test::forge(R"({"alg":"HS256"})", "{}",
                           jot::Key::from_secret(jot_test::kSecret32).value(), Algorithm::kHS256),
           kDefaults, Errc::kInvalidSignature, "invalid signature", "signature"));
  // ---- claims, in order ----
  c.push_back(make("nbf_string", forge_hs256(R"({"nbf":"1"})"), kDefaults, Errc::kClaimInvalid,
                   "invalid nbf value", "nbf"));
  c.push_back(make("nbf_future", forge_hs256(R"({"nbf":1700000001})"), kDefaults, Errc::kNotBefore,
                   "jwt not active", "nbf"));
  c.push_back(make("exp_string", forge_hs256(R"({"exp":"abc"})"), kDefaults, Errc::kClaimInvalid,
                   "invalid exp value", "exp"));
  c.push_back(make("exp_past", forge_hs256(R"({"exp":1699999999})"), kDefaults, Errc::kExpired,
                   "jwt expired", "exp"));
  c.push_back(make(
      "aud_mismatch", forge_hs256(R"({"aud":"x"})"),
      [](VerifyOptions& o) {
        o.audience = {std::string("a"), std::string("b")};
      },
      Errc::kClaimMismatch, "jwt audience invalid. expected: a or b", "aud"));
  c.push_back(make(
      "aud_missing", forge_hs256("{}"), [](VerifyOptions& o) { o.audience = {std::string("a")}; },
      Errc::kClaimMismatch, "jwt audience invalid. expected: a", "aud"));
  c.push_back(make(
      "aud_regex_mismatch", forge_hs256(R"({"aud":"urn:other"})"),
      [](VerifyOptions& o) { o.audience = {pattern("^urn:f")}; }, Errc::kClaimMismatch,
      "jwt audience invalid. expected: /^urn:f/", "aud"));
  c.push_back(make(
      "iss_mismatch", forge_hs256(R"({"iss":"x"})"), [](VerifyOptions& o) { o.issuer = {"foo"}; },
      Errc::kClaimMismatch, "jwt issuer invalid. expected: foo", "iss"));
  c.push_back(make(
      "iss_list_mismatch", forge_hs256("{}"),
      [](VerifyOptions& o) {
        o.issuer = {"foo", "bar"};
      },
      Errc::kClaimMismatch, "jwt issuer invalid. expected: foo,bar", "iss"));
  c.push_back(make(
      "sub_mismatch", forge_hs256(R"({"sub":"x"})"), [](VerifyOptions& o) { o.subject = "me"; },
      Errc::kClaimMismatch, "jwt subject invalid. expected: me", "sub"));
  c.push_back(make(
      "jti_mismatch", forge_hs256(R"({"jti":"x"})"), [](VerifyOptions& o) { o.jwtid = "id1"; },
      Errc::kClaimMismatch, "jwt jwtid invalid. expected: id1", "jti"));
  c.push_back(make(
      "nonce_mismatch", forge_hs256(R"({"nonce":"x"})"), [](VerifyOptions& o) { o.nonce = "n1"; },
      Errc::kClaimMismatch, "jwt nonce invalid. expected: n1", "nonce"));
  c.push_back(make(
      "nonce_option_blank", forge_hs256("{}"), [](VerifyOptions& o) { o.nonce = "  "; },
      Errc::kInvalidOption, "nonce must be a non-empty string", "nonce"));
  c.push_back(make(
      "max_age_no_iat", forge_hs256("{}"),
      [](VerifyOptions& o) { o.max_age = jot::Timespan::parse("1h").value(); }, Errc::kClaimMissing,
      "iat required when maxAge is specified", "iat"));
  c.push_back(make(
      "max_age_iat_string", forge_hs256(R"({"iat":"1"})"),
      [](VerifyOptions& o) { o.max_age = jot::Timespan::parse("1h").value(); }, Errc::kClaimInvalid,
      "iat required when maxAge is specified", "iat"));
  c.push_back(make(
      "max_age_infinite", forge_hs256(R"({"iat":1700000000})"),
      [](VerifyOptions& o) { o.max_age = std::chrono::duration<double>(INFINITY); },
      Errc::kInvalidOption,
      "\"maxAge\" should be a number of seconds or string representing a timespan "
      "eg: \"1d\", \"20h\", 60",
      "maxAge"));
  c.push_back(make(
      "max_age_exceeded", forge_hs256(R"({"iat":1699990000})"),
      [](VerifyOptions& o) { o.max_age = jot::Timespan::parse("1h").value(); }, Errc::kExpired,
      "maxAge exceeded", "iat"));
  c.push_back(make(
      "required_claim", forge_hs256(R"({"a":1})"),
      [](VerifyOptions& o) {
        o.required_claims = {"a", "sub"};
      },
      Errc::kClaimMissing, "jwt claim required but missing: sub"));
  c.push_back(make(
      "typ_mismatch", forge_hs256("{}"), [](VerifyOptions& o) { o.typ = "at+jwt"; },
      Errc::kClaimMismatch, "jwt typ invalid. expected: at+jwt", "typ"));
  c.push_back(make(
      "custom_check", forge_hs256(R"({"role":"user"})"),
      [](VerifyOptions& o) {
        o.checks.push_back([](const jot::VerifiedToken& t) -> jot::Result<void> {
          if (t.payload().get_string("role") == "admin") return {};
          return jot::Error(Errc::kClaimMismatch, "role must be admin");
        });
      },
      Errc::kClaimMismatch, "role must be admin"));
  c.push_back(make(
      "clock_tolerance_negative", forge_hs256("{}"),
      [](VerifyOptions& o) { o.clock_tolerance = -1; }, Errc::kInvalidOption, ""));

  // ---- which error wins ----
  c.push_back(make("order_structure_before_signature",
                   jot_test::b64(R"({"alg":"HS256"})") + "." + jot_test::b64("[]") + ".", kDefaults,
                   Errc::kMalformed, "", "payload"));
  c.push_back(
      make("order_payload_before_bad_signature",
           jot_test::forge(R"({"alg":"HS256"})", "[1]",
                           jot::Key::from_secret(jot_test::kSecret32).value(), Algorithm::kHS256),
           kDefaults, Errc::kMalformed, "invalid token: payload: JSON text is not an object",
           "payload"));
  c.push_back(make("order_payload_before_alg",
                   jot_test::forge(R"({"alg":"XX"})", "{\"a\":1,\"a\":2}", key, Algorithm::kHS256),
                   kDefaults, Errc::kMalformed,
                   "invalid token: payload: duplicate member name \"a\"", "payload"));
  c.push_back(
      make("order_header_before_payload",
           jot_test::forge("{\"alg\":\"HS256\",\"alg\":\"HS256\"}", "[]", key, Algorithm::kHS256),
           kDefaults, Errc::kMalformed, "", "header"));
  c.push_back(make(
      "order_signature_required_before_alg", jot_test::forge_unsigned(R"({"alg":"RS256"})", "{}"),
      [](VerifyOptions& o) { o.algorithms = {Algorithm::kHS512}; }, Errc::kInvalidSignature,
      "jwt signature is required"));
  c.push_back(make(
      "order_alg_before_signature",
      jot_test::forge(R"({"alg":"HS384"})", "{}",
                      jot::Key::from_secret(jot_test::kSecret32).value(), Algorithm::kHS256),
      [](VerifyOptions& o) { o.algorithms = {Algorithm::kHS256}; }, Errc::kAlgNotAllowed,
      "invalid algorithm"));
  c.push_back(
      make("order_signature_before_claims",
           jot_test::forge(R"({"alg":"HS256"})", R"({"exp":1})",
                           jot::Key::from_secret(jot_test::kSecret32).value(), Algorithm::kHS256),
           kDefaults, Errc::kInvalidSignature, "invalid signature"));
  c.push_back(make("order_crit_before_claims",
                   jot_test::forge(R"({"alg":"HS256","crit":["x"],"x":1})", R"({"exp":1})", key,
                                   Algorithm::kHS256),
                   kDefaults, Errc::kCritUnsupported, "", "crit"));
  c.push_back(make("order_nbf_before_exp", forge_hs256(R"({"nbf":1800000000,"exp":1})"), kDefaults,
                   Errc::kNotBefore, "jwt not active"));
  c.push_back(make(
      "order_exp_before_aud", forge_hs256(R"({"exp":1,"aud":"x"})"),
      [](VerifyOptions& o) { o.audience = {std::string("y")}; }, Errc::kExpired, "jwt expired"));
  c.push_back(make(
      "order_aud_before_iss", forge_hs256(R"({"aud":"x","iss":"x"})"),
      [](VerifyOptions& o) {
        o.audience = {std::string("y")};
        o.issuer = {"y"};
      },
      Errc::kClaimMismatch, "jwt audience invalid. expected: y"));
  c.push_back(make(
      "order_iss_before_sub", forge_hs256(R"({"iss":"x","sub":"x"})"),
      [](VerifyOptions& o) {
        o.issuer = {"y"};
        o.subject = "y";
      },
      Errc::kClaimMismatch, "jwt issuer invalid. expected: y"));
  c.push_back(make(
      "order_sub_before_jti", forge_hs256(R"({"sub":"x","jti":"x"})"),
      [](VerifyOptions& o) {
        o.subject = "y";
        o.jwtid = "y";
      },
      Errc::kClaimMismatch, "jwt subject invalid. expected: y"));
  c.push_back(make(
      "order_jti_before_nonce", forge_hs256(R"({"jti":"x","nonce":"x"})"),
      [](VerifyOptions& o) {
        o.jwtid = "y";
        o.nonce = "y";
      },
      Errc::kClaimMismatch, "jwt jwtid invalid. expected: y"));
  c.push_back(make(
      "order_nonce_before_max_age", forge_hs256(R"({"nonce":"x"})"),
      [](VerifyOptions& o) {
        o.nonce = "y";
        o.max_age = std::chrono::seconds(10);
      },
      Errc::kClaimMismatch, "jwt nonce invalid. expected: y"));
  c.push_back(make(
      "order_exp_before_max_age", forge_hs256(R"({"iat":1600000000,"exp":1600000001})"),
      [](VerifyOptions& o) { o.max_age = std::chrono::seconds(10); }, Errc::kExpired,
      "jwt expired"));
  c.push_back(make(
      "order_max_age_before_required", forge_hs256(R"({"iat":1600000000})"),
      [](VerifyOptions& o) {
        o.max_age = std::chrono::seconds(10);
        o.required_claims = {"sub"};
      },
      Errc::kExpired, "maxAge exceeded"));
  c.push_back(make(
      "order_required_before_typ", forge_hs256("{}"),
      [](VerifyOptions& o) {
        o.required_claims = {"sub"};
        o.typ = "x";
      },
      Errc::kClaimMissing, "jwt claim required but missing: sub"));
  c.push_back(make(
      "order_options_first", "", [](VerifyOptions& o) { o.nonce = ""; }, Errc::kInvalidOption,
      "nonce must be a non-empty string"));
  return c;
}

TEST(JwtVerify, MessagesAndOrder) {
  const jot::Key key = secret_key();
  int count = 0;
  for (const VerifyCase& c : cases()) {
    ++count;
    const auto result = jot::try_verify(c.token, key, c.options);
    ASSERT_FALSE(result) << c.name;
    EXPECT_EQ(result.error().code(), c.code) << c.name << ": " << result.error().message();
    if (!c.message.empty()) {
      EXPECT_EQ(result.error().message(), c.message) << c.name;
    }
    if (c.subject != nullptr) {
      EXPECT_EQ(result.error().subject(), c.subject) << c.name;
    }
  }
  EXPECT_GT(count, 40);
}

TEST(JwtVerify, ExpiredCarriesTheDate) {
  const auto result =
      jot::try_verify(forge_hs256(R"({"exp":1600000000.7})"), secret_key(), at_now());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().date(), 1600000000.7);
  try {
    (void)jot::verify(forge_hs256(R"({"exp":1600000000})"), secret_key(), at_now());
    FAIL() << "no exception";
  } catch (const jot::TokenExpiredError& e) {
    EXPECT_EQ(e.expired_at(), 1600000000.0);
    EXPECT_STREQ(e.what(), "jwt expired");
  }
}

TEST(JwtVerify, NotBeforeCarriesTheDate) {
  try {
    (void)jot::verify(forge_hs256(R"({"nbf":1800000000})"), secret_key(), at_now());
    FAIL() << "no exception";
  } catch (const jot::NotBeforeError& e) {
    EXPECT_EQ(e.date(), 1800000000.0);
    EXPECT_STREQ(e.what(), "jwt not active");
  }
}

TEST(JwtVerify, MaxAgeCarriesIatPlusMaxAge) {
  VerifyOptions options = at_now();
  options.max_age = jot::Timespan::parse("1h").value();
  try {
    (void)jot::verify(forge_hs256(R"({"iat":1600000000})"), secret_key(), options);
    FAIL() << "no exception";
  } catch (const jot::TokenExpiredError& e) {
    EXPECT_EQ(e.expired_at(), 1600003600.0);
    EXPECT_STREQ(e.what(), "maxAge exceeded");
  }
}

TEST(JwtVerify, OtherFailuresThrowJsonWebTokenError) {
  try {
    (void)jot::verify("a.b", secret_key());
    FAIL() << "no exception";
  } catch (const jot::TokenExpiredError&) {
    FAIL() << "wrong class";
  } catch (const jot::NotBeforeError&) {
    FAIL() << "wrong class";
  } catch (const jot::JsonWebTokenError& e) {
    EXPECT_EQ(e.code(), Errc::kMalformed);
    EXPECT_STREQ(e.what(), "jwt malformed");
  }
}

TEST(JwtVerify, SuccessReturnsHeaderPayloadAndSignature) {
  jot::SignOptions sign_options;
  sign_options.timestamp = kNow;
  sign_options.expires_in = jot::Timespan::parse("1h").value();
  sign_options.audience = {"api"};
  sign_options.issuer = "me";
  sign_options.subject = "u1";
  sign_options.jwtid = "j1";
  const std::string token = jot::sign(R"({"userId":123,"nonce":"n"})", secret_key(), sign_options);
  VerifyOptions options = at_now();
  options.audience = {std::string("api")};
  options.issuer = {"other", "me"};
  options.subject = "u1";
  options.jwtid = "j1";
  options.nonce = "n";
  options.max_age = jot::Timespan::parse("2h").value();
  options.required_claims = {"exp", "sub"};
  options.typ = "jwt";
  const auto verified = jot::try_verify(token, secret_key(), options);
  ASSERT_TRUE(verified) << verified.error().message();
  EXPECT_EQ(verified->header().get_string("alg"), "HS256");
  EXPECT_EQ(verified->payload().get_integer("userId"), 123);
  EXPECT_EQ(verified->signature(), token.substr(token.rfind('.') + 1));
  const jot::VerifiedToken thrown = jot::verify(token, secret_key(), options);
  EXPECT_EQ(thrown.payload().get_integer("exp"), kNow + 3600);
}

TEST(JwtVerify, AudienceMatching) {
  const struct {
    const char* payload;
    std::vector<jot::AudienceMatcher> expected;
    bool ok;
  } cases[] = {
      {R"({"aud":"a"})", {std::string("a")}, true},
      {R"({"aud":"a"})", {std::string("b"), std::string("a")}, true},
      {R"({"aud":["x","a"]})", {std::string("a")}, true},
      {R"({"aud":["x","y"]})", {std::string("a"), std::string("b")}, false},
      {R"({"aud":"urn:foo:1"})", {pattern("^urn:foo")}, true},
      {R"({"aud":["bar","urn:foo:1"]})", {pattern("foo:\\d")}, true},
      {R"({"aud":"urn:bar"})", {pattern("^urn:foo")}, false},
      {R"({"aud":"A"})", {std::string("a")}, false},
      {R"({"aud":[]})", {std::string("a")}, false},
      // A missing aud does not match a regex (jsonwebtoken's /undefined/ quirk is not kept).
      {"{}", {pattern("undefined")}, false},
  };
  for (const auto& c : cases) {
    VerifyOptions options = at_now();
    options.audience = c.expected;
    const auto result = jot::try_verify(forge_hs256(c.payload), secret_key(), options);
    EXPECT_EQ(result.has_value(), c.ok) << c.payload;
  }
}

TEST(JwtVerify, AudiencePatternsSearchAnywhereAndKeepTheirSource) {
  const struct {
    const char* source;
    const char* target;
    bool found;
  } cases[] = {
      {"foo", "xxfooxx", true}, {"^foo", "xxfoo", false}, {"^foo", "foobar", true},
      {"foo$", "xfoo", true},   {"foo$", "foox", false},  {"a|b", "xxb", true},
      {"^(a|b)$", "ab", false}, {"", "", true},           {"\\d{3}", "ab123", true},
      {"x\\n", "x\n", true},    {"[)]", ")", true},       {"a.c", "a\nc", false},
  };
  for (const auto& c : cases) {
    const auto compiled = jot::AudiencePattern::compile(c.source);
    ASSERT_TRUE(compiled) << c.source << ": " << compiled.error().message();
    EXPECT_EQ(compiled->source(), c.source);
    EXPECT_EQ(compiled->found_in(c.target), c.found) << c.source << " in " << c.target;
  }
  // Not an expression, or one that needs backtracking: refused when built, with the source.
  for (const char* bad : {"(", "a)|(b", "[z-a]", "(a)\\1"}) {
    const auto compiled = jot::AudiencePattern::compile(bad);
    ASSERT_FALSE(compiled) << bad;
    EXPECT_EQ(compiled.error().code(), Errc::kInvalidOption);
    EXPECT_NE(compiled.error().message().find(std::string("/") + bad + "/"), std::string::npos)
        << compiled.error().message();
  }
}

TEST(JwtVerify, AudiencePatternOnAHugeAudIsLinear) {
  // aud is attacker input and libstdc++'s backtracking matcher recurses once per character:
  // a 60 KiB aud (near the payload limit) must neither overflow the stack (run under ASan too)
  // nor take quadratic or exponential time, for patterns that backtrack badly.
  const std::string huge(60 * 1024, 'a');
  const std::string payload = R"({"aud":")" + huge + R"("})";
  VerifyOptions options = at_now();
  options.audience = {pattern("(a|aa)*b"), pattern("^(a+)+$x"), pattern(".*.*.*z"),
                      pattern("a{1,20}b")};
  const auto start = std::chrono::steady_clock::now();
  const auto result = jot::try_verify(forge_hs256(payload), secret_key(), options);
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kClaimMismatch);
  EXPECT_LT(took, std::chrono::seconds(20));  // linear: well under a second unloaded
  options.audience = {pattern("a$")};
  EXPECT_TRUE(jot::try_verify(forge_hs256(payload), secret_key(), options))
      << "the whole value is searched";
}

TEST(JwtVerify, IgnoreExpirationAndNotBefore) {
  VerifyOptions options = at_now();
  options.ignore_expiration = true;
  EXPECT_TRUE(jot::try_verify(forge_hs256(R"({"exp":1})"), secret_key(), options));
  options = at_now();
  options.ignore_not_before = true;
  EXPECT_TRUE(jot::try_verify(forge_hs256(R"({"nbf":1800000000})"), secret_key(), options));
  // Ignoring the comparison does not make a malformed claim acceptable.
  options.ignore_expiration = true;
  const auto bad = jot::try_verify(forge_hs256(R"({"exp":"x","nbf":"y"})"), secret_key(), options);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), Errc::kClaimInvalid);
}

TEST(JwtVerify, CustomChecksSeeTheVerifiedToken) {
  VerifyOptions options = at_now();
  int calls = 0;
  options.checks.push_back([&](const jot::VerifiedToken& t) -> jot::Result<void> {
    ++calls;
    EXPECT_EQ(t.header().get_string("typ"), "JWT");
    EXPECT_EQ(t.payload().get_integer("a"), 1);
    return {};
  });
  options.checks.push_back(nullptr);  // an empty function is skipped, not called
  EXPECT_TRUE(jot::try_verify(forge_hs256(R"({"a":1})"), secret_key(), options));
  EXPECT_EQ(calls, 1);
  // Not called when a built-in check fails first.
  EXPECT_FALSE(jot::try_verify(forge_hs256(R"({"exp":1})"), secret_key(), options));
  EXPECT_EQ(calls, 1);
}

TEST(JwtVerify, TypComparison) {
  const jot::Key key = secret_key();
  const struct {
    const char* header;
    const char* expected;
    bool ok;
  } cases[] = {
      {R"({"alg":"HS256","typ":"JWT"})", "JWT", true},
      {R"({"alg":"HS256","typ":"jwt"})", "JWT", true},
      {R"({"alg":"HS256","typ":"application/at+jwt"})", "at+jwt", true},
      {R"({"alg":"HS256","typ":"at+jwt"})", "Application/AT+JWT", true},
      {R"({"alg":"HS256","typ":"JWT"})", "at+jwt", false},
      {R"({"alg":"HS256"})", "JWT", false},
      {R"({"alg":"HS256","typ":1})", "JWT", false},
  };
  for (const auto& c : cases) {
    VerifyOptions options = at_now();
    options.typ = c.expected;
    const auto result =
        jot::try_verify(jot_test::forge(c.header, "{}", key, Algorithm::kHS256), key, options);
    EXPECT_EQ(result.has_value(), c.ok) << c.header << " vs " << c.expected;
  }
}

}  // namespace
