// Round trips of every key-management algorithm with every content encryption, and the
// basic refusals of a decrypt that is not allowed.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "jot/jwe.hpp"
#include "jot/key.hpp"

namespace {

using jot::ContentEncryption;
using jot::Curve;
using jot::Errc;
using jot::Key;
using jot::KeyManagement;

// A key for `alg` (and `enc`, for dir); ECDH-ES keys on `curve`.
Key key_for(KeyManagement alg, ContentEncryption enc, Curve curve = Curve::kP256) {
  if (alg == KeyManagement::kDir) return Key::generate(enc).value();
  if (alg >= KeyManagement::kEcdhEs && alg <= KeyManagement::kEcdhEsA256KW) {
    return Key::generate(curve).value();
  }
  if (alg >= KeyManagement::kPbes2Hs256A128KW && alg <= KeyManagement::kPbes2Hs512A256KW) {
    return Key::from_password("correct horse battery staple").value();
  }
  // One RSA key serves every RSA-OAEP variant (generating one per pair is slow).
  static const Key rsa = Key::generate(KeyManagement::kRsaOaep).value();
  if (alg >= KeyManagement::kRsaOaep && alg <= KeyManagement::kRsaOaep512) return rsa;
  return Key::generate(alg).value();
}

jot::jwe::DecryptOptions allow(KeyManagement alg) {
  jot::jwe::DecryptOptions options;
  options.algorithms = {alg};
  return options;
}

void round_trip(KeyManagement alg, ContentEncryption enc, const Key& key) {
  SCOPED_TRACE(std::string(jot::to_string(alg)) + " " + std::string(jot::to_string(enc)) + " " +
               std::string(jot::to_string(key.curve())));
  jot::jwe::EncryptOptions how;
  how.alg = alg;
  how.enc = enc;
  how.kid = "k1";
  how.pbes2_count = 1000;
  const std::string plaintext = "The true sign of intelligence is not knowledge but imagination.";
  auto token = jot::jwe::try_encrypt(plaintext, key, how);
  ASSERT_TRUE(token) << token.error().message();
  auto parts = jot::jwe::split(*token);
  ASSERT_TRUE(parts);
  auto decrypted = jot::jwe::try_decrypt(*token, key, allow(alg));
  ASSERT_TRUE(decrypted) << decrypted.error().message();
  EXPECT_EQ(decrypted->plaintext, plaintext);
  EXPECT_EQ(decrypted->alg, alg);
  EXPECT_EQ(decrypted->enc, enc);
  EXPECT_EQ(decrypted->header.get_string("alg"), jot::to_string(alg));
  EXPECT_EQ(decrypted->header.get_string("enc"), jot::to_string(enc));
  EXPECT_EQ(decrypted->header.get_string("kid"), "k1");

  // Every change to the tag is refused, with the one "decryption failed" error.
  std::string tampered = *token;
  const std::size_t tag_start = tampered.rfind('.') + 1;
  tampered[tag_start] = tampered[tag_start] == 'A' ? 'B' : 'A';
  auto refused = jot::jwe::try_decrypt(tampered, key, allow(alg));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), Errc::kInvalidSignature);
  EXPECT_EQ(refused.error().message(), "decryption failed");
}

TEST(JweRoundTrip, EveryAlgorithmWithEveryContentEncryption) {
  for (KeyManagement alg : jot::all_key_management()) {
    if (alg == KeyManagement::kRsa1_5) continue;
    for (ContentEncryption enc : jot::all_content_encryption()) {
      round_trip(alg, enc, key_for(alg, enc));
    }
  }
}

TEST(JweRoundTrip, EcdhEsOnEveryCurve) {
  for (Curve curve : {Curve::kP256, Curve::kP384, Curve::kP521, Curve::kX25519, Curve::kX448}) {
    for (KeyManagement alg : {KeyManagement::kEcdhEs, KeyManagement::kEcdhEsA128KW,
                              KeyManagement::kEcdhEsA192KW, KeyManagement::kEcdhEsA256KW}) {
      round_trip(alg, ContentEncryption::kA256GCM,
                 key_for(alg, ContentEncryption::kA256GCM, curve));
      round_trip(alg, ContentEncryption::kA128CbcHs256,
                 key_for(alg, ContentEncryption::kA128CbcHs256, curve));
    }
  }
}

TEST(JweRoundTrip, EncryptToThePublicKeyDecryptWithThePrivate) {
  for (KeyManagement alg : {KeyManagement::kRsaOaep256, KeyManagement::kEcdhEsA256KW}) {
    const Key priv = key_for(alg, ContentEncryption::kA256GCM);
    const Key pub = Key::from_jwk(priv.public_jwk().value()).value();
    jot::jwe::EncryptOptions how{alg, ContentEncryption::kA256GCM};
    const std::string token = jot::jwe::encrypt("hello", pub, how);
    EXPECT_EQ(jot::jwe::decrypt(token, priv, allow(alg)).plaintext, "hello");
    auto refused = jot::jwe::try_decrypt(token, pub, allow(alg));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code(), Errc::kKeyMismatch);
  }
}

TEST(JweRoundTrip, EmptyPlaintextAndClaimsObject) {
  const Key key = Key::generate(ContentEncryption::kA128CbcHs256).value();
  jot::jwe::EncryptOptions how{KeyManagement::kDir, ContentEncryption::kA128CbcHs256};
  EXPECT_EQ(
      jot::jwe::decrypt(jot::jwe::encrypt("", key, how), key, allow(KeyManagement::kDir)).plaintext,
      "");
  const auto claims = jot::JsonObject::parse(R"({"sub":"alice","n":1})").value();
  const std::string token = jot::jwe::encrypt(claims, key, how);
  EXPECT_EQ(jot::jwe::decrypt(token, key, allow(KeyManagement::kDir)).plaintext,
            R"({"sub":"alice","n":1})");
}

}  // namespace

namespace {

TEST(JweRoundTrip, EcdhPartyInfoEntersTheKeyDerivation) {
  const Key key = Key::generate(Curve::kP384).value();
  jot::jwe::EncryptOptions how{KeyManagement::kEcdhEs, ContentEncryption::kA192GCM};
  how.apu = "Alice";
  how.apv = "Bob";
  const std::string token = jot::jwe::encrypt("agreed", key, how);
  const auto decrypted = jot::jwe::decrypt(token, key, allow(KeyManagement::kEcdhEs));
  EXPECT_EQ(decrypted.plaintext, "agreed");
  EXPECT_EQ(decrypted.header.get_string("apu"), "QWxpY2U");
  EXPECT_EQ(decrypted.header.get_string("apv"), "Qm9i");
  how.apu = std::string(257, 'u');
  EXPECT_EQ(jot::jwe::try_encrypt("x", key, how).error().code(), Errc::kInvalidOption);
}

}  // namespace
