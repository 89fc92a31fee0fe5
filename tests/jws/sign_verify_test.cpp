// jws::sign and jws::verify: round trips for every algorithm family, and the JWS-level
// checks in order (structure, base64url, header JSON, signature presence, alg, binding,
// signature, crit).

#include <gtest/gtest.h>

#include <string>

#include "jot/base64url.hpp"
#include "jot/jws.hpp"
#include "jws/forge.hpp"

namespace {

using jot::Algorithm;
using jot::Errc;
using jot::Key;
namespace jws = jot::jws;

Key secret() {
  return Key::from_secret(jot_test::kSecret64).value();
}

std::string header_for(Algorithm alg) {
  return std::string(R"({"alg":")") + std::string(jot::to_string(alg)) + R"("})";
}

class JwsRoundTrip : public ::testing::TestWithParam<Algorithm> {};

TEST_P(JwsRoundTrip, SignThenVerify) {
  const Algorithm alg = GetParam();
  const Key key =
      jot::family_of(alg) == jot::AlgorithmFamily::kHmac ? secret() : Key::generate(alg).value();
  const std::string payload = "any bytes \x01\x02, not JSON";
  const auto token = jws::sign(header_for(alg), payload, key, alg);
  ASSERT_TRUE(token) << token.error().message();
  const auto verified = jws::verify(*token, key);
  ASSERT_TRUE(verified) << verified.error().message();
  EXPECT_EQ(verified->payload, payload);
  EXPECT_EQ(verified->alg, alg);
  EXPECT_EQ(verified->header.get_string("alg").value(), jot::to_string(alg));

  // Flipping one payload character breaks the signature.
  std::string tampered = *token;
  const auto dot = tampered.find('.');
  tampered[dot + 1] = tampered[dot + 1] == 'A' ? 'B' : 'A';
  const auto rejected = jws::verify(tampered, key);
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.error().code(), Errc::kInvalidSignature);
  EXPECT_EQ(rejected.error().message(), "invalid signature");
}

INSTANTIATE_TEST_SUITE_P(AllAlgorithms, JwsRoundTrip,
                         ::testing::Values(Algorithm::kHS256, Algorithm::kHS384, Algorithm::kHS512,
                                           Algorithm::kRS256, Algorithm::kPS384, Algorithm::kES256,
                                           Algorithm::kES384, Algorithm::kES512, Algorithm::kES256K,
                                           Algorithm::kEdDSA),
                         [](const auto& param_info) {
                           return std::string(jot::to_string(param_info.param));
                         });

TEST(JwsSign, HeaderIsUsedByteForByte) {
  const std::string header = "{\"alg\":\"HS256\",\r\n \"x\":1}";
  const auto token = jws::sign(header, "p", secret(), Algorithm::kHS256);
  ASSERT_TRUE(token);
  EXPECT_EQ(token->substr(0, token->find('.')), jot::base64url::encode(header));
}

TEST(JwsSign, HeaderMustNameTheAlgorithm) {
  const struct {
    const char* header;
    Errc code;
  } cases[] = {
      {R"({"alg":"HS384"})", Errc::kInvalidOption},
      {R"({"typ":"JWT"})", Errc::kInvalidOption},
      {R"({"alg":1})", Errc::kInvalidOption},
      {R"(["alg","HS256"])", Errc::kInvalidOption},
      {R"({"alg":"HS256")", Errc::kInvalidOption},
      {R"({"alg":"HS256","alg":"HS256"})", Errc::kInvalidOption},
  };
  for (const auto& c : cases) {
    const auto token = jws::sign(c.header, "p", secret(), Algorithm::kHS256);
    ASSERT_FALSE(token) << c.header;
    EXPECT_EQ(token.error().code(), c.code) << c.header;
  }
}

TEST(JwsSign, NoneIsRefused) {
  const auto token = jws::sign(R"({"alg":"none"})", "p", secret(), Algorithm::kNone);
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().code(), Errc::kAlgNotAllowed);
}

TEST(JwsSign, KeyBindingIsChecked) {
  const Key ec = Key::generate(Algorithm::kES256).value();
  // An EC key cannot make an HMAC, and a P-256 key cannot sign ES384.
  for (const Algorithm alg : {Algorithm::kHS256, Algorithm::kES384, Algorithm::kRS256}) {
    const auto token = jws::sign(header_for(alg), "p", ec, alg);
    ASSERT_FALSE(token) << jot::to_string(alg);
    EXPECT_EQ(token.error().code(), Errc::kKeyMismatch) << jot::to_string(alg);
  }
  // A public key cannot sign.
  const Key pub = Key::from_pem(ec.public_pem().value()).value();
  const auto token = jws::sign(header_for(Algorithm::kES256), "p", pub, Algorithm::kES256);
  ASSERT_FALSE(token);
}

TEST(JwsVerify, EmptyPayloadIsAllowed) {
  const auto token = jws::sign(header_for(Algorithm::kHS256), "", secret(), Algorithm::kHS256);
  ASSERT_TRUE(token);
  const auto verified = jws::verify(*token, secret());
  ASSERT_TRUE(verified) << verified.error().message();
  EXPECT_EQ(verified->payload, "");
}

struct Rejection {
  const char* name;
  std::string token;
  Errc code;
  std::string message;  // exact message, or "" to skip
};

std::vector<Rejection> structural_rejections() {
  const Key key = secret();
  const std::string good = jot_test::forge(R"({"alg":"HS256"})", "p", key, Algorithm::kHS256);
  const auto seg = jws::split(good).value();
  const std::string h(seg.header), p(seg.payload), s(seg.signature);
  return {
      {"empty", "", Errc::kMalformed, "jwt must be provided"},
      {"one_segment", h, Errc::kMalformed, "jwt malformed"},
      {"two_segments", h + "." + p, Errc::kMalformed, "jwt malformed"},
      {"four_segments", good + ".x", Errc::kMalformed, "jwt malformed"},
      {"empty_header", "." + p + "." + s, Errc::kMalformed,
       "invalid token: header is not valid base64url"},
      {"padding_in_header", h + "=." + p + "." + s, Errc::kMalformed,
       "invalid token: header is not valid base64url"},
      {"plus_in_payload", h + "." + p + "+." + s, Errc::kMalformed,
       "invalid token: payload is not valid base64url"},
      {"space_in_signature", h + "." + p + "." + s.substr(0, 4) + " " + s.substr(4),
       Errc::kMalformed, "invalid token: signature is not valid base64url"},
      {"header_not_json", jot_test::b64("alg") + "." + p + "." + s, Errc::kMalformed, ""},
      {"header_array", jot_test::b64(R"(["HS256"])") + "." + p + "." + s, Errc::kMalformed, ""},
      {"missing_signature", h + "." + p + ".", Errc::kInvalidSignature,
       "jwt signature is required"},
      {"no_alg", jot_test::forge(R"({"typ":"JWT"})", "p", key, Algorithm::kHS256),
       Errc::kAlgNotAllowed, "invalid algorithm"},
      {"alg_wrong_case", jot_test::forge(R"({"alg":"hs256"})", "p", key, Algorithm::kHS256),
       Errc::kAlgNotAllowed, "invalid algorithm"},
      {"alg_not_string", jot_test::forge(R"({"alg":256})", "p", key, Algorithm::kHS256),
       Errc::kAlgNotAllowed, "invalid algorithm"},
      {"alg_unknown", jot_test::forge(R"({"alg":"HS1024"})", "p", key, Algorithm::kHS256),
       Errc::kAlgNotAllowed, "invalid algorithm"},
      {"alg_none_with_signature", jot_test::b64(R"({"alg":"none"})") + "." + p + "." + s,
       Errc::kAlgNotAllowed, "invalid algorithm"},
      {"alg_none_unsigned", jot_test::forge_unsigned(R"({"alg":"none"})", "p"),
       Errc::kInvalidSignature, "jwt signature is required"},
      {"rs256_with_secret", jot_test::forge(R"({"alg":"RS256"})", "p", key, Algorithm::kHS256),
       Errc::kAlgNotAllowed, "invalid algorithm"},
      {"modified_signature", h + "." + p + "." + (s[0] == 'A' ? "B" : "A") + s.substr(1),
       Errc::kInvalidSignature, "invalid signature"},
  };
}

TEST(JwsVerify, StructuralRejections) {
  const Key key = secret();
  for (const Rejection& r : structural_rejections()) {
    const auto result = jws::verify(r.token, key);
    ASSERT_FALSE(result) << r.name;
    EXPECT_EQ(result.error().code(), r.code) << r.name << ": " << result.error().message();
    if (!r.message.empty()) {
      EXPECT_EQ(result.error().message(), r.message) << r.name;
    }
  }
}

TEST(JwsVerify, TokenSizeLimit) {
  const auto token =
      jws::sign(header_for(Algorithm::kHS256), std::string(3000, 'x'), secret(), Algorithm::kHS256)
          .value();
  jws::VerifyOptions options;
  options.max_token_bytes = token.size() - 1;
  const auto result = jws::verify(token, secret(), options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kLimitExceeded);
  options.max_token_bytes = token.size();
  EXPECT_TRUE(jws::verify(token, secret(), options));
}

TEST(JwsVerify, DuplicateHeaderMembersAreRejectedUnlessAllowed) {
  const Key key = secret();
  const std::string token =
      jot_test::forge(R"({"alg":"HS256","kid":"a","kid":"b"})", "p", key, Algorithm::kHS256);
  const auto strict = jws::verify(token, key);
  ASSERT_FALSE(strict);
  EXPECT_EQ(strict.error().code(), Errc::kMalformed);
  EXPECT_EQ(strict.error().subject(), "header");
  jws::VerifyOptions lax;
  lax.limits.allow_duplicate_members = true;
  EXPECT_TRUE(jws::verify(token, key, lax));
}

TEST(JwsVerify, HeaderMustBeUtf8) {
  const Key key = secret();
  const std::string token =
      jot_test::forge("{\"alg\":\"HS256\",\"x\":\"\xff\"}", "p", key, Algorithm::kHS256);
  const auto result = jws::verify(token, key);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kMalformed);
}

TEST(JwsVerify, AllowList) {
  const Key key = secret();
  const std::string token =
      jws::sign(header_for(Algorithm::kHS384), "p", key, Algorithm::kHS384).value();
  jws::VerifyOptions options;
  options.algorithms = {Algorithm::kHS256, Algorithm::kHS512};
  const auto refused = jws::verify(token, key, options);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message(), "invalid algorithm");
  options.algorithms = {Algorithm::kHS384};
  EXPECT_TRUE(jws::verify(token, key, options));
}

TEST(JwsVerify, AllowListCannotOverrideTheKeyBinding) {
  // RS256 is allowed explicitly, but the key is a secret: the binding refuses before any
  // HMAC over the "public key" is computed (the classic alg-confusion attack).
  const Key key = secret();
  const std::string token = jot_test::forge(R"({"alg":"RS256"})", "p", key, Algorithm::kHS256);
  jws::VerifyOptions options;
  options.algorithms = {Algorithm::kRS256, Algorithm::kHS256};
  const auto result = jws::verify(token, key, options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kKeyMismatch);
}

TEST(JwsVerify, EmbeddedJwkIsIgnored) {
  // The attacker signs with their own key and embeds it: jot verifies with the caller's key.
  const Key attacker = Key::generate(Algorithm::kES256).value();
  const Key victim = Key::generate(Algorithm::kES256).value();
  const std::string jwk = attacker.public_jwk().value();
  const std::string header = R"({"alg":"ES256","jwk":)" + jwk + R"(,"jku":"https://evil/"})";
  const std::string token = jws::sign(header, "p", attacker, Algorithm::kES256).value();
  EXPECT_TRUE(jws::verify(token, attacker));
  const auto result = jws::verify(token, victim);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message(), "invalid signature");
}

TEST(JwsVerify, ErrorPrecedence) {
  const Key key = secret();
  // Bad base64url in the payload wins over a missing signature.
  const auto a = jws::verify(jot_test::b64(R"({"alg":"HS256"})") + ".a+b.", key);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().message(), "invalid token: payload is not valid base64url");
  // A missing signature wins over an unknown alg.
  const auto b = jws::verify(jot_test::forge_unsigned(R"({"alg":"XX"})", "p"), key);
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().message(), "jwt signature is required");
  // The signature is checked before crit: a bad signature with a bad crit is "invalid
  // signature".
  std::string bad_crit =
      jot_test::forge(R"({"alg":"HS256","crit":["x"],"x":1})", "p", key, Algorithm::kHS256);
  bad_crit.back() = bad_crit.back() == 'A' ? 'Q' : 'A';
  const auto c = jws::verify(bad_crit, key);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code(), Errc::kInvalidSignature);
}

}  // namespace
