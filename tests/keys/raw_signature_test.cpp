// jot/raw_signature.hpp: the public signatures over raw bytes check the key binding first.

#include "jot/raw_signature.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using jot::Algorithm;
using jot::Key;

TEST(RawSignature, SignsAndVerifiesBytes) {
  for (const Algorithm alg : {Algorithm::kHS256, Algorithm::kRS256, Algorithm::kPS384,
                              Algorithm::kES256, Algorithm::kEdDSA}) {
    const Key key = Key::generate(alg).value();
    std::string signature = "prefix";
    ASSERT_TRUE(jot::sign_raw(alg, key, "input bytes", signature)) << jot::to_string(alg);
    ASSERT_EQ(signature.substr(0, 6), "prefix") << "sign_raw appends";
    signature.erase(0, 6);
    EXPECT_TRUE(jot::verify_raw(alg, key, "input bytes", signature)) << jot::to_string(alg);
    EXPECT_FALSE(jot::verify_raw(alg, key, "input byteS", signature)) << jot::to_string(alg);
  }
}

TEST(RawSignature, RefusesAForeignKeyAlgorithmPair) {
  const Key ec = Key::generate(Algorithm::kES256).value();
  std::string out;
  const auto refused = jot::sign_raw(Algorithm::kRS256, ec, "input", out);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), jot::Errc::kKeyMismatch);
  EXPECT_TRUE(out.empty());
  // A valid ES256 signature does not verify as ES384 with the same P-256 key.
  ASSERT_TRUE(jot::sign_raw(Algorithm::kES256, ec, "input", out));
  EXPECT_FALSE(jot::verify_raw(Algorithm::kES384, ec, "input", out));
  // A public key cannot sign; alg none has no signature.
  const Key pub = Key::from_pem(ec.public_pem().value()).value();
  EXPECT_FALSE(jot::sign_raw(Algorithm::kES256, pub, "input", out));
  EXPECT_TRUE(jot::verify_raw(Algorithm::kES256, pub, "input", out));
  const Key secret = Key::generate(Algorithm::kHS256).value();
  EXPECT_FALSE(jot::sign_raw(Algorithm::kNone, secret, "input", out));
  EXPECT_FALSE(jot::verify_raw(Algorithm::kNone, secret, "input", ""));
}

}  // namespace
