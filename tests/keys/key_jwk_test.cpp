// JWK import and export against the RFC examples (RFC 7515 App. A, RFC 7519, RFC 7520 §3-4,
// RFC 8037, RFC 7638), read in place from ../shared/vectors/rfc, and the JWK error cases.

#include <gtest/gtest.h>

#include <string>

#include "jot/base64url.hpp"
#include "jot/key.hpp"
#include "jot/raw_signature.hpp"
#include "key_test_util.hpp"
#include "support/vectors.hpp"
#include "test_keys.hpp"

namespace {

namespace json = boost::json;
using jot::Algorithm;
using jot::Errc;
using jot::Key;
using jot::KeyType;
using jot_key_test::jwk_with;
using jot_key_test::must;
using jot_key_test::thumb;
namespace tk = jot_test_keys;

std::string text(const json::value& v) {
  return json::serialize(v);
}

// Loads every RFC vector with a key and checks: the private and public JWKs import; the
// key type is the JWK's; the public key verifies the RFC's token; deterministic algorithms
// re-sign to the exact RFC signature; the export gives back the RFC's members.
TEST(KeyJwkRfc, EveryRfcKeyImportsVerifiesAndExports) {
  int ran = 0;
  for (const char* file :
       {"vectors/rfc/rfc7515.json", "vectors/rfc/rfc7519.json", "vectors/rfc/rfc7520.json",
        "vectors/rfc/rfc8037.json", "vectors/rfc/rfc7638.json"}) {
    const json::value vectors = jot_test::load_json(file);
    for (const json::value& vector : vectors.as_array()) {
      const json::object& v = vector.as_object();
      if (v.at("key_jwk").is_null()) continue;  // alg "none" examples have no key
      SCOPED_TRACE(std::string(file) + " " + std::string(v.at("section").as_string()));
      ++ran;
      const json::object& key_jwk = v.at("key_jwk").as_object();
      const Key key = must(Key::from_jwk(text(key_jwk)), "key_jwk");
      const Key pub = must(Key::from_jwk(text(v.at("public_jwk"))), "public_jwk");
      const std::string kty(key_jwk.at("kty").as_string());
      EXPECT_EQ(jot::to_string(key.type()), kty == "RSA" ? "RSA" : kty);
      EXPECT_EQ(key.has_private(), key_jwk.contains("d") || key_jwk.contains("k"));
      EXPECT_EQ(thumb(key), thumb(pub));
      if (const json::value* kid = key_jwk.if_contains("kid")) {
        EXPECT_EQ(key.kid(), kid->as_string());
      }

      // The export reproduces every key member of the RFC's JWK exactly.
      const json::object exported =
          jot_key_test::json_object(must(key.has_private() ? key.private_jwk() : key.public_jwk()));
      for (const char* member :
           {"kty", "crv", "n", "e", "d", "p", "q", "dp", "dq", "qi", "x", "y", "k", "kid", "alg"}) {
        if (const json::value* expected = key_jwk.if_contains(member)) {
          ASSERT_TRUE(exported.contains(member)) << member;
          EXPECT_EQ(exported.at(member), *expected) << member;
        }
      }

      if (v.at("token").is_null()) continue;
      const std::string token(v.at("token").as_string());
      const Algorithm alg = *jot::algorithm_from_string(v.at("alg").as_string());
      const std::size_t dot = token.rfind('.');
      const std::string input = token.substr(0, dot);
      const std::string signature = jot_key_test::unb64(token.substr(dot + 1));
      const Key& verifier = key.type() == KeyType::kSecret ? key : pub;
      ASSERT_TRUE(verifier.check_verify(alg)) << verifier.check_verify(alg).error().message();
      EXPECT_EQ(jot::verify_raw(alg, verifier, input, signature),
                v.at("expect").as_string() == "valid");
      if (const json::value* det = v.if_contains("deterministic_resign_matches");
          det != nullptr && det->is_bool() && det->as_bool()) {
        ASSERT_TRUE(key.check_sign(alg));
        std::string resigned;
        ASSERT_TRUE(jot::sign_raw(alg, key, input, resigned));
        EXPECT_EQ(resigned, signature);
      }
    }
  }
  EXPECT_GE(ran, 10);
  std::printf("[ RFC JWK  ] %d RFC key vectors imported, verified and exported\n", ran);
}

TEST(KeyJwkRfc, Rfc7638Thumbprints) {
  int ran = 0;
  const json::value rfc7638 = jot_test::load_json("vectors/rfc/rfc7638.json");
  for (const json::value& vector : rfc7638.as_array()) {
    const json::object& v = vector.as_object();
    const Key key = must(Key::from_jwk(text(v.at("key_jwk"))));
    EXPECT_EQ(thumb(key), v.at("expect").at("jwk_thumbprint_sha256").as_string());
    ++ran;
  }
  const json::value rfc8037 = jot_test::load_json("vectors/rfc/rfc8037.json");
  for (const json::value& vector : rfc8037.as_array()) {
    const json::object& v = vector.as_object();
    if (!v.contains("jwk_thumbprint_sha256")) continue;
    const Key key = must(Key::from_jwk(text(v.at("key_jwk"))));
    const Key pub = must(Key::from_jwk(text(v.at("public_jwk"))));
    EXPECT_EQ(thumb(key), v.at("jwk_thumbprint_sha256").as_string());
    EXPECT_EQ(thumb(pub), v.at("jwk_thumbprint_sha256").as_string());
    ++ran;
  }
  EXPECT_EQ(ran, 3);
  std::printf("[ RFC 7638 ] %d thumbprints ran, all compared exactly\n", ran);
}

TEST(KeyJwkRfc, OctThumbprintUsesKAndKty) {
  // RFC 7638 §3.2 for "oct": {"k":...,"kty":"oct"}; the value is computed independently with
  // OpenSSL's one-shot SHA-256 here.
  const Key key = must(Key::from_secret("0123456789abcdef0123456789abcdef"));
  const std::string input =
      "{\"k\":\"" + jot_key_test::b64("0123456789abcdef0123456789abcdef") + "\",\"kty\":\"oct\"}";
  unsigned char digest[32];
  std::size_t len = 0;
  ASSERT_EQ(EVP_Q_digest(nullptr, "SHA256", nullptr, input.data(), input.size(), digest, &len), 1);
  EXPECT_EQ(thumb(key), jot_key_test::b64(std::string_view(reinterpret_cast<char*>(digest), len)));
  // The kid does not change the thumbprint.
  EXPECT_EQ(thumb(key.with_kid("x")), thumb(key));
}

json::object rsa_private_jwk() {
  return jot_key_test::json_object(must(must(Key::from_pem(tk::kRsa2048Pkcs1)).private_jwk()));
}

void expect_parse_error(const std::string& jwk, Errc code, std::string_view message) {
  const auto result = Key::from_jwk(jwk);
  ASSERT_FALSE(result) << jwk;
  EXPECT_EQ(result.error().code(), code);
  EXPECT_EQ(result.error().message(), message);
}

TEST(KeyJwk, MembersAreNamedInErrors) {
  const std::string rsa = text(rsa_private_jwk());
  expect_parse_error(jwk_with(rsa, "n", nullptr), Errc::kKeyParse, "JWK member \"n\" is missing");
  expect_parse_error(jwk_with(rsa, "n", "ab+/"), Errc::kKeyParse,
                     "JWK member \"n\" is not valid base64url");
  expect_parse_error(jwk_with(rsa, "e", "AQAB="), Errc::kKeyParse,
                     "JWK member \"e\" is not valid base64url");
  expect_parse_error(jwk_with(rsa, "e", 65537), Errc::kKeyParse,
                     "JWK member \"e\" must be a string");
  expect_parse_error(jwk_with(rsa, "kid", 7), Errc::kKeyParse,
                     "JWK member \"kid\" must be a string");
  expect_parse_error(jwk_with(rsa, "kty", nullptr), Errc::kKeyParse,
                     "JWK member \"kty\" is missing");
  expect_parse_error(jwk_with(rsa, "dq", nullptr), Errc::kKeyParse,
                     "RSA JWK has some CRT members but not \"dq\": give p, q, dp, dq and qi, or "
                     "none of them");
  expect_parse_error(jwk_with(rsa, "oth", json::array{}), Errc::kUnsupported,
                     "multi-prime RSA JWK (\"oth\") is not supported");
  expect_parse_error(jwk_with(rsa, "kty", "RSA2"), Errc::kUnsupported,
                     "JWK \"kty\" \"RSA2\" is not supported (jot reads oct, RSA, EC and OKP)");
  expect_parse_error(jwk_with(rsa, "alg", "RSA-OAEQ"), Errc::kUnsupported,
                     "JWK \"alg\" \"RSA-OAEQ\" is neither a JWS signature algorithm nor a JWE "
                     "key-management algorithm");
  // A JWE algorithm binds the key to it: it then neither signs nor verifies.
  const Key oaep = must(Key::from_jwk(jwk_with(rsa, "alg", "RSA-OAEP")));
  EXPECT_EQ(oaep.bound_key_management(), jot::KeyManagement::kRsaOaep);
  EXPECT_TRUE(oaep.compatible_algorithms().empty());
  EXPECT_EQ(oaep.check_sign(jot::Algorithm::kRS256).error().code(), Errc::kKeyMismatch);
  expect_parse_error(jwk_with(rsa, "alg", "A256KW"), Errc::kKeyMismatch,
                     "the JWK's \"alg\" does not fit its key: A256KW needs a symmetric key");
  expect_parse_error(jwk_with(rsa, "key_ops", "sign"), Errc::kKeyParse,
                     "JWK member \"key_ops\" must be an array");

  const std::string ec = must(must(Key::from_pem(tk::kP256Spki)).public_jwk());
  expect_parse_error(jwk_with(ec, "crv", "P-192"), Errc::kUnsupported,
                     "JWK \"crv\" \"P-192\" is not supported for EC (jot reads P-256, P-384, "
                     "P-521 and secp256k1)");
  expect_parse_error(jwk_with(ec, "crv", "P-384"), Errc::kKeyParse,
                     "JWK member \"x\" must be 48 bytes for P-384, not 32");
  expect_parse_error(jwk_with(ec, "y", nullptr), Errc::kKeyParse, "JWK member \"y\" is missing");

  expect_parse_error(
      "{\"kty\":\"OKP\",\"crv\":\"Ed1\",\"x\":\"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo\"}",
      Errc::kUnsupported,
      "JWK \"crv\" \"Ed1\" is not supported for OKP (jot reads Ed25519, Ed448, X25519 and X448)");
  expect_parse_error("{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"AAAA\"}", Errc::kKeyParse,
                     "JWK member \"x\" must be 32 bytes for X25519, not 3");
  expect_parse_error("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAA\"}", Errc::kKeyParse,
                     "JWK member \"x\" must be 32 bytes for Ed25519, not 3");
  expect_parse_error("{\"kty\":\"oct\"}", Errc::kKeyParse, "JWK member \"k\" is missing");
  expect_parse_error("{\"keys\":[]}", Errc::kKeyParse,
                     "this is a JWK Set, not a JWK: use KeySet::from_jwks");
  const auto not_json = Key::from_jwk("{\"kty\":");
  ASSERT_FALSE(not_json);
  EXPECT_EQ(not_json.error().code(), Errc::kKeyParse);
  const auto duplicate = Key::from_jwk("{\"kty\":\"oct\",\"k\":\"AAAA\",\"k\":\"BBBB\"}");
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code(), Errc::kKeyParse);
}

TEST(KeyJwk, RsaPrivateWithOnlyNED) {
  json::object jwk = rsa_private_jwk();
  for (const char* member : {"p", "q", "dp", "dq", "qi"}) jwk.erase(member);
  const Key key = must(Key::from_jwk(text(jwk)));
  EXPECT_TRUE(key.has_private());
  ASSERT_TRUE(key.check_sign(Algorithm::kRS256));
  // It really signs: the signature verifies with the public key from another format.
  std::string signature;
  ASSERT_TRUE(jot::sign_raw(Algorithm::kRS256, key, "payload", signature));
  const Key pub = must(Key::from_pem(tk::kRsa2048Spki));
  EXPECT_TRUE(jot::verify_raw(Algorithm::kRS256, pub, "payload", signature));
  // Its export carries n, e, d and nothing invented.
  const json::object exported = jot_key_test::json_object(must(key.private_jwk()));
  EXPECT_TRUE(exported.contains("d"));
  EXPECT_FALSE(exported.contains("p"));
}

TEST(KeyJwk, InconsistentRsaPrivateKeysAreRefused) {
  const json::object good = rsa_private_jwk();
  // Swap in another key's CRT values / exponent.
  const json::object other =
      jot_key_test::json_object(must(must(Key::from_pem(tk::kRsaE3)).private_jwk()));
  for (const char* member : {"d", "p", "dp", "dq", "qi"}) {
    json::object bad = good;
    bad[member] = other.at(member);
    const auto result = Key::from_jwk(text(bad));
    ASSERT_FALSE(result) << member;
    EXPECT_EQ(result.error().code(), Errc::kKeyParse) << member;
    EXPECT_EQ(result.error().message().rfind("RSA private key is inconsistent: ", 0), 0u)
        << result.error().message();
  }
}

TEST(KeyJwk, InconsistentRsaPrivateKeyWithoutCrt) {
  json::object bad = rsa_private_jwk();
  for (const char* member : {"p", "q", "dp", "dq", "qi"}) bad.erase(member);
  bad["d"] = jot_key_test::json_object(must(must(Key::from_pem(tk::kRsaE3)).private_jwk())).at("d");
  expect_parse_error(text(bad), Errc::kKeyParse,
                     "RSA private key is inconsistent: d is not the inverse of e");
}

TEST(KeyJwk, MismatchedPrivateAndPublicParts) {
  const json::object p256 =
      jot_key_test::json_object(must(must(Key::from_pem(tk::kP256Sec1WithParams)).private_jwk()));
  json::object other =
      jot_key_test::json_object(must(must(Key::generate(Algorithm::kES256)).private_jwk()));
  other["x"] = p256.at("x");
  other["y"] = p256.at("y");
  const auto ec = Key::from_jwk(text(other));
  ASSERT_FALSE(ec);
  EXPECT_EQ(ec.error().code(), Errc::kKeyParse);

  json::object ed =
      jot_key_test::json_object(must(must(Key::from_pem(tk::kEd25519Pkcs8)).private_jwk()));
  ed["x"] =
      jot_key_test::json_object(must(must(Key::generate(Algorithm::kEdDSA)).public_jwk())).at("x");
  expect_parse_error(text(ed), Errc::kKeyParse, "OKP JWK \"x\" is not the public key of its \"d\"");
}

}  // namespace
