// Attacks through the header, the encoding, the claims and the keys. One named test per
// class; each asserts the precise rejection and, where relevant, the accepted neighbour.

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "security/attack_helpers.hpp"

namespace {

using jot::Algorithm;
using jot::Errc;
using jot_attack::attacker_key;
using jot_attack::b64;
using jot_attack::forge;
using jot_attack::hs256_key;
using jot_attack::kPayload;
using jot_attack::server_key;
using jot_attack::signature_only;
using jot_attack::signed_with;

// --- Key selection from the header --------------------------------------------------------

TEST(HeaderAttacks, EmbeddedJwkHeaderNeverSuppliesTheKey) {
  // CVE-2018-0114 class: the attacker embeds its own public key in "jwk" and signs with it.
  const std::string header = R"({"alg":"ES256","jwk":)" + attacker_key().public_jwk().value() + "}";
  const std::string token = signed_with(header, kPayload, attacker_key(), Algorithm::kES256);
  auto with_key = jot::try_verify(token, server_key(), signature_only());
  ASSERT_FALSE(with_key);
  EXPECT_EQ(with_key.error().code(), Errc::kInvalidSignature);
  auto with_set = jot::try_verify(token, jot::KeySet({server_key()}), signature_only());
  ASSERT_FALSE(with_set);
}

TEST(HeaderAttacks, JkuAndX5uAreNeverFetchedOrTrusted) {
  for (const char* member : {"jku", "x5u"}) {
    const std::string header = std::string(R"({"alg":"ES256","kid":"k1",")") + member +
                               R"(":"http://127.0.0.1:1/attacker.json"})";
    const std::string token = signed_with(header, kPayload, attacker_key(), Algorithm::kES256);
    auto result =
        jot::try_verify(token, jot::KeySet({server_key().with_kid("k1")}), signature_only());
    ASSERT_FALSE(result) << member;
    EXPECT_EQ(result.error().code(), Errc::kInvalidSignature) << member;
  }
}

TEST(HeaderAttacks, X5cCertificateChainIsNotTrusted) {
  const std::string header = R"({"alg":"ES256","x5c":["MIIBAAAA"]})";
  const std::string token = signed_with(header, kPayload, attacker_key(), Algorithm::kES256);
  EXPECT_FALSE(jot::try_verify(token, server_key(), signature_only()));
}

TEST(HeaderAttacks, KidInjectionOnlyMatchesKidsLiterally) {
  const jot::KeySet set(
      {server_key().with_kid("k1"), jot::Key::generate(Algorithm::kES256).value().with_kid("k2")});
  for (const char* kid : {"../../../../dev/null", "k1' OR '1'='1", "k1\\u0000", "*", "", "K1"}) {
    const std::string header = std::string(R"({"alg":"ES256","kid":")") + kid + R"("})";
    const std::string token = signed_with(header, kPayload, attacker_key(), Algorithm::kES256);
    auto result = jot::try_verify(token, set, signature_only());
    ASSERT_FALSE(result) << kid;
  }
  // An unknown kid is "no matching key", never a fallback to another key.
  const std::string header = R"({"alg":"ES256","kid":"nope"})";
  const std::string token = signed_with(header, kPayload, server_key(), Algorithm::kES256);
  auto result = jot::try_verify(token, set, signature_only());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kNoMatchingKey);
}

TEST(HeaderAttacks, SeveralCandidateKeysWithoutKidIsAnError) {
  const jot::KeySet set({server_key(), jot::Key::generate(Algorithm::kES256).value()});
  const std::string token =
      signed_with(R"({"alg":"ES256"})", kPayload, server_key(), Algorithm::kES256);
  auto result = jot::try_verify(token, set, signature_only());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kMultipleMatchingKeys);
}

TEST(HeaderAttacks, UnknownCriticalHeaderIsRejected) {
  const std::string header = R"({"alg":"HS256","crit":["exp-policy"],"exp-policy":1})";
  const std::string token = signed_with(header, kPayload, hs256_key(), Algorithm::kHS256);
  auto result = jot::try_verify(token, hs256_key(), signature_only());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kCritUnsupported);
  // Understood by the caller: accepted.
  jot::VerifyOptions options = signature_only();
  options.understood_crit = {"exp-policy"};
  EXPECT_TRUE(jot::try_verify(token, hs256_key(), options));
  // Malformed crit lists are rejected even when understood (RFC 7515 §4.1.11), and jot
  // refuses to sign them in the first place.
  const std::string secret(32, 's');
  const jot::Key key = jot::Key::from_secret(secret).value();
  for (const char* bad :
       {R"({"alg":"HS256","crit":[]})", R"({"alg":"HS256","crit":"b64"})",
        R"({"alg":"HS256","crit":["alg"]})", R"({"alg":"HS256","crit":["missing"]})"}) {
    const std::string t = jot_attack::hs256_forge(bad, kPayload, secret);
    jot::VerifyOptions o = signature_only();
    o.understood_crit = {"missing", "b64"};
    EXPECT_FALSE(jot::try_verify(t, key, o)) << bad;
    auto signed_jws = jot::jws::sign(bad, kPayload, key, Algorithm::kHS256);
    ASSERT_FALSE(signed_jws) << bad;
    EXPECT_EQ(signed_jws.error().code(), Errc::kInvalidOption) << bad;
    jot::SignOptions sign_options;
    sign_options.header_json =
        std::string(bad).substr(std::string(R"({"alg":"HS256",)").size() - 1);
    sign_options.header_json[0] = '{';
    auto signed_jwt = jot::try_sign(kPayload, key, sign_options);
    ASSERT_FALSE(signed_jwt) << sign_options.header_json;
    EXPECT_EQ(signed_jwt.error().code(), Errc::kInvalidOption) << bad;
  }
}

// --- JSON ----------------------------------------------------------------------------------

TEST(JsonAttacks, DuplicateHeaderMembersAreRejected) {
  // A parser that keeps the first "alg" and one that keeps the last disagree: reject.
  const std::string secret(32, 's');
  const jot::Key key = jot::Key::from_secret(secret).value();
  const std::string token =
      jot_attack::hs256_forge(R"({"alg":"HS256","alg":"none"})", kPayload, secret);
  // jot will not even produce such a header.
  EXPECT_FALSE(jot::jws::sign(R"({"alg":"HS256","alg":"none"})", kPayload, key, Algorithm::kHS256));
  auto result = jot::try_verify(token, key, signature_only());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kMalformed);
}

TEST(JsonAttacks, DuplicatePayloadClaimsAreRejected) {
  const std::string secret(32, 's');
  const jot::Key key = jot::Key::from_secret(secret).value();
  const std::string token = jot_attack::hs256_forge(
      R"({"alg":"HS256","typ":"JWT"})", R"({"sub":"alice","exp":1,"exp":99999999999})", secret);
  auto result = jot::try_verify(token, key, signature_only());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kMalformed);
}

TEST(JsonAttacks, DeeplyNestedPayloadIsRefusedWithinLimits) {
  std::string deep = R"({"a":)" + std::string(5000, '[') + std::string(5000, ']') + "}";
  const std::string token = signed_with(R"({"alg":"HS256"})", deep, hs256_key(), Algorithm::kHS256);
  auto result = jot::try_verify(token, hs256_key(), signature_only());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kLimitExceeded);
}

TEST(JsonAttacks, OversizedTokenIsRefusedBeforeAnyWork) {
  const std::string huge = "eyJhbGciOiJIUzI1NiJ9." + std::string(300 * 1024, 'A') + ".AAAA";
  auto result = jot::try_verify(huge, hs256_key(), signature_only());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kLimitExceeded);
}

TEST(JsonAttacks, InvalidUtf8InPayloadIsRejected) {
  const std::string payload = "{\"sub\":\"\xc3\x28\"}";
  const std::string token =
      signed_with(R"({"alg":"HS256"})", payload, hs256_key(), Algorithm::kHS256);
  EXPECT_FALSE(jot::try_verify(token, hs256_key(), signature_only()));
}

TEST(JsonAttacks, NonObjectPayloadIsNotAClaimSet) {
  for (const char* payload : {"123", "null", R"("str")", "[1,2]", "Payload"}) {
    const std::string token =
        signed_with(R"({"alg":"HS256"})", payload, hs256_key(), Algorithm::kHS256);
    EXPECT_FALSE(jot::try_verify(token, hs256_key(), signature_only())) << payload;
  }
}

// --- base64url -----------------------------------------------------------------------------

TEST(EncodingAttacks, NonCanonicalBase64urlIsRejected) {
  jot::SignOptions sign_options;
  sign_options.timestamp = 1700000000;
  const std::string token = jot::try_sign(kPayload, hs256_key(), sign_options).value();
  const auto last_dot = token.rfind('.');
  const std::string sig = token.substr(last_dot + 1);  // 43 chars: last one carries 2 spare bits
  std::string spare_bits = sig;
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const auto value = alphabet.find(spare_bits.back());
  spare_bits.back() = alphabet[value ^ 1];  // same 6-bit prefix, different unused bits
  for (const std::string& variant : {token.substr(0, last_dot + 1) + spare_bits, token + "=",
                                     token + " ", token.substr(0, last_dot + 1) + "\n" + sig}) {
    auto result = jot::try_verify(variant, hs256_key(), signature_only());
    ASSERT_FALSE(result) << variant;
  }
  // Standard-alphabet characters are not base64url.
  std::string plus = token;
  plus[plus.find('.') + 1] = '+';
  EXPECT_FALSE(jot::try_verify(plus, hs256_key(), signature_only()));
  EXPECT_TRUE(jot::try_verify(token, hs256_key(), signature_only()));
}

TEST(EncodingAttacks, ExtraOrMissingSegmentsAreMalformed) {
  for (const char* token : {"a.b", "a.b.c.d", "a.b.c.d.e", "..", ".", ""}) {
    EXPECT_FALSE(jot::try_verify(token, hs256_key(), signature_only())) << token;
  }
}

// --- Numeric claims ------------------------------------------------------------------------

TEST(ClaimAttacks, NumericTricksInExpAreInvalid) {
  for (const char* exp :
       {R"("99999999999")", "null", "true", "1e400", "-1e400", "[1]", R"({"$gt":0})", "1e300"}) {
    const std::string payload = std::string(R"({"sub":"alice","exp":)") + exp + "}";
    const std::string token =
        signed_with(R"({"alg":"HS256","typ":"JWT"})", payload, hs256_key(), Algorithm::kHS256);
    auto result = jot::try_verify(token, hs256_key(), signature_only());
    ASSERT_FALSE(result) << exp;
    EXPECT_NE(result.error().code(), Errc::kOk);
  }
  // A plain number in range is fine.
  const std::string ok =
      signed_with(R"({"alg":"HS256","typ":"JWT"})", R"({"sub":"alice","exp":1900000000})",
                  hs256_key(), Algorithm::kHS256);
  EXPECT_TRUE(jot::try_verify(ok, hs256_key(), signature_only()));
}

TEST(ClaimAttacks, NumericTricksInNbfAndIatAreInvalid) {
  for (const char* claim : {"nbf", "iat"}) {
    const std::string payload = std::string(R"({"sub":"alice",")") + claim + R"(":"0"})";
    const std::string token =
        signed_with(R"({"alg":"HS256","typ":"JWT"})", payload, hs256_key(), Algorithm::kHS256);
    jot::VerifyOptions options = signature_only();
    options.max_age = std::chrono::seconds(3600);
    EXPECT_FALSE(jot::try_verify(token, hs256_key(), options)) << claim;
  }
}

TEST(ClaimAttacks, UnexpectedAudienceIsRejected) {  // RFC 7519 §4.1.3
  const std::string token =
      signed_with(R"({"alg":"HS256","typ":"JWT"})", R"({"sub":"alice","aud":"other-service"})",
                  hs256_key(), Algorithm::kHS256);
  auto result = jot::try_verify(token, hs256_key(), signature_only());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kClaimMismatch);
  jot::VerifyOptions options = signature_only();
  options.audience = {std::string("other-service")};
  EXPECT_TRUE(jot::try_verify(token, hs256_key(), options));
}

TEST(ClaimAttacks, AudienceOfTheWrongTypeIsInvalid) {
  for (const char* aud : {"5", R"([1,"svc"])", R"({"a":"svc"})", "null"}) {
    const std::string payload = std::string(R"({"aud":)") + aud + "}";
    const std::string token =
        signed_with(R"({"alg":"HS256","typ":"JWT"})", payload, hs256_key(), Algorithm::kHS256);
    jot::VerifyOptions options = signature_only();
    options.audience = {std::string("svc")};
    EXPECT_FALSE(jot::try_verify(token, hs256_key(), options)) << aud;
  }
}

// --- Keys ------------------------------------------------------------------------------------

TEST(KeyAttacks, InvalidCurvePointIsRefused) {
  // A P-256 JWK whose point is not on the curve (y changed): the invalid-curve attack.
  auto jwk = jot::JsonObject::parse(server_key().public_jwk().value()).value();
  std::string y(jwk.get_string("y").value());
  y[5] = y[5] == 'A' ? 'B' : 'A';
  const std::string bad = R"({"kty":"EC","crv":"P-256","x":")" +
                          std::string(jwk.get_string("x").value()) + R"(","y":")" + y + R"("})";
  auto key = jot::Key::from_jwk(bad);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code(), Errc::kKeyParse);
}

TEST(KeyAttacks, SmallOrderEd25519PublicKeyIsRefused) {
  // The identity point (0, 1) encodes as 0x01 followed by 31 zero bytes.
  std::string identity(32, '\0');
  identity[0] = '\x01';
  auto key = jot::Key::from_jwk(R"({"kty":"OKP","crv":"Ed25519","x":")" + b64(identity) + R"("})");
  ASSERT_FALSE(key);
  // The all-zero encoding is a point of order 4.
  auto zero = jot::Key::from_jwk(R"({"kty":"OKP","crv":"Ed25519","x":")" +
                                 b64(std::string(32, '\0')) + R"("})");
  ASSERT_FALSE(zero);
}

TEST(KeyAttacks, ShortHmacSecretsNeedTheExplicitOptIn) {
  auto weak = jot::Key::from_secret("mysecret").value();
  auto signed_token = jot::try_sign(kPayload, weak);
  ASSERT_FALSE(signed_token);
  EXPECT_EQ(signed_token.error().code(), Errc::kWeakKey);
  EXPECT_NE(signed_token.error().message().find("insecure_allow_weak_secret"), std::string::npos);
  jot::KeyOptions opt_in;
  opt_in.insecure_allow_weak_secret = true;
  auto allowed = jot::Key::from_secret("mysecret", opt_in).value();
  EXPECT_TRUE(jot::try_sign(kPayload, allowed));
}

}  // namespace
