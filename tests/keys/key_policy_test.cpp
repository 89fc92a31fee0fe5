// The key ⇄ algorithm binding and the key policy (Key::check_sign / check_verify), and
// Key::from_secret's refusal of key material: one test per rule, with the exact messages.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "jot/key.hpp"
#include "key_test_util.hpp"
#include "support/key_internals.hpp"
#include "test_keys.hpp"

namespace {

using jot::Algorithm;
using jot::Errc;
using jot::Key;
using jot::KeyOptions;
using jot_key_test::must;
namespace tk = jot_test_keys;

void expect_error(const jot::Result<void>& result, Errc code, std::string_view message) {
  ASSERT_FALSE(result) << "expected: " << message;
  EXPECT_EQ(result.error().code(), code);
  EXPECT_EQ(result.error().message(), message);
}

KeyOptions weak_ok() {
  KeyOptions options;
  options.insecure_allow_weak_secret = true;
  return options;
}

KeyOptions small_rsa_ok() {
  KeyOptions options;
  options.insecure_allow_small_rsa = true;
  return options;
}

TEST(KeyPolicy, SeedSecretNeedsTheOptIn) {
  const Key key = must(Key::from_secret("mysecret"));
  EXPECT_EQ(key.bits(), 64);
  const char* message =
      "HMAC secret is 8 bytes but HS256 requires at least 32 (RFC 7518 §3.2); pass "
      "KeyOptions::insecure_allow_weak_secret to accept it";
  expect_error(key.check_sign(Algorithm::kHS256), Errc::kWeakKey, message);
  expect_error(key.check_verify(Algorithm::kHS256), Errc::kWeakKey, message);

  const Key allowed = must(Key::from_secret("mysecret", weak_ok()));
  EXPECT_TRUE(allowed.check_sign(Algorithm::kHS256));
  EXPECT_TRUE(allowed.check_verify(Algorithm::kHS512));
}

TEST(KeyPolicy, SecretLengthPerHash) {
  const Key s32 = must(Key::from_secret(std::string(32, 'k')));
  const Key s48 = must(Key::from_secret(std::string(48, 'k')));
  const Key s64 = must(Key::from_secret(std::string(64, 'k')));
  EXPECT_TRUE(s32.check_sign(Algorithm::kHS256));
  expect_error(s32.check_sign(Algorithm::kHS384), Errc::kWeakKey,
               "HMAC secret is 32 bytes but HS384 requires at least 48 (RFC 7518 §3.2); pass "
               "KeyOptions::insecure_allow_weak_secret to accept it");
  EXPECT_TRUE(s48.check_sign(Algorithm::kHS384));
  EXPECT_FALSE(s48.check_verify(Algorithm::kHS512));
  EXPECT_TRUE(s64.check_verify(Algorithm::kHS512));
  EXPECT_FALSE(must(Key::from_secret(std::string(31, 'k'))).check_verify(Algorithm::kHS256));
  // An empty secret parses (length policy applies at use) and is refused at use.
  EXPECT_FALSE(must(Key::from_secret("")).check_verify(Algorithm::kHS256));
}

TEST(KeyPolicy, FromSecretRefusesPemText) {
  for (const char* pem : {tk::kRsa2048Spki, tk::kP256Certificate, tk::kRsa2048Pkcs1}) {
    for (const std::string& text : {std::string(pem), "\n  " + std::string(pem)}) {
      const auto result = Key::from_secret(text, weak_ok());
      ASSERT_FALSE(result);
      EXPECT_EQ(result.error().code(), Errc::kKeyMismatch);
      EXPECT_NE(result.error().message().find("use Key::from_pem"), std::string::npos);
    }
  }
}

TEST(KeyPolicy, FromSecretRefusesJwkText) {
  const Key ec = must(Key::from_pem(tk::kP256Spki));
  const std::string jwk = must(ec.public_jwk());
  for (const std::string& text : {jwk, " \r\n" + jwk, "{\"keys\":[" + jwk + "]}",
                                  std::string("{\"kty\":\"oct\",\"k\":\"AAAA\"}")}) {
    const auto result = Key::from_secret(text, weak_ok());
    ASSERT_FALSE(result) << text;
    EXPECT_EQ(result.error().code(), Errc::kKeyMismatch);
    EXPECT_NE(result.error().message().find("Key::from_jwk"), std::string::npos);
  }
  // JSON that is not a key stays a (weak) secret: it is just bytes.
  EXPECT_TRUE(Key::from_secret("{\"a\":1}", weak_ok()));
}

TEST(KeyPolicy, FromSecretRefusesDerKeys) {
  const std::string der = jot_key_test::pem_block_der(tk::kRsa2048Spki, "PUBLIC KEY");
  const auto result = Key::from_secret(der);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Errc::kKeyMismatch);
  EXPECT_NE(result.error().message().find("Key::from_der"), std::string::npos);
}

TEST(KeyPolicy, FromSecretRefusesBase64DerKeys) {
  // The PEM body without its BEGIN/END lines, as some configurations store public keys.
  for (const char* pem : {tk::kRsa2048Spki, tk::kP256Spki, tk::kEd25519Pkcs8}) {
    std::string body(pem);
    body = body.substr(body.find('\n') + 1);
    body = body.substr(0, body.find("-----END"));
    for (const std::string& text : {body, std::string(body.begin(), body.end() - 1)}) {
      const auto result = Key::from_secret(text, weak_ok());
      ASSERT_FALSE(result) << text;
      EXPECT_EQ(result.error().code(), Errc::kKeyMismatch);
      EXPECT_NE(result.error().message().find("base64 text of a DER-encoded key"),
                std::string::npos);
    }
  }
  // Secrets that merely look like base64 stay secrets.
  EXPECT_TRUE(Key::from_secret("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnot-a-key"));
  EXPECT_TRUE(Key::from_secret("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"));
}

TEST(KeyPolicy, HmacNeedsASecret) {
  const Key rsa = must(Key::from_pem(tk::kRsa2048Pkcs1));
  expect_error(rsa.check_sign(Algorithm::kHS256), Errc::kKeyMismatch,
               "secretOrPrivateKey must be a symmetric key when using HS256");
  expect_error(rsa.check_verify(Algorithm::kHS384), Errc::kKeyMismatch,
               "secretOrPublicKey must be a symmetric key when using HS384");
  const Key ec = must(Key::from_pem(tk::kP256Spki));
  expect_error(ec.check_verify(Algorithm::kHS256), Errc::kKeyMismatch,
               "secretOrPublicKey must be a symmetric key when using HS256");
}

TEST(KeyPolicy, AsymmetricAlgorithmsNeedAnAsymmetricKey) {
  const Key secret = must(Key::from_secret(std::string(64, 's')));
  expect_error(secret.check_sign(Algorithm::kRS256), Errc::kKeyMismatch,
               "secretOrPrivateKey must be an asymmetric key when using RS256");
  expect_error(secret.check_verify(Algorithm::kES256), Errc::kKeyMismatch,
               "secretOrPublicKey must be an asymmetric key when using ES256");
  expect_error(secret.check_verify(Algorithm::kEdDSA), Errc::kKeyMismatch,
               "secretOrPublicKey must be an asymmetric key when using EdDSA");
  expect_error(secret.check_verify(Algorithm::kPS256), Errc::kKeyMismatch,
               "secretOrPublicKey must be an asymmetric key when using PS256");
}

TEST(KeyPolicy, KeyTypeMustFitTheAlgorithm) {
  const Key rsa = must(Key::from_pem(tk::kRsa2048Spki));
  const Key ec = must(Key::from_pem(tk::kP256Spki));
  const Key ed = must(Key::from_pem(tk::kEd25519Pkcs8));
  const Key ed448 = must(Key::from_pem(tk::kEd448Pkcs8));
  const char* rsa_message =
      "\"alg\" parameter for \"rsa\" key type must be one of: RS256, PS256, RS384, PS384, "
      "RS512, PS512.";
  expect_error(rsa.check_verify(Algorithm::kES256), Errc::kKeyMismatch, rsa_message);
  expect_error(rsa.check_verify(Algorithm::kEdDSA), Errc::kKeyMismatch, rsa_message);
  const char* ec_message =
      "\"alg\" parameter for \"ec\" key type must be one of: ES256, ES384, ES512, ES256K.";
  expect_error(ec.check_verify(Algorithm::kRS256), Errc::kKeyMismatch, ec_message);
  expect_error(ec.check_verify(Algorithm::kPS256), Errc::kKeyMismatch, ec_message);
  expect_error(ec.check_verify(Algorithm::kEdDSA), Errc::kKeyMismatch, ec_message);
  expect_error(ed.check_verify(Algorithm::kES256), Errc::kKeyMismatch,
               "\"alg\" parameter for \"ed25519\" key type must be one of: EdDSA.");
  expect_error(ed448.check_sign(Algorithm::kRS256), Errc::kKeyMismatch,
               "\"alg\" parameter for \"ed448\" key type must be one of: EdDSA.");
  EXPECT_TRUE(ed.check_verify(Algorithm::kEdDSA));
  EXPECT_TRUE(ed448.check_verify(Algorithm::kEdDSA));
}

TEST(KeyPolicy, EcdsaCurveMustMatch) {
  const Key p256 = must(Key::from_pem(tk::kP256Spki));
  const Key p384 = must(Key::from_pem(tk::kP384Sec1));
  const Key p521 = must(Key::from_pem(tk::kP521Pkcs8));
  const Key k256 = must(Key::from_pem(tk::kSecp256k1Sec1));
  expect_error(p384.check_verify(Algorithm::kES256), Errc::kKeyMismatch,
               "\"alg\" parameter \"ES256\" requires curve \"prime256v1\".");
  expect_error(p384.check_sign(Algorithm::kES256), Errc::kKeyMismatch,
               "\"alg\" parameter \"ES256\" requires curve \"prime256v1\".");
  expect_error(p256.check_verify(Algorithm::kES384), Errc::kKeyMismatch,
               "\"alg\" parameter \"ES384\" requires curve \"secp384r1\".");
  expect_error(p256.check_verify(Algorithm::kES512), Errc::kKeyMismatch,
               "\"alg\" parameter \"ES512\" requires curve \"secp521r1\".");
  expect_error(p256.check_verify(Algorithm::kES256K), Errc::kKeyMismatch,
               "\"alg\" parameter \"ES256K\" requires curve \"secp256k1\".");
  expect_error(k256.check_verify(Algorithm::kES256), Errc::kKeyMismatch,
               "\"alg\" parameter \"ES256\" requires curve \"prime256v1\".");
  EXPECT_TRUE(p256.check_verify(Algorithm::kES256));
  EXPECT_TRUE(p384.check_verify(Algorithm::kES384));
  EXPECT_TRUE(p521.check_verify(Algorithm::kES512));
  EXPECT_TRUE(k256.check_verify(Algorithm::kES256K));
}

TEST(KeyPolicy, NoneNeverGoesThroughAKey) {
  for (const Key& key :
       {must(Key::from_secret(std::string(64, 's'))), must(Key::from_pem(tk::kRsa2048Pkcs1)),
        must(Key::from_pem(tk::kEd25519Pkcs8))}) {
    EXPECT_EQ(key.check_sign(Algorithm::kNone).error().code(), Errc::kKeyMismatch);
    EXPECT_EQ(key.check_verify(Algorithm::kNone).error().code(), Errc::kKeyMismatch);
  }
}

TEST(KeyPolicy, SmallRsaNeedsTheOptInForSignAndVerify) {
  const Key key = must(Key::from_pem(tk::kRsa1024));
  EXPECT_EQ(key.bits(), 1024);
  expect_error(key.check_sign(Algorithm::kRS256), Errc::kWeakKey,
               "RSA key is 1024 bits but RS256 requires at least 2048; pass "
               "KeyOptions::insecure_allow_small_rsa to accept it");
  expect_error(key.check_verify(Algorithm::kPS384), Errc::kWeakKey,
               "RSA key is 1024 bits but PS384 requires at least 2048; pass "
               "KeyOptions::insecure_allow_small_rsa to accept it");
  const Key allowed = must(Key::from_pem(tk::kRsa1024, small_rsa_ok()));
  EXPECT_TRUE(allowed.check_sign(Algorithm::kRS256));
  EXPECT_TRUE(allowed.check_verify(Algorithm::kPS384));
  // The opt-in for secrets does not open the RSA rule.
  EXPECT_FALSE(must(Key::from_pem(tk::kRsa1024, weak_ok())).check_verify(Algorithm::kRS256));
}

TEST(KeyPolicy, ExponentThreeIsAccepted) {
  const Key key = must(Key::from_pem(tk::kRsaE3));
  EXPECT_TRUE(key.check_sign(Algorithm::kRS256));
  EXPECT_EQ(jot_key_test::json_object(must(key.public_jwk())).at("e").as_string(), "Aw");
}

TEST(KeyPolicy, PrivateKeysVerify) {
  for (const char* pem : {tk::kRsa2048Pkcs1, tk::kP256Sec1WithParams, tk::kEd25519Pkcs8}) {
    const Key key = must(Key::from_pem(pem));
    EXPECT_TRUE(key.check_verify(key.natural_algorithm()));
  }
}

TEST(KeyPolicy, BoundAlgorithmMustBeTheRequestedOne) {
  const Key rsa = must(Key::from_pem(tk::kRsa2048Spki));
  const std::string jwk =
      jot_key_test::jwk_with(must(rsa.public_jwk()), "alg", boost::json::value("RS256"));
  const Key bound = must(Key::from_jwk(jwk));
  EXPECT_EQ(bound.bound_algorithm(), Algorithm::kRS256);
  EXPECT_EQ(bound.natural_algorithm(), Algorithm::kRS256);
  EXPECT_EQ(bound.compatible_algorithms(), std::vector<Algorithm>{Algorithm::kRS256});
  EXPECT_TRUE(bound.check_verify(Algorithm::kRS256));
  expect_error(bound.check_verify(Algorithm::kPS256), Errc::kKeyMismatch,
               "the key is bound to RS256 by its JWK \"alg\" and cannot be used with PS256");

  const Key ec = must(Key::from_pem(tk::kP384Sec1));
  const auto wrong_curve = Key::from_jwk(
      jot_key_test::jwk_with(must(ec.public_jwk()), "alg", boost::json::value("ES256")));
  ASSERT_FALSE(wrong_curve);
  EXPECT_EQ(wrong_curve.error().code(), Errc::kKeyMismatch);
  EXPECT_EQ(wrong_curve.error().message(),
            "the JWK's \"alg\" does not fit its key: \"alg\" parameter \"ES256\" requires curve "
            "\"prime256v1\".");
  const auto hs_on_rsa = Key::from_jwk(
      jot_key_test::jwk_with(must(rsa.public_jwk()), "alg", boost::json::value("HS256")));
  ASSERT_FALSE(hs_on_rsa);
  EXPECT_EQ(hs_on_rsa.error().code(), Errc::kKeyMismatch);
}

TEST(KeyPolicy, JwkUseAndKeyOps) {
  const Key ec = must(Key::from_pem(tk::kP256Sec1WithParams));
  const std::string jwk = must(ec.private_jwk());

  const Key enc =
      must(Key::from_jwk(jot_key_test::jwk_with(jwk, "use", boost::json::value("enc"))));
  EXPECT_EQ(enc.check_verify(Algorithm::kES256).error().code(), Errc::kKeyMismatch);
  EXPECT_EQ(enc.check_sign(Algorithm::kES256).error().code(), Errc::kKeyMismatch);
  EXPECT_TRUE(enc.compatible_algorithms().empty());

  const Key sig =
      must(Key::from_jwk(jot_key_test::jwk_with(jwk, "use", boost::json::value("sig"))));
  EXPECT_TRUE(sig.check_sign(Algorithm::kES256));

  const Key verify_only =
      must(Key::from_jwk(jot_key_test::jwk_with(jwk, "key_ops", boost::json::array{"verify"})));
  EXPECT_TRUE(verify_only.check_verify(Algorithm::kES256));
  expect_error(verify_only.check_sign(Algorithm::kES256), Errc::kKeyMismatch,
               "the JWK's \"key_ops\" does not include \"sign\": this key may not sign");

  const Key sign_only =
      must(Key::from_jwk(jot_key_test::jwk_with(jwk, "key_ops", boost::json::array{"sign"})));
  EXPECT_TRUE(sign_only.check_sign(Algorithm::kES256));
  expect_error(sign_only.check_verify(Algorithm::kES256), Errc::kKeyMismatch,
               "the JWK's \"key_ops\" does not include \"verify\": this key may not verify");
}

TEST(KeyPolicy, CompatibleAlgorithms) {
  using V = std::vector<Algorithm>;
  EXPECT_EQ(must(Key::from_secret(std::string(8, 's'))).compatible_algorithms(),
            (V{Algorithm::kHS256, Algorithm::kHS384, Algorithm::kHS512}));
  EXPECT_EQ(must(Key::from_pem(tk::kRsa2048Spki)).compatible_algorithms(),
            (V{Algorithm::kRS256, Algorithm::kRS384, Algorithm::kRS512, Algorithm::kPS256,
               Algorithm::kPS384, Algorithm::kPS512}));
  EXPECT_EQ(must(Key::from_pem(tk::kP521Pkcs8)).compatible_algorithms(), V{Algorithm::kES512});
  EXPECT_EQ(must(Key::from_pem(tk::kSecp256k1Sec1)).compatible_algorithms(), V{Algorithm::kES256K});
  EXPECT_EQ(must(Key::from_pem(tk::kEd448Pkcs8)).compatible_algorithms(), V{Algorithm::kEdDSA});
}

TEST(KeyPolicy, WithKidSharesTheMaterial) {
  const Key key = must(Key::from_secret("mysecret", weak_ok()));
  const Key renamed = key.with_kid("other");
  EXPECT_EQ(renamed.kid(), "other");
  EXPECT_EQ(key.kid(), "");
  EXPECT_TRUE(renamed.check_sign(Algorithm::kHS256));  // opt-ins are kept
  EXPECT_EQ(jot_key_test::thumb(renamed), jot_key_test::thumb(key));
  const Key original = must(Key::from_pem(tk::kRsa2048Pkcs1));
  const Key rsa = original.with_kid("r");
  EXPECT_TRUE(rsa.check_sign(Algorithm::kRS256));
  EXPECT_EQ(jot_test::pkey_of(rsa), jot_test::pkey_of(original));
}

}  // namespace
