// Encryption keys: generation, JWK import and export (X25519/X448, JWE "alg"), the
// use/key_ops/alg rules, passwords, and key sets that hold encryption keys.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "jot/base64url.hpp"
#include "jot/jwe.hpp"
#include "jot/jwt.hpp"
#include "jot/key.hpp"
#include "jwe_test_util.hpp"

namespace {

using jot::ContentEncryption;
using jot::Curve;
using jot::Errc;
using jot::Key;
using jot::KeyManagement;
using jot::KeySet;
namespace jwe = jot::jwe;

using jwe::test::allow;

std::string oct_jwk(std::size_t bytes, const std::string& extra) {
  return R"({"kty":"oct","k":")" + jot::base64url::encode(std::string(bytes, 'k')) + "\"" + extra +
         "}";
}

TEST(JweKeys, GenerateForEveryAlgorithm) {
  for (KeyManagement alg : jot::all_key_management()) {
    SCOPED_TRACE(std::string(jot::to_string(alg)));
    if (alg == KeyManagement::kDir) {
      EXPECT_EQ(Key::generate(alg).error().code(), Errc::kInvalidOption);
      continue;
    }
    const Key key = Key::generate(alg).value();
    EXPECT_TRUE(key.check_encrypt(alg, ContentEncryption::kA256GCM)) << to_string(alg);
    EXPECT_TRUE(key.check_decrypt(alg, ContentEncryption::kA256GCM)) << to_string(alg);
  }
  for (ContentEncryption enc : jot::all_content_encryption()) {
    const Key key = Key::generate(enc).value();
    EXPECT_EQ(static_cast<std::size_t>(key.bits()), jot::content_key_bytes(enc) * 8);
    EXPECT_TRUE(key.check_decrypt(KeyManagement::kDir, enc));
  }
  for (Curve curve : {Curve::kP256, Curve::kP384, Curve::kP521, Curve::kX25519, Curve::kX448}) {
    const Key key = Key::generate(curve).value();
    EXPECT_EQ(key.curve(), curve);
    EXPECT_EQ(
        key.compatible_key_management(),
        (std::vector<KeyManagement>{KeyManagement::kEcdhEs, KeyManagement::kEcdhEsA128KW,
                                    KeyManagement::kEcdhEsA192KW, KeyManagement::kEcdhEsA256KW}));
  }
  EXPECT_EQ(Key::generate(Curve::kNone).error().code(), Errc::kInvalidOption);
}

TEST(JweKeys, CompatibleKeyManagementFollowsTypeAndLength) {
  const Key k16 = Key::from_secret(std::string(16, 's')).value();
  EXPECT_EQ(k16.compatible_key_management(),
            (std::vector<KeyManagement>{KeyManagement::kDir, KeyManagement::kA128KW,
                                        KeyManagement::kA128GCMKW, KeyManagement::kPbes2Hs256A128KW,
                                        KeyManagement::kPbes2Hs384A192KW,
                                        KeyManagement::kPbes2Hs512A256KW}));
  const Key rsa = Key::generate(KeyManagement::kRsaOaep).value();
  EXPECT_EQ(rsa.compatible_key_management(),
            (std::vector<KeyManagement>{KeyManagement::kRsaOaep, KeyManagement::kRsaOaep256,
                                        KeyManagement::kRsaOaep384, KeyManagement::kRsaOaep512}));
  // Signature-only curves do no key agreement.
  EXPECT_TRUE(Key::generate(Curve::kEd25519).value().compatible_key_management().empty());
  EXPECT_TRUE(Key::generate(Curve::kSecp256k1).value().compatible_key_management().empty());
}

TEST(JweKeys, X25519AndX448JwkRoundTrip) {
  for (Curve curve : {Curve::kX25519, Curve::kX448}) {
    const Key key = Key::generate(curve).value();
    const std::string priv = key.private_jwk().value();
    const std::string pub = key.public_jwk().value();
    EXPECT_NE(pub.find(curve == Curve::kX25519 ? "\"crv\":\"X25519\"" : "\"crv\":\"X448\""),
              std::string::npos);
    EXPECT_EQ(pub.find("\"d\""), std::string::npos);
    const Key back = Key::from_jwk(priv).value();
    EXPECT_EQ(back.curve(), curve);
    EXPECT_TRUE(back.has_private());
    EXPECT_EQ(back.thumbprint().value(), key.thumbprint().value());
    // Encrypted to the exported public key, decrypted by the re-imported private key.
    const std::string token =
        jwe::encrypt("x", Key::from_jwk(pub).value(),
                     {KeyManagement::kEcdhEsA256KW, ContentEncryption::kA256GCM});
    EXPECT_EQ(jwe::decrypt(token, back, allow(KeyManagement::kEcdhEsA256KW)).plaintext, "x");
    // PEM too.
    EXPECT_EQ(Key::from_pem(key.private_pem().value()).value().curve(), curve);
  }
}

TEST(JweKeys, AJwkAlgBindsTheKeyToOneAlgorithm) {
  const Key a256kw = Key::from_jwk(oct_jwk(32, R"(,"alg":"A256KW")")).value();
  EXPECT_EQ(a256kw.bound_key_management(), KeyManagement::kA256KW);
  EXPECT_EQ(a256kw.compatible_key_management(), std::vector<KeyManagement>{KeyManagement::kA256KW});
  EXPECT_TRUE(a256kw.check_encrypt(KeyManagement::kA256KW, ContentEncryption::kA128GCM));
  for (KeyManagement other :
       {KeyManagement::kDir, KeyManagement::kA256GCMKW, KeyManagement::kPbes2Hs256A128KW}) {
    EXPECT_EQ(a256kw.check_encrypt(other, ContentEncryption::kA256GCM).error().code(),
              Errc::kKeyMismatch);
  }
  EXPECT_EQ(a256kw.check_verify(jot::Algorithm::kHS256).error().code(), Errc::kKeyMismatch);
  EXPECT_NE(a256kw.private_jwk().value().find("\"alg\":\"A256KW\""), std::string::npos);

  // A content encryption as "alg": a dir key for that one (RFC 7520 §5.6's key).
  const Key a128gcm = Key::from_jwk(oct_jwk(16, R"(,"alg":"A128GCM")")).value();
  EXPECT_TRUE(a128gcm.check_decrypt(KeyManagement::kDir, ContentEncryption::kA128GCM));
  EXPECT_EQ(
      a128gcm.check_decrypt(KeyManagement::kA128KW, ContentEncryption::kA128GCM).error().code(),
      Errc::kKeyMismatch);
  EXPECT_FALSE(Key::from_jwk(oct_jwk(16, R"(,"alg":"A256GCM")")));  // wrong length for it

  // A signature binding forbids encryption.
  const Key hs256 = Key::from_jwk(oct_jwk(32, R"(,"alg":"HS256")")).value();
  EXPECT_EQ(hs256.check_encrypt(KeyManagement::kA256KW, ContentEncryption::kA128GCM).error().code(),
            Errc::kKeyMismatch);
  EXPECT_TRUE(hs256.compatible_key_management().empty());
}

TEST(JweKeys, UseAndKeyOpsAreHonoured) {
  const Key sig = Key::from_jwk(oct_jwk(32, R"(,"use":"sig")")).value();
  EXPECT_EQ(sig.check_decrypt(KeyManagement::kA256KW, ContentEncryption::kA128GCM).error().code(),
            Errc::kKeyMismatch);
  EXPECT_EQ(sig.check_encrypt(KeyManagement::kDir, ContentEncryption::kA256GCM).error().code(),
            Errc::kKeyMismatch);
  EXPECT_TRUE(sig.check_verify(jot::Algorithm::kHS256));

  const Key enc = Key::from_jwk(oct_jwk(32, R"(,"use":"enc")")).value();
  EXPECT_TRUE(enc.check_decrypt(KeyManagement::kA256KW, ContentEncryption::kA128GCM));
  const std::string jws = jot::sign(R"({"a":1})", Key::from_secret(std::string(32, 'k')).value());
  auto verified = jot::try_verify(jws, enc);
  ASSERT_FALSE(verified);
  EXPECT_EQ(verified.error().code(), Errc::kKeyMismatch);

  const Key wrap_only = Key::from_jwk(oct_jwk(32, R"(,"key_ops":["wrapKey"])")).value();
  EXPECT_TRUE(wrap_only.check_encrypt(KeyManagement::kA256KW, ContentEncryption::kA128GCM));
  EXPECT_EQ(
      wrap_only.check_decrypt(KeyManagement::kA256KW, ContentEncryption::kA128GCM).error().code(),
      Errc::kKeyMismatch);
  EXPECT_EQ(wrap_only.check_verify(jot::Algorithm::kHS256).error().code(), Errc::kKeyMismatch);
  const Key unwrap_only = Key::from_jwk(oct_jwk(32, R"(,"key_ops":["unwrapKey"])")).value();
  const std::string token =
      jwe::encrypt("x", wrap_only, {KeyManagement::kA256KW, ContentEncryption::kA128GCM});
  EXPECT_EQ(jwe::decrypt(token, unwrap_only, allow(KeyManagement::kA256KW)).plaintext, "x");
  EXPECT_EQ(jwe::try_decrypt(token, wrap_only, allow(KeyManagement::kA256KW)).error().code(),
            Errc::kKeyMismatch);
  const Key decrypt_only = Key::from_jwk(oct_jwk(32, R"(,"key_ops":["decrypt"])")).value();
  EXPECT_TRUE(decrypt_only.check_decrypt(KeyManagement::kDir, ContentEncryption::kA256GCM));
  EXPECT_FALSE(decrypt_only.check_encrypt(KeyManagement::kDir, ContentEncryption::kA256GCM));
}

TEST(JweKeys, APasswordServesPbes2Only) {
  EXPECT_EQ(Key::from_password("").error().code(), Errc::kWeakKey);
  const Key password = Key::from_password("0123456789abcdef").value();  // 16 bytes
  EXPECT_TRUE(password.is_password());
  EXPECT_EQ(password.compatible_key_management(),
            (std::vector<KeyManagement>{KeyManagement::kPbes2Hs256A128KW,
                                        KeyManagement::kPbes2Hs384A192KW,
                                        KeyManagement::kPbes2Hs512A256KW}));
  EXPECT_EQ(
      password.check_encrypt(KeyManagement::kA128KW, ContentEncryption::kA128GCM).error().code(),
      Errc::kKeyMismatch);
  EXPECT_EQ(password.check_encrypt(KeyManagement::kDir, ContentEncryption::kA128GCM).error().code(),
            Errc::kKeyMismatch);
  EXPECT_EQ(password.check_sign(jot::Algorithm::kHS256).error().code(), Errc::kKeyMismatch);
  EXPECT_TRUE(password.compatible_algorithms().empty());
  EXPECT_FALSE(password.private_jwk());
}

TEST(JweKeys, KeySetChoosesTheDecryptionKey) {
  const Key a = Key::generate(Curve::kX25519).value().with_kid("a");
  const Key b = Key::generate(Curve::kP256).value().with_kid("b");
  const Key c = Key::generate(Curve::kP384).value().with_kid("c");
  const KeySet set =
      KeySet::from_jwks(R"({"keys":[)" + a.private_jwk().value() + "," + b.private_jwk().value() +
                        "," + c.private_jwk().value() + "]}")
          .value();
  ASSERT_EQ(set.keys().size(), 3u);
  jwe::EncryptOptions how{KeyManagement::kEcdhEs, ContentEncryption::kA128GCM};
  const std::string to_b = jwe::encrypt("for b", b, how);  // kid "b" from the key
  EXPECT_EQ(jwe::decrypt(to_b, set, allow(KeyManagement::kEcdhEs)).plaintext, "for b");
  // Without a kid, several keys could decrypt ECDH-ES: the set refuses to guess.
  how.kid = "";
  const std::string no_kid = jwe::encrypt("anon", b, how);
  EXPECT_EQ(jwe::try_decrypt(no_kid, set, allow(KeyManagement::kEcdhEs)).error().code(),
            Errc::kMultipleMatchingKeys);
  how.kid = "zzz";
  EXPECT_EQ(jwe::try_decrypt(jwe::encrypt("x", b, how), set, allow(KeyManagement::kEcdhEs))
                .error()
                .code(),
            Errc::kNoMatchingKey);
  // Signature keys are never chosen to decrypt.
  const Key sig = Key::from_jwk(oct_jwk(32, R"(,"use":"sig","kid":"s")")).value();
  const Key same = Key::from_jwk(oct_jwk(32, R"(,"kid":"s")")).value();
  const std::string token =
      jwe::encrypt("x", same, {KeyManagement::kA256KW, ContentEncryption::kA128GCM});
  EXPECT_EQ(jwe::try_decrypt(token, KeySet({sig}), allow(KeyManagement::kA256KW)).error().code(),
            Errc::kNoMatchingKey);
  // A resolver sees the header and picks the key.
  const jwe::KeyResolver resolve = [&](const jot::JsonObject& header) -> jot::Result<Key> {
    if (header.get_string("kid") == "s") return same;
    return jot::Error(Errc::kNoMatchingKey, "unknown kid");
  };
  EXPECT_EQ(jwe::decrypt(token, resolve, allow(KeyManagement::kA256KW)).plaintext, "x");
}

}  // namespace
