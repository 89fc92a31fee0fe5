// Minimal reproducers of what the libFuzzer targets (fuzz/) found, one test per finding, so
// that each fix stays fixed. See docs/security.md, "Fuzzing record".

#include <gtest/gtest.h>

#include <jot/jot.hpp>
#include <string>

namespace {

// fuzz_keys: Key::from_any sent every text containing "-----BEGIN" to the PEM parser, even a
// JWK whose string members contain it, so from_any refused JWKs that from_jwk accepts.
// Fixed in src/keys/key_detect.cpp: a JSON object is recognised before PEM.
TEST(FuzzRegressions, FromAnyReadsJwkWhoseStringsContainPemMarker) {
  const std::string oct = R"({"kty":"oct","k":"xDTbDcXnsCcFC_7B-----BEGINPJzik4hA1fseiZ0E4"})";
  const jot::KeyOptions weak{.insecure_allow_weak_secret = true};
  auto direct = jot::Key::from_jwk(oct, weak);
  ASSERT_TRUE(direct.has_value()) << direct.error().message();
  auto detected = jot::Key::from_any(oct, weak);
  ASSERT_TRUE(detected.has_value()) << detected.error().message();
  EXPECT_EQ(detected->thumbprint().value(), direct->thumbprint().value());

  const auto ec = jot::Key::generate(jot::Algorithm::kES256).value();
  const std::string jwk = ec.with_kid("-----BEGIN PUBLIC KEY-----").public_jwk().value();
  auto from_any = jot::Key::from_any(jwk);
  ASSERT_TRUE(from_any.has_value()) << from_any.error().message();
  EXPECT_EQ(from_any->kid(), "-----BEGIN PUBLIC KEY-----");
  EXPECT_EQ(from_any->thumbprint().value(), ec.thumbprint().value());
}

// The detection order must not let a PEM hide behind JSON: text that is not a JSON object
// but holds a PEM block is still read as PEM.
TEST(FuzzRegressions, FromAnyStillReadsPemWithLeadingText) {
  const auto ec = jot::Key::generate(jot::Algorithm::kES256).value();
  auto key = jot::Key::from_any("comment line\n" + ec.public_pem().value());
  ASSERT_TRUE(key.has_value()) << key.error().message();
  EXPECT_EQ(key->thumbprint().value(), ec.thumbprint().value());
}

// fuzz_keys, after the first fix: text that starts with '{' but is not JSON, and holds a PEM
// block, is what from_pem reads; from_any must not lose it to the JSON branch.
TEST(FuzzRegressions, FromAnyReadsPemAfterBraceThatIsNotJson) {
  const auto ec = jot::Key::generate(jot::Algorithm::kES256).value();
  const std::string text = "{\"keys\":[ truncated\n" + ec.public_pem().value();
  ASSERT_TRUE(jot::Key::from_pem(text).has_value());
  auto key = jot::Key::from_any(text);
  ASSERT_TRUE(key.has_value()) << key.error().message();
  EXPECT_EQ(key->thumbprint().value(), ec.thumbprint().value());
}

// fuzz_keys, in CI: a PKCS#1 RSAPublicKey in DER whose modulus happens to contain the bytes
// "-----BEGIN". from_der accepts it; from_any saw the PEM marker, sent it to from_pem and
// refused it. Fixed in src/keys/key_detect.cpp: a whole DER key structure is read as DER.
TEST(FuzzRegressions, FromAnyReadsDerWhoseBodyContainsPemMarker) {
  const std::string der(
      "\x30\x81\x89\x02\x81\x81\x00\xc2\xdc\x4a\x0e\xf3\x7d\x5d\x0b\x66\x59\xd2\x9e\x99"
      "\x64\xa6\x35\x0a\xe6\xe1\xaa\x7d\x24\xf3\xb8\x52\x68\xeb\x48\xe9\xd1\x5d\x7a\x0d"
      "\x52\x17\xdb\x63\x0b\x12\xad\xbf\xe1\x99\x2b\xde\xaf\xb1\xfb\x7b\x29\x20\xb4\x4a"
      "\x41\x7f\x8b\xda\x2c\xd0\x2d\x2d\x2d\x2d\x2d\x42\x45\x47\x49\x4e\x58\x7d\x0c\x44"
      "\x79\xab\xa1\x83\x68\x6b\xdf\x6a\x49\xa2\xbc\xfc\xfb\xa0\xf3\xf7\xf1\x90\x69\xd4"
      "\xa6\xba\x98\x68\x17\x54\x49\x56\x65\xdf\x4f\x97\xcb\xd9\x29\xc2\xeb\x31\x72\x04"
      "\x4d\x24\xd0\xa6\xf0\x71\xdf\xe5\x7b\xa7\x4b\x98\x48\xf3\x21\x02\x03\x01\x00\x01",
      140);
  ASSERT_NE(der.find("-----BEGIN"), std::string::npos);
  const jot::KeyOptions small{.insecure_allow_small_rsa = true};
  auto direct = jot::Key::from_der(der, small);
  ASSERT_TRUE(direct.has_value()) << direct.error().message();
  auto detected = jot::Key::from_any(der, small);
  ASSERT_TRUE(detected.has_value()) << detected.error().message();
  EXPECT_EQ(detected->thumbprint().value(), direct->thumbprint().value());
  EXPECT_EQ(detected->bits(), 1024);
}

}  // namespace
