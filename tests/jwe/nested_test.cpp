// Nested JWTs (RFC 7519 §11.2): sign then encrypt, decrypt then verify; RFC 7520 §6.

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "jot/jwe.hpp"
#include "jot/jwt.hpp"
#include "jot/key.hpp"
#include "jwe_test_util.hpp"
#include "support/vectors.hpp"

namespace {

namespace json = boost::json;
using jot::ContentEncryption;
using jot::Errc;
using jot::Key;
using jot::KeyManagement;
namespace jwe = jot::jwe;

using jwe::test::allow;

TEST(JweNested, SignThenEncryptThenDecryptThenVerify) {
  const Key signer = Key::generate(jot::Algorithm::kES256).value();
  const Key recipient = Key::generate(jot::Curve::kX25519).value();
  jot::SignOptions sign;
  sign.issuer = "issuer.example";
  sign.expires_in = std::chrono::seconds(3600);
  const std::string token =
      jwe::try_sign_and_encrypt(R"({"sub":"alice"})", signer, sign, recipient,
                                {KeyManagement::kEcdhEsA256KW, ContentEncryption::kA256GCM})
          .value();
  jot::VerifyOptions verify;
  verify.issuer = {"issuer.example"};
  auto result = jwe::try_decrypt_and_verify(token, recipient, allow(KeyManagement::kEcdhEsA256KW),
                                            signer, verify);
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_EQ(result->encryption_header.get_string("cty"), "JWT");
  EXPECT_EQ(result->token.payload().get_string("sub"), "alice");
  EXPECT_EQ(result->token.header().get_string("alg"), "ES256");

  // The inner token's checks all apply: another signer, another issuer.
  const Key other = Key::generate(jot::Algorithm::kES256).value();
  EXPECT_EQ(jwe::try_decrypt_and_verify(token, recipient, allow(KeyManagement::kEcdhEsA256KW),
                                        other, verify)
                .error()
                .code(),
            Errc::kInvalidSignature);
  verify.issuer = {"someone.else"};
  EXPECT_EQ(jwe::try_decrypt_and_verify(token, recipient, allow(KeyManagement::kEcdhEsA256KW),
                                        signer, verify)
                .error()
                .code(),
            Errc::kClaimMismatch);
}

TEST(JweNested, AJweWithoutCtyJwtIsNotANestedJwt) {
  const Key signer = Key::generate(jot::Algorithm::kHS256).value();
  const Key recipient = Key::generate(KeyManagement::kA128KW).value();
  const std::string jws = jot::sign(R"({"sub":"a"})", signer);
  const std::string plain =
      jwe::encrypt(jws, recipient, {KeyManagement::kA128KW, ContentEncryption::kA128GCM});
  auto refused =
      jwe::try_decrypt_and_verify(plain, recipient, allow(KeyManagement::kA128KW), signer, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), Errc::kMalformed);
  EXPECT_EQ(refused.error().subject(), "cty");
}

TEST(JweNested, KeySetsOnBothSides) {
  const Key signer = Key::generate(jot::Algorithm::kRS256).value().with_kid("sig-1");
  const Key recipient = Key::generate(KeyManagement::kRsaOaep256).value().with_kid("enc-1");
  const std::string token =
      jwe::sign_and_encrypt(R"({"sub":"bob"})", signer, {}, recipient,
                            {KeyManagement::kRsaOaep256, ContentEncryption::kA128CbcHs256});
  const jot::KeySet verifiers({Key::from_jwk(signer.public_jwk().value()).value()});
  const jot::KeySet decrypters({recipient});
  auto result = jwe::try_decrypt_and_verify(token, decrypters, allow(KeyManagement::kRsaOaep256),
                                            verifiers, {});
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_EQ(result->token.payload().get_string("sub"), "bob");
}

// RFC 7520 §6: a PS256 JWT inside an RSA-OAEP/A128GCM JWE.
TEST(JweNested, Rfc7520Section6) {
  const json::value vector =
      jot_test::load_json("vectors/jose-cookbook/6.nesting_signatures_and_encryption.json");
  const Key signer =
      Key::from_jwk(json::serialize(vector.at("sign").at("input").at("key"))).value();
  const Key recipient =
      Key::from_jwk(json::serialize(vector.at("encrypt").at("input").at("key"))).value();
  const std::string token(vector.at("encrypt").at("output").at("compact").as_string());
  jot::VerifyOptions verify;
  verify.clock_timestamp = 1300819000;  // the claims expire at 1300819380
  auto result =
      jwe::try_decrypt_and_verify(token, recipient, allow(KeyManagement::kRsaOaep), signer, verify);
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_EQ(result->token.payload().get_string("iss"), "hobbiton.example");
  EXPECT_EQ(result->token.header().get_string("alg"), "PS256");
  verify.clock_timestamp.reset();
  EXPECT_EQ(
      jwe::try_decrypt_and_verify(token, recipient, allow(KeyManagement::kRsaOaep), signer, verify)
          .error()
          .code(),
      Errc::kExpired);
}

}  // namespace
