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

}  // namespace
